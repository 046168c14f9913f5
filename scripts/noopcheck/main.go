// Command noopcheck is the baseline of scripts/bench: the singlechecker
// driver that readeratcheck uses, running an analyzer that does nothing.
//
// Its run time and memory are what loading and type-checking cost, so the
// ratio of readeratcheck to noopcheck on the same packages is the price of
// the analysis itself.
//
// The driver loads every package from source only when some analyzer
// declares a fact type; otherwise packages that were not named on the
// command line come from compiler export data. With -facts, noopcheck
// declares one fact type (and never exports a fact) so that it loads
// packages the same way as an analyzer that uses facts.
package main

import (
	"strconv"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/singlechecker"
)

// Analyzer does nothing; -facts makes it declare a fact type.
var Analyzer = &analysis.Analyzer{
	Name: "noopcheck",
	Doc:  "do nothing, as a baseline for the cost of loading packages",
	Run:  run,
}

// unusedFact is the fact type declared under -facts. No fact of this type
// is ever exported.
type unusedFact struct{}

// AFact marks unusedFact as an analysis fact.
func (*unusedFact) AFact() {}

// String describes the fact for the driver's debug output.
func (*unusedFact) String() string { return "unused" }

// factsFlag is the value of -facts. Setting it changes Analyzer.FactTypes
// at once: the driver parses flags before it decides how to load packages,
// so the change is seen in time.
type factsFlag struct{}

// IsBoolFlag lets -facts stand without a value.
func (factsFlag) IsBoolFlag() bool { return true }

// String reports the current setting.
func (factsFlag) String() string {
	return strconv.FormatBool(len(Analyzer.FactTypes) > 0)
}

// Set declares the fact type when s is true and removes it when false.
func (factsFlag) Set(s string) error {
	on, err := strconv.ParseBool(s)
	if err != nil {
		return err
	}
	Analyzer.FactTypes = nil
	if on {
		Analyzer.FactTypes = []analysis.Fact{new(unusedFact)}
	}
	return nil
}

func init() {
	Analyzer.Flags.Var(factsFlag{}, "facts",
		"declare a fact type, so that all packages are loaded from source")
}

// run does nothing: the baseline measures the driver alone.
func run(*analysis.Pass) (any, error) { return nil, nil }

func main() { singlechecker.Main(Analyzer) }
