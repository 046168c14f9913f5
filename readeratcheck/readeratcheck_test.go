package readeratcheck_test

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/readeratcheck/readeratcheck/readeratcheck"
)

// testdata returns the project's analysistest root, shared by the
// analyzer and the fixer tests.
func testdata(t *testing.T) string {
	p, err := filepath.Abs(filepath.Join("..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// scenarios lists the packages under testdata/src: one scenario each.
func scenarios(t *testing.T) []string {
	entries, err := os.ReadDir(filepath.Join(testdata(t), "src"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() {
			out = append(out, e.Name())
		}
	}
	if len(out) == 0 {
		t.Fatal("no scenarios under testdata/src")
	}
	return out
}

// TestScenarios runs the analyzer on every scenario package and checks
// its diagnostics against the package's want comments, and its fixes
// against the .go.golden files beside the sources. All scenarios are
// loaded at once, so that they share the type-checking of their imports.
func TestScenarios(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), readeratcheck.Analyzer, scenarios(t)...)
}
