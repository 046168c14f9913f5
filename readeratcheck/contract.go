package readeratcheck

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// checkContracts reports candidates that may return fewer bytes than
// len(p) with a nil error.
func checkContracts(pass *analysis.Pass, pkg *ssa.Package, cands []*candidate, dirs *directives) {
}
