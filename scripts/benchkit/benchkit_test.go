package benchkit

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestParseBuildList(t *testing.T) {
	lines := []string{
		"fmt\ttrue\tfalse\tfmt",
		"golang.org/x/mod/semver\tfalse\tfalse\tsemver",
		"example.com/m/cmd/tool\tfalse\ttrue\tmain",
		"example.com/m/cmd/tool.test\tfalse\ttrue\tmain",
		"example.com/m/lib\tfalse\ttrue\tlib",
		"example.com/m/lib.test\tfalse\ttrue\tlib",
	}
	got, err := parseBuildList(lines)
	if err != nil {
		t.Fatal(err)
	}
	want := BuildList{
		Module: []string{"example.com/m/cmd/tool", "example.com/m/lib", "example.com/m/lib.test"},
		Std:    []string{"fmt"},
		Deps:   []string{"golang.org/x/mod/semver"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("parseBuildList =\n%+v\nwant\n%+v", got, want)
	}
}

func TestParseBuildListErrors(t *testing.T) {
	for _, lines := range [][]string{
		{"fmt\ttrue\tfalse"},
		{"fmt\ttrue\tfalse\tfmt"},
	} {
		if _, err := parseBuildList(lines); err == nil {
			t.Errorf("parseBuildList(%q) succeeded, want an error", lines)
		}
	}
}

// TestProjectBuildList lists a small module with a test: the test's
// imports belong to the build list, the test variants and the test main
// do not.
func TestProjectBuildList(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"go.mod":        "module example.com/m\n\ngo 1.26.0\n",
		"lib/lib.go":    "package lib\n\nimport \"strconv\"\n\nvar S = strconv.Itoa(1)\n",
		"lib/x_test.go": "package lib\n\nimport \"testing\"\n\nfunc TestS(t *testing.T) {}\n",
	}
	for name, text := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	list, err := ProjectBuildList(dir)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"example.com/m/lib"}; !reflect.DeepEqual(list.Module, want) {
		t.Errorf("Module = %q, want %q", list.Module, want)
	}
	if len(list.Deps) != 0 {
		t.Errorf("Deps = %q, want none", list.Deps)
	}
	for _, want := range []string{"strconv", "testing"} {
		if !contains(list.Std, want) {
			t.Errorf("Std lacks %q", want)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
