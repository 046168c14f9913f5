package readeratcheck

import (
	"golang.org/x/tools/go/analysis"
)

// Analyzer reports ReadAt and WriteAt methods that mutate shared state
// without holding a lock.
var Analyzer = &analysis.Analyzer{
	Name:      "readeratcheck",
	Doc:       doc,
	URL:       "https://pkg.go.dev/github.com/readeratcheck/readeratcheck/readeratcheck",
	Run:       run,
	FactTypes: []analysis.Fact{},
}

// Flags.
var (
	checkRace     = true
	checkContract = true
)

func init() {
	Analyzer.Flags.BoolVar(&checkRace, "race", true, "report ReadAt/WriteAt methods that mutate shared state without a lock")
	Analyzer.Flags.BoolVar(&checkContract, "contract", true, "report ReadAt/WriteAt returns that may be short with a nil error")
}

func run(pass *analysis.Pass) (any, error) {
	return nil, nil
}
