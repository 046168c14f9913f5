package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// mode says which driver serves a command line.
type mode int

const (
	// modeChecker is the text or -json report of x/tools' singlechecker.
	modeChecker mode = iota

	// modeVet is singlechecker answering go vet or go fix: -flags, -V=full
	// or one *.cfg file describing a compilation unit.
	modeVet

	// modeFix applies fixes atomically, or prints them as a diff.
	modeFix

	// modeSARIF prints the findings as a SARIF log.
	modeSARIF

	// modeUsage prints the usage, as no package is named.
	modeUsage
)

// commandLine is what parseCommandLine learned from the arguments.
type commandLine struct {
	mode     mode
	diff     bool     // with modeFix: print a diff, write nothing
	tests    bool     // load test files too
	patterns []string // the package patterns
	usage    func()   // prints the help to standard error
}

// driverFlags holds the values of the flags the drivers define, besides
// the analyzer's own flags.
type driverFlags struct {
	fix, diff, sarif, json, test, printFlags bool
	context                                  int
	debug, cpuProfile, memProfile, trace     string
	version                                  versionArg

	// Flags go vet once had; singlechecker accepts and ignores them.
	source, verbose, all bool
	tags                 string
}

// onlyForReports lists the flags that shape the text or -json report
// (or profile it) and mean nothing to -fix or -sarif.
var onlyForReports = []string{"json", "c", "debug", "cpuprofile", "memprofile", "trace"}

// newFlagSet returns a flag set that accepts every flag singlechecker
// accepts for the analyzer a, plus -sarif, and stores their values in v.
//
// singlechecker parses the process's command line itself, so a command
// line handed on to it must parse the same way there; TestFlagsMatch
// compares this set with the -flags output of the built command.
func newFlagSet(a *analysis.Analyzer, v *driverFlags) *flag.FlagSet {
	fs := flag.NewFlagSet(a.Name, flag.ContinueOnError)

	// The flags of x/tools' checker.
	fs.StringVar(&v.debug, "debug", "", `debug flags, any subset of "fpstv" (reports only)`)
	fs.StringVar(&v.cpuProfile, "cpuprofile", "", "write a CPU profile to this file (reports only)")
	fs.StringVar(&v.memProfile, "memprofile", "", "write a heap profile here (reports only)")
	fs.StringVar(&v.trace, "trace", "", "write a trace log to this file (reports only)")
	fs.BoolVar(&v.test, "test", true, "analyze test files too")

	// The analyzer's flags, unless one would hide a driver flag, which
	// singlechecker skips too.
	a.Flags.VisitAll(func(f *flag.Flag) {
		if fs.Lookup(f.Name) == nil && !isDriverFlag(f.Name) {
			fs.Var(f.Value, f.Name, f.Usage)
		}
	})

	// The flags common to all x/tools drivers.
	fs.BoolVar(&v.printFlags, "flags", false, "print the analyzer flags as JSON (for go vet)")
	fs.Var(&v.version, "V", "print the version and exit (-V=full, for go vet)")
	fs.BoolVar(&v.json, "json", false, "print the findings as JSON on stdout")
	fs.IntVar(&v.context, "c", -1, "show each finding's line with this many lines of context")
	fs.BoolVar(&v.fix, "fix", false, "apply the first fix of each finding, atomically")
	fs.BoolVar(&v.diff, "diff", false, "with -fix, print the fixes as a diff, write nothing")
	fs.BoolVar(&v.source, "source", false, "no effect (deprecated)")
	fs.BoolVar(&v.verbose, "v", false, "no effect (deprecated)")
	fs.BoolVar(&v.all, "all", false, "no effect (deprecated)")
	fs.StringVar(&v.tags, "tags", "", "no effect (deprecated)")

	// Ours.
	fs.BoolVar(&v.sarif, "sarif", false, "print the findings as SARIF 2.1.0 on stdout")
	return fs
}

