package main

import (
	"bytes"
	"errors"
	"flag"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// TestParseCommandLine checks which mode each command line selects.
func TestParseCommandLine(t *testing.T) {
	tests := []struct {
		args []string
		want commandLine
	}{
		{nil, want(modeUsage, "tests")},
		{[]string{"./..."}, want(modeChecker, "tests", "./...")},
		{[]string{"-json", "-c=2", "p"}, want(modeChecker, "tests", "p")},
		{[]string{"-diff", "p"}, want(modeChecker, "diff tests", "p")},
		{[]string{"-fix", "p", "q"}, want(modeFix, "tests", "p", "q")},
		{[]string{"-fix", "-diff", "-test=false", "p"}, want(modeFix, "diff", "p")},
		{[]string{"-sarif", "p"}, want(modeSARIF, "tests", "p")},
		{[]string{"-sarif=false", "-json", "p"}, want(modeChecker, "tests", "p")},
		{[]string{"-source", "-v", "-all", "-tags=x", "-fix", "p"}, want(modeFix, "tests", "p")},

		// The go command's protocol goes to singlechecker.
		{[]string{"-flags"}, want(modeVet, "tests")},
		{[]string{"-V=full"}, want(modeVet, "tests")},
		{[]string{"-fix", "-diff", "unit.cfg"}, want(modeVet, "diff tests", "unit.cfg")},
		{[]string{"-sarif", "unit.cfg"}, want(modeVet, "tests", "unit.cfg")},
	}
	for _, tt := range tests {
		var stderr bytes.Buffer
		got, err := parseCommandLine(testAnalyzer(), tt.args, &stderr)
		if err != nil {
			t.Errorf("%q: %v\n%s", tt.args, err, &stderr)
			continue
		}
		got.usage = nil
		if len(got.patterns) == 0 {
			got.patterns = nil // empty or nil, all the same
		}
		if !reflect.DeepEqual(*got, tt.want) {
			t.Errorf("%q: got %+v, want %+v", tt.args, *got, tt.want)
		}
		if stderr.Len() > 0 {
			t.Errorf("%q: stderr %q", tt.args, &stderr)
		}
	}
}

// TestAnalyzerFlags checks that the analyzer's flags are parsed into the
// analyzer, whatever the mode.
func TestAnalyzerFlags(t *testing.T) {
	lines := [][]string{{"-strict", "-fix", "p"}, {"-strict", "p"}, {"-strict", "-flags"}}
	for _, args := range lines {
		a := testAnalyzer()
		if _, err := parseCommandLine(a, args, new(bytes.Buffer)); err != nil {
			t.Fatal(err)
		}
		if got := a.Flags.Lookup("strict").Value.String(); got != "true" {
			t.Errorf("%q: -strict is %s", args, got)
		}
	}
}

// TestParseErrors checks the command lines refused, with their messages.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string // the first line of stderr
	}{
		{[]string{"-fix", "-sarif", "p"}, "test: -fix and -sarif cannot be used together\n"},
		{[]string{"-sarif", "-diff", "p"},
			"test: -diff needs -fix and cannot be used with -sarif\n"},
		{[]string{"-fix", "-json", "p"}, "test: -json cannot be used with -fix\n"},
		{[]string{"-sarif", "-c=3", "p"}, "test: -c cannot be used with -sarif\n"},
		{[]string{"-fix", "-cpuprofile=x", "p"}, "test: -cpuprofile cannot be used with -fix\n"},
		{[]string{"-nosuch", "p"}, "flag provided but not defined: -nosuch\n"},
		{[]string{"-test=maybe", "p"},
			`invalid boolean value "maybe" for -test: parse error` + "\n"},
	}
	for _, tt := range tests {
		var stderr bytes.Buffer
		_, err := parseCommandLine(testAnalyzer(), tt.args, &stderr)
		if err == nil || errors.Is(err, flag.ErrHelp) {
			t.Errorf("%q: error %v", tt.args, err)
			continue
		}
		first, _, _ := bytes.Cut(stderr.Bytes(), []byte("\n"))
		if got := string(first) + "\n"; got != tt.want {
			t.Errorf("%q: stderr starts with %q, want %q", tt.args, got, tt.want)
		}
	}

	// -h prints the usage and asks to exit 0.
	var stderr bytes.Buffer
	_, err := parseCommandLine(testAnalyzer(), []string{"-h"}, &stderr)
	if !errors.Is(err, flag.ErrHelp) {
		t.Errorf("-h: error %v, want %v", err, flag.ErrHelp)
	}
	const title = "test: report every method named ReadAt\n"
	if !bytes.HasPrefix(stderr.Bytes(), []byte(title)) ||
		!bytes.Contains(stderr.Bytes(), []byte("\n  -sarif\n")) {
		t.Errorf("-h prints:\n%s", &stderr)
	}
}

// want returns the command line with the mode, the booleans named in
// bools ("diff", "tests") set, and the patterns.
func want(m mode, bools string, patterns ...string) commandLine {
	return commandLine{
		mode:     m,
		diff:     strings.Contains(bools, "diff"),
		tests:    strings.Contains(bools, "tests"),
		patterns: patterns,
	}
}

// testAnalyzer returns a new analyzer with one flag of its own, -strict.
func testAnalyzer() *analysis.Analyzer {
	a := &analysis.Analyzer{Name: "test", Doc: readatDoc, Run: runReadat}
	a.Flags.Bool("strict", false, "be strict")
	return a
}
