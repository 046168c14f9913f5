package main

import (
	"testing"

	"golang.org/x/tools/go/analysis"
)

// TestFactsFlag checks that -facts declares the fact type as the flag is
// parsed, before the driver decides how to load, and that the analyzer
// stays valid either way.
func TestFactsFlag(t *testing.T) {
	for _, tc := range []struct {
		args  []string
		facts int
	}{
		{nil, 0},
		{[]string{"-facts"}, 1},
		{[]string{"-facts=false"}, 0},
		{[]string{"-facts", "-facts=0"}, 0},
	} {
		Analyzer.FactTypes = nil
		if err := Analyzer.Flags.Parse(tc.args); err != nil {
			t.Fatalf("parse %q: %v", tc.args, err)
		}
		if got := len(Analyzer.FactTypes); got != tc.facts {
			t.Errorf("after %q: %d fact types, want %d", tc.args, got, tc.facts)
		}
		if err := analysis.Validate([]*analysis.Analyzer{Analyzer}); err != nil {
			t.Errorf("after %q: %v", tc.args, err)
		}
	}
	if err := Analyzer.Flags.Parse([]string{"-facts=maybe"}); err == nil {
		t.Errorf("-facts=maybe parsed")
	}
	Analyzer.FactTypes = nil
}
