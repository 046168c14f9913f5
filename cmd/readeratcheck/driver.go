package main

import (
	"fmt"
	"go/token"
	"io"
	"path/filepath"
	"runtime/debug"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// driver runs the analyzer for -fix and -sarif. (The text and -json
// reports and go vet are left to x/tools' singlechecker.)
type driver struct {
	analyzer *analysis.Analyzer
	dir      string // where packages are loaded from and paths shown relative to
	tests    bool   // load test files too
	version  string // the command's version, for SARIF
	stdout   io.Writer
	stderr   io.Writer
}

// outcome is what one analysis of the named packages produced.
type outcome struct {
	fset *token.FileSet

	// actions are the root actions that succeeded, in load order.
	actions []*checker.Action

	// broken maps each file of a package that failed to load or
	// type-check to that package's ID. No fix may touch such a file.
	broken map[string]string

	// problems are the package errors and analysis failures, one line
	// each, in a stable order. Any problem makes the run fail.
	problems []string

	// moduleDir is the directory of the main module of the first
	// package, or "" outside a module.
	moduleDir string
}

// analyze loads the packages matched by patterns, with all dependencies
// from source when the analyzer uses facts, and runs the analyzer on
// them. It returns an error only when nothing could be loaded; package
// errors and failed analyses are listed in the outcome's problems.
func (d *driver) analyze(patterns []string) (*outcome, error) {
	// Load.
	mode := packages.LoadSyntax | packages.NeedModule
	if usesFacts(d.analyzer) {
		mode = packages.LoadAllSyntax | packages.NeedModule
	}
	cfg := &packages.Config{Mode: mode, Tests: d.tests, Dir: d.dir}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, err
	}
	if len(pkgs) == 0 {
		return nil, fmt.Errorf("%s matched no packages", strings.Join(patterns, " "))
	}
	out := &outcome{fset: pkgs[0].Fset, broken: make(map[string]string)}
	out.moduleDir = mainModuleDir(pkgs)

	// Note the packages with errors; analysis skips them unless the
	// analyzer asks otherwise, and fixes must stay out of their files.
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		out.notePackageErrors(p)
	})

	// Analyze, with panics turned into errors of their package.
	graph, err := checker.Analyze([]*analysis.Analyzer{guarded(d.analyzer)}, pkgs, nil)
	if err != nil {
		return nil, err
	}
	for act := range graph.All() {
		if act.Err != nil {
			out.problems = append(out.problems,
				fmt.Sprintf("%s: %s: %v", d.analyzer.Name, act.Package.ID, act.Err))
		}
	}
	for _, act := range graph.Roots {
		if act.Err == nil {
			out.actions = append(out.actions, act)
		}
	}
	return out, nil
}

// notePackageErrors records the errors of p, if any, as problems and
// its files as broken.
func (out *outcome) notePackageErrors(p *packages.Package) {
	var errs []string
	for _, e := range p.Errors {
		errs = append(errs, e.Error())
	}
	if p.Module != nil && p.Module.Error != nil {
		errs = append(errs, p.Module.Error.Err)
	}
	if len(errs) == 0 && !p.IllTyped {
		return
	}
	out.problems = append(out.problems, errs...)
	for _, files := range [][]string{p.GoFiles, p.CompiledGoFiles, p.OtherFiles} {
		for _, f := range files {
			if _, ok := out.broken[f]; !ok {
				out.broken[f] = p.ID
			}
		}
	}
}

// usesFacts reports whether a or an analyzer it requires uses facts; then
// the dependencies have to be analyzed from source too.
func usesFacts(a *analysis.Analyzer) bool {
	if len(a.FactTypes) > 0 {
		return true
	}
	for _, req := range a.Requires {
		if usesFacts(req) {
			return true
		}
	}
	return false
}

// mainModuleDir returns the directory of the main module holding the
// first package in pkgs that belongs to one, or "".
func mainModuleDir(pkgs []*packages.Package) string {
	for _, p := range pkgs {
		if p.Module != nil && p.Module.Main && p.Module.Dir != "" {
			return p.Module.Dir
		}
	}
	return ""
}

// guarded returns a copy of a whose Run turns a panic into an error of
// the package being analyzed, so that the other packages are still
// analyzed and the run fails at the end instead of crashing.
//
// The analyzer already does this for its own code; this catches the
// rest, such as a malformed fix rejected by the checker while reporting.
func guarded(a *analysis.Analyzer) *analysis.Analyzer {
	g := *a
	g.Run = func(pass *analysis.Pass) (result any, err error) {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("internal error: panic while analyzing %s: %v\n%s",
					pass.Pkg.Path(), r, indent(string(debug.Stack())))
			}
		}()
		return a.Run(pass)
	}
	return &g
}

// indent indents each line of a stack trace, to set it apart from the
// messages around it.
func indent(stack string) string {
	return "\t" + strings.ReplaceAll(strings.TrimRight(stack, "\n"), "\n", "\n\t")
}

// printProblems writes the problems of out to the driver's stderr.
func (d *driver) printProblems(out *outcome) {
	for _, p := range out.problems {
		fmt.Fprintln(d.stderr, p)
	}
}

// relPath returns file relative to the driver's directory when it lies
// inside it, or else file unchanged.
func (d *driver) relPath(file string) string {
	if rel, err := filepath.Rel(d.dir, file); err == nil && filepath.IsLocal(rel) {
		return rel
	}
	return file
}

// plural returns "1 noun" or "n nouns".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if strings.HasSuffix(noun, "x") {
		return fmt.Sprintf("%d %ses", n, noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
