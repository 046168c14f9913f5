package readeratcheck

import (
	"go/ast"
	"go/types"
	"testing"
	"time"

	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/ssa"
)

// benchCands loads packages and returns the SSA function of each ReadAt
// and WriteAt method they declare, with the time building SSA took.
func benchCands(b *testing.B, patterns ...string) ([]*ssa.Function, []bool, time.Duration) {
	cfg := &packages.Config{Mode: packages.LoadAllSyntax}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil || packages.PrintErrors(pkgs) > 0 {
		b.Fatalf("loading %v: %v", patterns, err)
	}
	var fns []*ssa.Function
	var writers []bool
	start := time.Now()
	for _, p := range pkgs {
		prog := ssa.NewProgram(p.Fset, ssa.BuilderMode(0))
		for _, imp := range p.Types.Imports() {
			prog.CreatePackage(imp, nil, nil, true)
		}
		sp := prog.CreatePackage(p.Types, p.Syntax, p.TypesInfo, false)
		sp.Build()
		for id, obj := range p.TypesInfo.Defs {
			fn, ok := obj.(*types.Func)
			if !ok || fn.Signature().Recv() == nil || !hasAtShape(fn.Signature()) ||
				id.Name != "ReadAt" && id.Name != "WriteAt" || !hasBody(p, fn) {
				continue
			}
			fns = append(fns, prog.FuncValue(fn))
			writers = append(writers, id.Name == "WriteAt")
		}
	}
	return fns, writers, time.Since(start)
}

// hasBody reports whether fn is declared with a body in p's syntax.
func hasBody(p *packages.Package, fn *types.Func) bool {
	for _, f := range p.Syntax {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && p.TypesInfo.Defs[fd.Name] == fn {
				return fd.Body != nil
			}
		}
	}
	return false
}

// BenchmarkContract times the contract check over the standard library's
// ReadAt and WriteAt methods and reports it as a fraction of the time
// building their packages' SSA took in the same run, which every run of
// the analyzer pays anyway.
func BenchmarkContract(b *testing.B) {
	fns, writers, ssaTime := benchCands(b, "bytes", "strings", "io", "os",
		"debug/elf", "debug/pe", "embed", "testing/fstest", "go/internal/gccgoimporter")
	if len(fns) < 10 {
		b.Fatalf("%d methods; want at least 10", len(fns))
	}
	b.ResetTimer()
	start := time.Now()
	for range b.N {
		for i, fn := range fns {
			findShortfalls(fn, writers[i])
		}
	}
	per := time.Since(start) / time.Duration(b.N)
	b.ReportMetric(float64(per.Microseconds()), "µs/check-all")
	b.ReportMetric(float64(per)/float64(ssaTime), "check/ssa-build")
	b.ReportMetric(float64(len(fns)), "methods")
}
