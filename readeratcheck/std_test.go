package readeratcheck_test

import (
	"go/types"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/readeratcheck/readeratcheck/readeratcheck"
)

// stdReaderAts lists standard library packages whose ReadAt and WriteAt
// methods are correct: they lock, or keep no state, or delegate to
// methods that are safe for parallel use.
var stdReaderAts = []string{
	"bytes", "strings", "io", "os", "embed", "testing/fstest", "archive/zip",
	"debug/buildinfo", "debug/dwarf", "debug/elf", "debug/gosym", "debug/macho",
	"debug/pe", "debug/plan9obj",
}

// TestStandardLibrary runs the analyzer over the standard library's real
// ReaderAt and WriterAt implementations and expects no diagnostic.
func TestStandardLibrary(t *testing.T) {
	if testing.Short() {
		t.Skip("loads a part of the standard library from source; skipped with -short")
	}
	cfg := &packages.Config{Mode: packages.LoadAllSyntax, Tests: false}
	pkgs, err := packages.Load(cfg, stdReaderAts...)
	if err != nil {
		t.Fatal(err)
	}
	if n := packages.PrintErrors(pkgs); n > 0 {
		t.Fatalf("%d errors loading the standard library", n)
	}
	graph, err := checker.Analyze([]*analysis.Analyzer{readeratcheck.Analyzer}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	candidates := 0
	for act := range graph.All() {
		if act.Err != nil {
			t.Errorf("%s: %v", act, act.Err)
		}
		if !act.IsRoot {
			continue
		}
		for _, d := range act.Diagnostics {
			t.Errorf("%s: %s", act.Package.Fset.Position(d.Pos), d.Message)
		}
		candidates += countCandidates(act.Package)
	}
	// The packages must hold what this test is about.
	if candidates < 10 {
		t.Errorf("found %d ReadAt/WriteAt methods in %v; want at least 10",
			candidates, stdReaderAts)
	}
}

// countCandidates counts the ReadAt and WriteAt methods the package
// declares.
func countCandidates(p *packages.Package) int {
	n := 0
	for _, obj := range p.TypesInfo.Defs {
		fn, ok := obj.(*types.Func)
		if ok && fn.Signature().Recv() != nil && (fn.Name() == "ReadAt" || fn.Name() == "WriteAt") {
			n++
		}
	}
	return n
}
