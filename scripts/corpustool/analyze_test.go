package main

import (
	"reflect"
	"strings"
	"testing"
)

// sampleJSON is -json output in the driver's shape: p and p [p.test]
// share a finding; one package has a second finding on an earlier line;
// three packages failed in the three ways.
const sampleJSON = `{
	"example.com/a": {
		"readeratcheck": [
			{"posn": "/src/a/a.go:10:2", "end": "/src/a/a.go:10:9", "message": "second",
			 "suggested_fixes": [{"message": "Lock it", "edits": [
				{"filename": "/src/a/a.go", "start": 5, "end": 5, "new": "x"}]}]},
			{"posn": "/src/a/a.go:9:1", "end": "/src/a/a.go:9:4", "message": "first"}
		]
	},
	"example.com/a [example.com/a.test]": {
		"readeratcheck": [
			{"posn": "/src/a/a.go:10:2", "end": "/src/a/a.go:10:9", "message": "second",
			 "suggested_fixes": [{"message": "Lock it", "edits": [
				{"filename": "/src/a/a.go", "start": 5, "end": 5, "new": "x"}]}]}
		]
	},
	"example.com/b": {"readeratcheck": {
		"error": "internal error in package example.com/b, summarizing functions: boom\nstack"}},
	"example.com/c": {"readeratcheck": {
		"error": "failed prerequisites: readeratcheck@example.com/b"}},
	"example.com/d": {"readeratcheck": {"error": "analysis skipped due to errors in package"}}
}`

func TestParseJSON(t *testing.T) {
	diags, failures, err := parseJSON([]byte(sampleJSON))
	if err != nil {
		t.Fatal(err)
	}
	lockFix := []fix{{Message: "Lock it",
		Edits: []edit{{Filename: "/src/a/a.go", Start: 5, End: 5, New: "x"}}}}
	wantDiags := []diagnostic{
		{posn: "/src/a/a.go:9:1", message: "first", packages: []string{"example.com/a"}},
		{posn: "/src/a/a.go:10:2", message: "second", fixes: lockFix,
			packages: []string{"example.com/a", "example.com/a [example.com/a.test]"}},
	}
	if !reflect.DeepEqual(diags, wantDiags) {
		t.Errorf("diagnostics:\n%+v\nwant\n%+v", diags, wantDiags)
	}
	wantFailures := []failure{
		{failedPrereq, "example.com/c", "failed prerequisites: readeratcheck@example.com/b"},
		{internalError, "example.com/b",
			"internal error in package example.com/b, summarizing functions: boom\nstack"},
		{notTypeChecked, "example.com/d", "analysis skipped due to errors in package"},
	}
	if !reflect.DeepEqual(failures, wantFailures) {
		t.Errorf("failures:\n%q\nwant\n%q", failures, wantFailures)
	}
}

func TestParseJSONEmpty(t *testing.T) {
	diags, failures, err := parseJSON([]byte("{}\n"))
	if err != nil || len(diags) != 0 || len(failures) != 0 {
		t.Errorf("parseJSON({}) = %v, %v, %v; want nothing", diags, failures, err)
	}
}

func TestParseJSONErrors(t *testing.T) {
	for _, text := range []string{
		``,
		`[]`,
		`{"p": {"readeratcheck": "text"}}`,
		`{"p": {"readeratcheck": {"error": 1}}}`,
		`{"p": {"readeratcheck": [{"posn": 1}]}}`,
	} {
		if _, _, err := parseJSON([]byte(text)); err == nil {
			t.Errorf("parseJSON(%q) succeeded, want an error", text)
		}
	}
}

func TestSplitPosn(t *testing.T) {
	for _, tc := range []struct {
		posn      string
		file      string
		line, col int
	}{
		{"/a/b.go:12:3", "/a/b.go", 12, 3},
		{"/a/b.go:12", "/a/b.go", 12, 0},
		{"/a/b.go", "/a/b.go", 0, 0},
		{"C:/a/b.go:7:1", "C:/a/b.go", 7, 1},
		{"-", "-", 0, 0},
	} {
		file, line, col := splitPosn(tc.posn)
		if file != tc.file || line != tc.line || col != tc.col {
			t.Errorf("splitPosn(%q) = %q, %d, %d; want %q, %d, %d", tc.posn, file, line, col,
				tc.file, tc.line, tc.col)
		}
	}
}

// Lines compare as numbers: line 9 comes before line 10.
func TestComparePosn(t *testing.T) {
	ordered := []string{"/a.go:9:5", "/a.go:10:1", "/a.go:10:2", "/b.go:1:1"}
	for i := range ordered {
		for j := range ordered {
			got := comparePosn(ordered[i], ordered[j])
			want := 0
			if i < j {
				want = -1
			} else if i > j {
				want = 1
			}
			if got != want {
				t.Errorf("comparePosn(%q, %q) = %d, want %d", ordered[i], ordered[j], got, want)
			}
		}
	}
}

func TestFindPanics(t *testing.T) {
	var trace []string
	for i := range 30 {
		trace = append(trace, "\tframe"+strings.Repeat("x", i))
	}
	stderr := "some load error\npanic: runtime error: index out of range [3] with length 3\n\n" +
		"goroutine 7 [running]:\n" + strings.Join(trace, "\n") + "\n"
	got := findPanics(stderr)
	if len(got) != 1 {
		t.Fatalf("findPanics found %d panics, want 1", len(got))
	}
	lines := strings.Split(got[0], "\n")
	if len(lines) != maxPanicLines {
		t.Errorf("excerpt has %d lines, want %d", len(lines), maxPanicLines)
	}
	if lines[0] != "panic: runtime error: index out of range [3] with length 3" ||
		lines[2] != "goroutine 7 [running]:" {
		t.Errorf("excerpt starts %q", lines[:3])
	}
	if got := findPanics("fatal error: out of memory\n"); len(got) != 1 ||
		got[0] != "fatal error: out of memory" {
		t.Errorf("findPanics(fatal error) = %q", got)
	}
	if got := findPanics("x.go:1:2: no panic: here\n\tpanic: nested\n"); got != nil {
		t.Errorf("findPanics found %q in lines that do not start a panic", got)
	}
}

func TestClassify(t *testing.T) {
	for text, want := range map[string]string{
		"analysis skipped due to errors in package":             notTypeChecked,
		"failed prerequisites: readeratcheck@example.com/b":     failedPrereq,
		"internal error in package p, building summaries: boom": internalError,
		"some other error": internalError,
	} {
		if got := classify(text); got != want {
			t.Errorf("classify(%q) = %q, want %q", text, got, want)
		}
	}
}