// isDriverFlag reports whether name is a flag that singlechecker defines
// after the analyzer's flags, so that an analyzer flag of that name would
// be skipped.
func isDriverFlag(name string) bool {
	switch name {
	case "flags", "V", "json", "c", "fix", "diff", "source", "v", "all", "tags", "sarif":
		return true
	}
	return false
}

// parseCommandLine parses args (without the program name) for the
// analyzer a and picks the mode. Errors and the usage are printed to
// stderr; the error returned is flag.ErrHelp after -h or -help.
func parseCommandLine(a *analysis.Analyzer, args []string, stderr io.Writer) (*commandLine, error) {
	var v driverFlags
	fs := newFlagSet(a, &v)
	fs.SetOutput(stderr)
	fs.Usage = func() { printUsage(stderr, a, fs) }
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	cl := &commandLine{diff: v.diff, tests: v.test, patterns: fs.Args(), usage: fs.Usage}

	// The go command's protocol with vet and fix tools stays with
	// singlechecker, whatever else is set.
	if v.printFlags || v.version != "" ||
		len(cl.patterns) == 1 && strings.HasSuffix(cl.patterns[0], ".cfg") {
		cl.mode = modeVet
		return cl, nil
	}

	// Refuse flags that would be silently ignored.
	set := make(map[string]bool)
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if err := checkCombination(v, set); err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", a.Name, err)
		return nil, err
	}

	switch {
	case len(cl.patterns) == 0:
		cl.mode = modeUsage
	case v.fix:
		cl.mode = modeFix
	case v.sarif:
		cl.mode = modeSARIF
	default:
		cl.mode = modeChecker
	}
	return cl, nil
}

// checkCombination returns an error when the flags in v, of which those
// named in set were given explicitly, ask for two things at once that
// the command cannot do together.
func checkCombination(v driverFlags, set map[string]bool) error {
	if v.fix && v.sarif {
		return fmt.Errorf("-fix and -sarif cannot be used together")
	}
	if v.sarif && v.diff {
		return fmt.Errorf("-diff needs -fix and cannot be used with -sarif")
	}
	if !v.fix && !v.sarif {
		return nil
	}
	mode := "-fix"
	if v.sarif {
		mode = "-sarif"
	}
	for _, name := range onlyForReports {
		if set[name] {
			return fmt.Errorf("-%s cannot be used with %s", name, mode)
		}
	}
	return nil
}

// printUsage writes the command's help, with the flags of fs, to w.
func printUsage(w io.Writer, a *analysis.Analyzer, fs *flag.FlagSet) {
	title, _, _ := strings.Cut(a.Doc, "\n\n")
	fmt.Fprintf(w, "%s: %s\n\n", a.Name, title)
	fmt.Fprintf(w, `Usage:
  %[1]s [-json] [-test=false] [analyzer flags] packages...
  %[1]s -fix [-diff] [-test=false] [analyzer flags] packages...
  %[1]s -sarif [-test=false] [analyzer flags] packages... > report.sarif
  go vet -vettool=$(command -v %[1]s) [-fix [-diff]] packages...
  go fix -fixtool=$(command -v %[1]s) [-diff] packages...

Exit status: 0 when nothing is found, 3 with findings, 1 on errors
(packages that do not load or type-check, a failed analysis). With -json:
0, or 1 for packages that do not load or type-check. With -sarif: 0
unless an error occurs. With -fix: 1 on any error or dropped fix, else 3
if findings without a fix remain, else 0. An invalid command line gives
2.

Flags:
`, a.Name)
	fs.SetOutput(w)
	fs.PrintDefaults()
}

// versionArg is the value of -V. go vet runs the tool with -V=full to
// key its cache; singlechecker answers that, so here it only marks the
// command line as one for singlechecker.
type versionArg string

// IsBoolFlag lets -V appear without a value, as singlechecker allows.
func (*versionArg) IsBoolFlag() bool { return true }

// String returns the value given to -V.
func (v *versionArg) String() string { return string(*v) }

// Set records the value given to -V.
func (v *versionArg) Set(s string) error {
	*v = versionArg(s)
	return nil
}
