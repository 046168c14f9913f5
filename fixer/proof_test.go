package fixer_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	// The command under proof is built from this analyzer: importing it
	// keeps go test from serving a cached result after it changes.
	_ "github.com/readeratcheck/readeratcheck/readeratcheck"
)

// TestFixesProven applies every fix to a copy of the scenario packages,
// then checks that the result builds, passes go vet (copylocks above
// all), has no fixable diagnostic left, is unchanged by a second -fix,
// and passes each fixed package's parallel race test under -race, which
// must fail on the original code.
func TestFixesProven(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and race-tests every scenario; skipped with -short")
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "readeratcheck")
	run(t, "", nil, "go", "build", "-o", bin, "../cmd/readeratcheck")

	fixed := filepath.Join(tmp, "fixed")
	orig := filepath.Join(tmp, "orig")
	copyScenarios(t, filepath.Join(fixed, "src"))
	copyScenarios(t, filepath.Join(orig, "src"))
	env := gopathEnv(fixed)
	dir := filepath.Join(fixed, "src")
	pkgs := strings.Fields(run(t, dir, env, "go", "list", "./..."))

	// Step 1: what has a fix before, then apply the fixes.
	before := fixable(t, run(t, dir, env, bin, append([]string{"-json"}, pkgs...)...))
	if len(before) == 0 {
		t.Fatal("no diagnostic with a fix in the scenarios")
	}
	fix(t, dir, env, bin, pkgs)
	snapshot := hashTree(t, dir)

	// Step 2: the fixed code builds, and go vet finds nothing in it that
	// it did not find in the original (some scenarios copy locks on
	// purpose, to show the analyzer declining to fix them).
	run(t, dir, env, "go", "build", "./...")
	vetBefore, _ := command(filepath.Join(orig, "src"), gopathEnv(orig), "go", "vet", "./...")
	vetAfter, _ := command(dir, env, "go", "vet", "./...")
	known := vetFindings(vetBefore)
	for f := range vetFindings(vetAfter) {
		if !known[f] {
			t.Errorf("go vet after -fix: %s", f)
		}
	}

	// Step 3: nothing that had a fix is reported any more, and a second
	// -fix changes nothing.
	after := fixable(t, run(t, dir, env, bin, append([]string{"-json"}, pkgs...)...))
	for k := range after {
		t.Errorf("still reported with a fix after -fix: %s", k)
	}
	for k := range diagnosed(t, run(t, dir, env, bin, append([]string{"-json"}, pkgs...)...)) {
		if before[k] {
			t.Errorf("still reported after its fix: %s", k)
		}
	}
	fix(t, dir, env, bin, pkgs)
	if again := hashTree(t, dir); again != snapshot {
		t.Errorf("a second -fix changed the fixed files")
	}

	// Step 4: the race tests pass on the fixed packages and fail on the
	// originals of those whose fix they cover.
	tested := racePackages(t, dir, before)
	if len(tested) == 0 {
		t.Fatal("no fixed package has a race test")
	}
	args := append([]string{"test", "-race", "-count=1", "-timeout=120s"}, tested...)
	run(t, dir, env, "go", args...)
	origOut, err := command(filepath.Join(orig, "src"), gopathEnv(orig), "go", args...)
	if err == nil {
		t.Fatalf("race tests passed on the unfixed code:\n%s", origOut)
	}
	for _, p := range tested {
		if !regexp.MustCompile(`(?m)^FAIL\s+` + regexp.QuoteMeta(p) + `\s`).MatchString(origOut) {
			t.Errorf("race test of %s does not fail on the unfixed code", p)
		}
	}
}

