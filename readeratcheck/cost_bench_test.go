package readeratcheck_test

import (
	"runtime"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/readeratcheck/readeratcheck/readeratcheck"
)

// noop is the baseline analyzer: it declares a fact type, as readeratcheck
// does, so that the checker keeps the same books, and does nothing.
var noop = &analysis.Analyzer{
	Name:      "noop",
	Doc:       "does nothing",
	Run:       func(*analysis.Pass) (any, error) { return nil, nil },
	FactTypes: []analysis.Fact{new(noFact)},
}

type noFact struct{}

func (*noFact) AFact()         {}
func (*noFact) String() string { return "none" }

// BenchmarkAnalyzeStd loads the standard library once and then, in each
// iteration, runs the no-op analyzer and readeratcheck over it in turn.
// Loading (parsing and type-checking) is what every run pays anyway; the
// benchmark reports what the analysis adds on top of it, as a fraction of
// the loading time measured in the same process:
//
//	extra/load  (readeratcheck − noop) ÷ load, CPU time of the process
//	noop-ms, ours-ms  CPU milliseconds of one pass over std
//	load-ms     CPU milliseconds of loading std
//
// scripts/bench measures the whole command against the no-op command;
// this one isolates the analysis, to compare builds of the analyzer.
func BenchmarkAnalyzeStd(b *testing.B) {
	cpu0 := cpuTime()
	cfg := &packages.Config{Mode: packages.LoadAllSyntax, Tests: false}
	pkgs, err := packages.Load(cfg, "std")
	if err != nil {
		b.Fatal(err)
	}
	if n := packages.PrintErrors(pkgs); n > 0 {
		b.Fatalf("%d errors loading std", n)
	}
	load := cpuTime() - cpu0

	var noopCPU, oursCPU time.Duration
	var noopHeap, oursHeap uint64 // live heap after each pass, results kept
	b.ResetTimer()
	for range b.N {
		for _, a := range []*analysis.Analyzer{noop, readeratcheck.Analyzer} {
			runtime.GC()
			start := cpuTime()
			graph, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, nil)
			if err != nil {
				b.Fatal(err)
			}
			for act := range graph.All() {
				if act.Err != nil {
					b.Fatalf("%s: %v", act, act.Err)
				}
			}
			d := cpuTime() - start
			runtime.GC()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			runtime.KeepAlive(graph)
			if a == noop {
				noopCPU += d
				noopHeap += ms.HeapAlloc
			} else {
				oursCPU += d
				oursHeap += ms.HeapAlloc
			}
		}
	}
	n := time.Duration(b.N)
	b.ReportMetric(float64(load.Milliseconds()), "load-ms")
	b.ReportMetric(float64((noopCPU / n).Milliseconds()), "noop-ms")
	b.ReportMetric(float64((oursCPU / n).Milliseconds()), "ours-ms")
	b.ReportMetric(float64(oursCPU-noopCPU)/float64(n)/float64(load), "extra/load")
	b.ReportMetric(float64(int64(oursHeap)-int64(noopHeap))/float64(b.N)/(1<<20), "kept-MiB")
}
