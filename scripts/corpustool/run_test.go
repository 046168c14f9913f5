package main

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// TestMain lets the test binary stand in for readeratcheck: with
// CORPUS_FAKE set it checks its arguments against CORPUS_FAKE_ARGS,
// prints CORPUS_FAKE_OUT and CORPUS_FAKE_ERR and exits with
// CORPUS_FAKE_EXIT.
func TestMain(m *testing.M) {
	if os.Getenv("CORPUS_FAKE") != "" {
		if got, want := strings.Join(os.Args[1:], " "), os.Getenv("CORPUS_FAKE_ARGS"); got != want {
			fmt.Fprintf(os.Stderr, "fake: args %q, want %q\n", got, want)
			os.Exit(99)
		}
		os.Stdout.WriteString(os.Getenv("CORPUS_FAKE_OUT"))
		os.Stderr.WriteString(os.Getenv("CORPUS_FAKE_ERR"))
		if os.Getenv("CORPUS_FAKE_EXIT") == "kill" {
			self, _ := os.FindProcess(os.Getpid())
			if err := self.Kill(); err != nil {
				os.Exit(98)
			}
			select {} // wait for the signal to land
		}
		code, _ := strconv.Atoi(os.Getenv("CORPUS_FAKE_EXIT"))
		os.Exit(code)
	}
	os.Exit(m.Run())
}

// fakeInput is an input run by the fake command, which prints stdout and
// stderr and exits with code.
func fakeInput(t *testing.T, stdout, stderr string, code int) input {
	return input{
		name: "fake",
		dir:  t.TempDir(),
		env: []string{"CORPUS_FAKE=1", "CORPUS_FAKE_ARGS=-json -test=false ./a ./b",
			"CORPUS_FAKE_OUT=" + stdout, "CORPUS_FAKE_ERR=" + stderr,
			"CORPUS_FAKE_EXIT=" + strconv.Itoa(code)},
		patterns: []string{"./a", "./b"},
		tests:    false,
	}
}

// diagJSON is -json output with one diagnostic on the file name whose fix
// inserts text at offset at.
func diagJSON(name string, at int, text string) string {
	return fmt.Sprintf(`{"p": {"readeratcheck": [{"posn": %q, "message": "m",
		"suggested_fixes": [{"message": "Fix it", "edits": [
			{"filename": %q, "start": %d, "end": %d, "new": %q}]}]}]}}`,
		name+":4:2", name, at, at, text)
}

// counts is what TestRunInput compares of an outcome.
type counts struct {
	exit, diags, internal, prereq, untyped, panics, badFixes int
	problems                                                 []string
}

// countsOf returns the counts of an outcome.
func countsOf(o outcome) counts {
	return counts{o.exitCode, len(o.diagnostics), o.count(internalError), o.count(failedPrereq),
		o.count(notTypeChecked), len(o.panics), len(o.badFixes), o.problems}
}

func TestRunInput(t *testing.T) {
	name := writeSource(t)
	body := strings.Index(fixSource, "\tx := 1")
	const panicText = "panic: boom\n\ngoroutine 1 [running]:\nmain.main()\n"
	for _, tc := range []struct {
		about  string
		stdout string
		stderr string
		code   int
		want   counts
	}{
		{"clean run", "{}\n", "", 0,
			counts{0, 0, 0, 0, 0, 0, 0, nil}},
		{"a diagnostic with a good fix", diagJSON(name, body, "\tprintln()\n"), "", 0,
			counts{0, 1, 0, 0, 0, 0, 0, nil}},
		{"a fix that breaks the file", diagJSON(name, body, "\tif {\n"), "", 0,
			counts{0, 1, 0, 0, 0, 0, 1, nil}},
		{"internal error and its dependents",
			`{"b": {"readeratcheck": {"error": "internal error in package b, x: boom"}},
			  "c": {"readeratcheck": {"error": "failed prerequisites: readeratcheck@b"}}}`, "", 0,
			counts{0, 0, 1, 1, 0, 0, 0, nil}},
		{"a package that does not type-check",
			`{"d": {"readeratcheck": {"error": "analysis skipped due to errors in package"}}}`,
			"-: # d\nd/d.go:1:1: undefined: x\n", 1,
			counts{1, 0, 0, 0, 1, 0, 0, nil}},
		{"exit 1 without a package error", "{}\n", "", 1,
			counts{1, 0, 0, 0, 0, 0, 0,
				[]string{"exit status 1 without a package that failed to load"}}},
		{"a panic", "", panicText, 2,
			counts{2, 0, 0, 0, 0, 1, 0, nil}},
		{"exit 2 and no output", "", "", 2,
			counts{2, 0, 0, 0, 0, 0, 0, []string{"no JSON output", "exit status 2"}}},
		{"output that is not JSON", "oops", "", 0,
			counts{0, 0, 0, 0, 0, 0, 0, []string{"reading the JSON output: " +
				"invalid character 'o' looking for beginning of value"}}},
	} {
		o := runInput(os.Args[0], fakeInput(t, tc.stdout, tc.stderr, tc.code))
		if got := countsOf(o); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s:\n got %+v\nwant %+v\nstderr: %s", tc.about, got, tc.want, o.stderr)
		}
		w := tc.want
		wantClean := w.internal+w.prereq+w.untyped+w.panics+w.badFixes == 0 && w.problems == nil
		if o.clean() != wantClean {
			t.Errorf("%s: clean() = %t, want %t", tc.about, o.clean(), wantClean)
		}
		if o.cost.Wall <= 0 {
			t.Errorf("%s: no wall time measured", tc.about)
		}
	}
}

