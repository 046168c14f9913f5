package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const fixSource = "package p\n\nfunc f() {\n\tx := 1\n\t_ = x\n}\n"

// writeSource writes fixSource to a temporary Go file and returns its name.
func writeSource(t *testing.T) string {
	t.Helper()
	name := filepath.Join(t.TempDir(), "p.go")
	if err := os.WriteFile(name, []byte(fixSource), 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

func TestCheckFix(t *testing.T) {
	name := writeSource(t)
	body := strings.Index(fixSource, "\tx := 1")
	for _, tc := range []struct {
		about string
		edits []edit
		err   string // a substring of the error, or "" for none
	}{
		{"insertion", []edit{{name, body, body, "\tprintln()\n"}}, ""},
		{"two insertions at one offset", []edit{
			{name, body, body, "\tprintln()\n"},
			{name, body, body, "\tprintln()\n"},
		}, ""},
		{"replacement", []edit{{name, body + 1, body + 7, "y := 2"}}, ""},
		{"edits out of order", []edit{
			{name, body + 1, body + 7, "y := 2"},
			{name, 0, 0, "// Package p.\n"},
		}, ""},
		{"broken syntax", []edit{{name, body, body, "\tif {\n"}}, "does not parse"},
		{"overlap", []edit{
			{name, body, body + 5, ""},
			{name, body + 3, body + 6, ""},
		}, "overlaps"},
		{"past the end", []edit{{name, 0, len(fixSource) + 1, ""}}, "outside"},
		{"end before start", []edit{{name, 5, 4, ""}}, "outside"},
		{"missing file", []edit{{name + "x", 0, 0, ""}}, "no such file"},
	} {
		err := checkFix(fix{Message: tc.about, Edits: tc.edits}, make(fileCache))
		switch {
		case tc.err == "" && err != nil:
			t.Errorf("%s: %v", tc.about, err)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("%s: error %v, want one containing %q", tc.about, err, tc.err)
		}
	}
}

// A file that is not Go is only checked for edits that apply.
func TestCheckFixOtherFile(t *testing.T) {
	name := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(name, []byte("if {"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := checkFix(fix{Edits: []edit{{name, 0, 0, "x"}}}, make(fileCache)); err != nil {
		t.Error(err)
	}
}

func TestApplyEdits(t *testing.T) {
	got, err := applyEdits([]byte("abcdef"), []edit{
		{"", 0, 0, "<"},
		{"", 1, 3, "XY"},
		{"", 3, 3, "-"},
		{"", 6, 6, ">"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := "<aXY-def>"; string(got) != want {
		t.Errorf("applyEdits = %q, want %q", got, want)
	}
}
