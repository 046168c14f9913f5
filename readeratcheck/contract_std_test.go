package readeratcheck_test

import (
	"go/types"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/readeratcheck/readeratcheck/readeratcheck"
)

// contractStd lists the standard library packages whose ReadAt and
// WriteAt methods keep the count contract, as the contract check must
// find.
var contractStd = []string{
	"bytes", "strings", "io", "os", "archive/zip", "debug/...", "embed", "testing/fstest",
}

// contractRun loads patterns from dir and runs the analyzer with the
// race check off. It returns the contract diagnostics of the root
// packages, as "file: message", and how many ReadAt and WriteAt methods
// with a body they declare.
func contractRun(t *testing.T, dir string, patterns ...string) (diags []string, methods int) {
	t.Helper()
	if err := readeratcheck.Analyzer.Flags.Set("race", "false"); err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := readeratcheck.Analyzer.Flags.Set("race", "true"); err != nil {
			t.Fatal(err)
		}
	}()

	cfg := &packages.Config{Mode: packages.LoadAllSyntax, Dir: dir}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		t.Fatal(err)
	}
	if n := packages.PrintErrors(pkgs); n > 0 {
		t.Fatalf("%d errors loading %v", n, patterns)
	}
	graph, err := checker.Analyze([]*analysis.Analyzer{readeratcheck.Analyzer}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	for act := range graph.All() {
		if act.Err != nil {
			t.Errorf("%s: %v", act, act.Err)
		}
		if !act.IsRoot {
			continue
		}
		for _, d := range act.Diagnostics {
			if d.Category == "contract" {
				file := filepath.Base(act.Package.Fset.Position(d.Pos).Filename)
				diags = append(diags, file+": "+d.Message)
			}
		}
		methods += atMethods(act.Package)
	}
	return diags, methods
}

// atMethods counts the ReadAt and WriteAt methods p declares.
func atMethods(p *packages.Package) int {
	n := 0
	for id, obj := range p.TypesInfo.Defs {
		fn, ok := obj.(*types.Func)
		if ok && fn.Signature().Recv() != nil && (id.Name == "ReadAt" || id.Name == "WriteAt") {
			n++
		}
	}
	return n
}

// TestContractStandardLibrary expects no contract diagnostic on the
// standard library's ReadAt and WriteAt methods, then checks that the same
// run does report a real violation: gccgoimporter's seekerReadAt returns a
// single Read.
func TestContractStandardLibrary(t *testing.T) {
	if testing.Short() {
		t.Skip("loads part of the standard library from source; skipped with -short")
	}
	diags, methods := contractRun(t, "", contractStd...)
	for _, d := range diags {
		t.Errorf("unexpected: %s", d)
	}
	if methods < 11 {
		t.Errorf("%v declare %d ReadAt/WriteAt methods; want at least 11", contractStd, methods)
	}

	diags, _ = contractRun(t, "", "go/internal/gccgoimporter")
	want := "ar.go: seekerReadAt.ReadAt may return a count < len(p) with a nil error: " +
		"the count comes from a single Read, which may return less than asked"
	if len(diags) != 1 || diags[0] != want {
		t.Errorf("go/internal/gccgoimporter: got %q, want [%q]", diags, want)
	}
}

// TestContractProject expects no contract diagnostic on the project's own
// code.
func TestContractProject(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the whole module; skipped with -short")
	}
	diags, methods := contractRun(t, "..", "./...")
	for _, d := range diags {
		t.Errorf("unexpected: %s", d)
	}
	if methods == 0 {
		t.Error("the project declares no ReadAt or WriteAt method; want some")
	}
}