func TestRunInputKilled(t *testing.T) {
	in := fakeInput(t, "", "", 0)
	in.env = append(in.env, "CORPUS_FAKE_EXIT=kill")
	o := runInput(os.Args[0], in)
	want := counts{-1, 0, 0, 0, 0, 0, 0, []string{"the command ended by signal: killed"}}
	if got := countsOf(o); !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

func TestRunInputNothing(t *testing.T) {
	if o := runInput(os.Args[0], input{name: "empty"}); o.ran {
		t.Errorf("an input with no patterns ran")
	}
	o := runInput(filepath.Join(t.TempDir(), "missing"), input{dir: t.TempDir(),
		patterns: []string{"./..."}})
	if len(o.problems) != 1 || !strings.HasPrefix(o.problems[0], "the command did not run") {
		t.Errorf("problems = %q, want that the command did not run", o.problems)
	}
}

func TestShortener(t *testing.T) {
	s := &shortener{
		roots: []string{"/work/main", "/root/go/pkg/mod", "/usr/local/go"},
		names: []string{"", "$GOMODCACHE", "$GOROOT"},
	}
	for _, tc := range []struct{ path, dir, want string }{
		{"/usr/local/go/src/io/io.go", "", "$GOROOT/src/io/io.go"},
		{"/root/go/pkg/mod/golang.org/x/tools@v0.52.0/go/ssa/func.go", "",
			"$GOMODCACHE/golang.org/x/tools@v0.52.0/go/ssa/func.go"},
		{"/work/main/readeratcheck/report.go", "", "readeratcheck/report.go"},
		{"/work/buildkit/cache/remotecache/s3/readerat.go", "/work/buildkit",
			"cache/remotecache/s3/readerat.go"},
		{"/work/mainly/x.go", "", "/work/mainly/x.go"},
		{"/elsewhere/x.go", "/work/buildkit", "/elsewhere/x.go"},
	} {
		if got := s.path(tc.path, tc.dir); got != tc.want {
			t.Errorf("path(%q, %q) = %q, want %q", tc.path, tc.dir, got, tc.want)
		}
	}
}

func TestParseFlags(t *testing.T) {
	cfg, err := parseFlags(nil)
	if err != nil || !reflect.DeepEqual(cfg.inputs, inputNames) || cfg.tree != "" {
		t.Errorf("parseFlags() = %+v, %v; want every input", cfg, err)
	}
	cfg, err = parseFlags([]string{"-inputs=", "-tree", "/x", "-md"})
	if err != nil || cfg.inputs != nil || cfg.tree != "/x" || !cfg.markdown {
		t.Errorf("parseFlags(tree only) = %+v, %v", cfg, err)
	}
	for _, args := range [][]string{
		{"-inputs=std,foo"},
		{"-inputs="},
		{"std"},
	} {
		if _, err := parseFlags(args); err == nil {
			t.Errorf("parseFlags(%q) succeeded, want an error", args)
		}
	}
}