// copyScenarios copies testdata/src, without goldens, to dst.
func copyScenarios(t *testing.T, dst string) {
	t.Helper()
	src, err := filepath.Abs(filepath.Join("..", "testdata", "src"))
	if err != nil {
		t.Fatal(err)
	}
	err = filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		out := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(out, 0o755)
		}
		if strings.HasSuffix(p, ".golden") {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(out, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func gopathEnv(gopath string) []string {
	return append(os.Environ(), "GO111MODULE=off", "GOPATH="+gopath, "GOFLAGS=")
}

func command(dir string, env []string, name string, args ...string) (string, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Env = dir, env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}

// fix runs the analyzer with -fix on pkgs. It exits 3, not 0, because
// some scenarios have findings without a fix; any other failure fails
// the test.
func fix(t *testing.T, dir string, env []string, bin string, pkgs []string) {
	t.Helper()
	out, err := command(dir, env, bin, append([]string{"-fix"}, pkgs...)...)
	var exit *exec.ExitError
	if err != nil && (!errors.As(err, &exit) || exit.ExitCode() != 3) {
		t.Fatalf("%s -fix: %v\n%s", bin, err, out)
	}
}

// run runs a command and fails the test if it fails. With -json, the
// analyzer exits 0 whatever it finds.
func run(t *testing.T, dir string, env []string, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Env = dir, env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s%s", name, strings.Join(args, " "), err,
			stdout.String(), stderr.String())
	}
	return stdout.String()
}

// jsonDiag is the part of the analyzer's -json output this test reads.
type jsonDiag struct {
	Category       string `json:"category"`
	Posn           string `json:"posn"`
	Message        string `json:"message"`
	SuggestedFixes []struct {
		Message string `json:"message"`
	} `json:"suggested_fixes"`
}

// parse returns the diagnostics of -json output, keyed by package, the
// method the message names (positions move when a file is fixed) and the
// category.
func parse(t *testing.T, out string) map[string]jsonDiag {
	t.Helper()
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &tree); err != nil {
		t.Fatalf("bad -json output: %v\n%s", err, out)
	}
	diags := make(map[string]jsonDiag)
	for pkg, byAnalyzer := range tree {
		pkg = strings.Fields(pkg)[0] // p and p [p.test] are one
		for _, raw := range byAnalyzer {
			var list []jsonDiag
			if json.Unmarshal(raw, &list) != nil {
				continue // an error object
			}
			for _, d := range list {
				method, _, _ := strings.Cut(d.Message, " ")
				diags[pkg+" "+method+" "+d.Category] = d
			}
		}
	}
	return diags
}

func diagnosed(t *testing.T, out string) map[string]bool {
	set := make(map[string]bool)
	for k := range parse(t, out) {
		set[k] = true
	}
	return set
}

func fixable(t *testing.T, out string) map[string]bool {
	set := make(map[string]bool)
	for k, d := range parse(t, out) {
		if len(d.SuggestedFixes) > 0 {
			set[k] = true
		}
	}
	return set
}

// racePackages returns the packages that had a fix and have a test file.
func racePackages(t *testing.T, dir string, fixed map[string]bool) []string {
	seen := make(map[string]bool)
	for k := range fixed {
		pkg, _, _ := strings.Cut(k, " ")
		tests, _ := filepath.Glob(filepath.Join(dir, filepath.FromSlash(pkg), "*_test.go"))
		if len(tests) > 0 {
			seen[pkg] = true
		}
	}
	var out []string
	for p := range seen {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// hashTree returns the concatenated contents of the Go files under dir,
// for comparing two states of the tree.
func hashTree(t *testing.T, dir string) string {
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") {
			return err
		}
		data, err := os.ReadFile(p)
		b.WriteString(p)
		b.Write(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// vetFindings returns go vet's findings without their line and column,
// which fixes move.
func vetFindings(out string) map[string]bool {
	re := regexp.MustCompile(`^(\S+\.go):\d+:\d+: (.*)$`)
	set := make(map[string]bool)
	for _, line := range strings.Split(out, "\n") {
		if m := re.FindStringSubmatch(line); m != nil {
			set[m[1]+": "+m[2]] = true
		}
	}
	return set
}
