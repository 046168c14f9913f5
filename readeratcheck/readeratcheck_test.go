package readeratcheck_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/readeratcheck/readeratcheck/readeratcheck"
)

func testdata() string {
	p, _ := filepath.Abs(filepath.Join("..", "testdata"))
	return p
}

func TestScenarios(t *testing.T) {
	analysistest.Run(t, testdata(), readeratcheck.Analyzer, "bodycache")
}
