// Command readeratcheck reports ReadAt and WriteAt methods that are unsafe
// for parallel use.
package main

import (
	"golang.org/x/tools/go/analysis/singlechecker"

	"github.com/readeratcheck/readeratcheck/readeratcheck"
)

func main() { singlechecker.Main(readeratcheck.Analyzer) }
