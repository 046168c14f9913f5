// Command readeratcheck reports ReadAt and WriteAt methods that are unsafe
// for parallel use, and fixes them.
//
// Usage:
//
//	readeratcheck [-json] [-test=false] [-race=false] [-contract=false] pkgs
//	readeratcheck -fix [-diff] [flags] packages...
//	readeratcheck -sarif [flags] packages... > report.sarif
//	go vet -vettool=$(command -v readeratcheck) [-fix [-diff]] packages...
//	go fix -fixtool=$(command -v readeratcheck) [-diff] packages...
//
// Installed as a module tool (go get -tool
// github.com/readeratcheck/readeratcheck/cmd/readeratcheck), it runs as
// "go tool readeratcheck" and "go vet -vettool=$(go tool -n readeratcheck)".
//
// # Reports
//
// Without -fix or -sarif the command behaves as every command built on
// x/tools' singlechecker: it loads the packages with go/packages (test
// files too, unless -test=false) and prints each finding on standard
// error as "file:line:col: message", with absolute paths; -c=N adds N
// lines of context; -json prints the findings and errors as JSON on
// standard output instead. Run by go vet, it analyzes one compilation
// unit at a time, and go vet prints the findings with relative paths.
//
// # Fixes
//
// -fix applies the first suggested fix of each finding. Fixes that make
// the same change, as the fixes of a file analyzed both as part of p and
// of p [p.test], count once. A fix that overlaps a fix taken before it
// (in the order of the findings' positions) is dropped whole and
// reported; the others are still applied. Each changed Go file is
// formatted as gofmt would. Each file is written atomically: the new
// content goes to a temporary file in the same directory, is synced to
// disk and renamed over the original, keeping its mode and owner; a
// reader sees the old file or the new one, never half of one. All
// temporary files are written before the first rename, so an error while
// writing leaves every file as it was. Edits in one fix may span files.
//
// No fix touches a file of a package that fails to load or type-check
// (with tests, a type error in a _test.go file blocks its whole package),
// a generated file, or a file changed since it was loaded; no file is
// written whose fixed content would not parse. Such fixes are reported
// and dropped. Findings that offer no fix are printed with "(no fix
// offered)".
//
// -fix -diff prints the fixes as a unified diff on standard output, with
// paths relative to the working directory ("patch -p1" applies it), and
// writes nothing. Its exit code does not depend on whether the diff is
// empty: for a gate that fails while fixes are pending, use
// "go vet -vettool=... -fix -diff" or "go fix -fixtool=... -diff", or the
// plain report's exit code 3.
//
// # SARIF
//
// -sarif prints a SARIF 2.1.0 log on standard output: one rule per
// diagnostic category (the analyzer's name for findings without one),
// described by the analyzer's documentation; one result per finding, at
// level "warning", with its message, its region (columns in UTF-16 code
// units, as SARIF counts by default), its related locations and its
// first fix as replacements. Paths are relative to the root of the main
// module (the working directory outside a module) under the uriBaseId
// %SRCROOT%; files outside it get absolute file URIs. Errors go to
// standard error and into the invocation's notifications, and mark the
// invocation as failed.
//
// # Flags
//
//	-race=false      analyzer: do not report mutations without a lock
//	-contract=false  analyzer: do not report short reads with a nil error
//	-test=false      leave out test files
//	-json            print the findings as JSON
//	-c=N             print N lines of context around each finding
//	-fix             apply fixes
//	-diff            with -fix, print the fixes as a diff, write nothing
//	-sarif           print a SARIF log
//	-flags, -V=full  used by go vet
//
// -json, -c and the profiling flags (-debug, -cpuprofile, -memprofile,
// -trace) shape or profile the text and JSON reports only, and are
// refused with -fix and -sarif, which are refused together.
//
// # Exit status
//
// Report: 0 when nothing is found, 3 with findings, 1 on errors (a package
// that does not load or type-check, an analysis that fails); with -json,
// findings and failed analyses are in the JSON and the code is 1 only for
// a package that does not load or type-check. -sarif: 0 unless an error
// occurs, then 1. -fix and -fix -diff: 1 on any error or dropped fix,
// else 3 if findings without a fix remain, else 0 (every fix applied, or
// nothing to fix). An invalid
// command line: 2. Under go vet: 1 with findings or errors, and with -fix
// -diff, 1 when the diff is not empty.
//
// When the analysis of one package fails, for instance because the
// analyzer meets a panic and reports it as an error, the other packages
// are still analyzed and fixed, the error is printed and the exit code
// is 1.
package main

import (
	"errors"
	"flag"
	"os"
	"runtime/debug"

	"golang.org/x/tools/go/analysis/singlechecker"

	"github.com/readeratcheck/readeratcheck/readeratcheck"
)

func main() {
	a := readeratcheck.Analyzer
	cl, err := parseCommandLine(a, os.Args[1:], os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0)
	}
	if err != nil {
		os.Exit(2)
	}

	switch cl.mode {
	case modeUsage:
		cl.usage()
		os.Exit(1)

	case modeFix, modeSARIF:
		wd, err := os.Getwd()
		if err != nil {
			os.Stderr.WriteString(a.Name + ": " + err.Error() + "\n")
			os.Exit(1)
		}
		d := &driver{
			analyzer: a,
			dir:      wd,
			tests:    cl.tests,
			version:  version(),
			stdout:   os.Stdout,
			stderr:   os.Stderr,
		}
		if cl.mode == modeFix {
			os.Exit(d.runFix(cl.patterns, cl.diff))
		}
		os.Exit(d.runSARIF(cl.patterns))

	case modeChecker:
		// singlechecker parses the command line again; let it accept the
		// -sarif=false that parseCommandLine accepted. (go vet must not
		// see -sarif in the -flags list: modeVet leaves it out.)
		flag.Bool("sarif", false, "print the findings as SARIF 2.1.0 on stdout")
		singlechecker.Main(a)

	case modeVet:
		singlechecker.Main(a)
	}
}

// version returns the version of the main module the command was built
// from: a module version when installed with go install or go get -tool,
// "(devel)" when built in its own repository.
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}
