// Command corpustool runs readeratcheck over large bodies of real code and
// checks that it never fails. scripts/corpus runs it from the repository
// root.
//
// For each input it runs "readeratcheck -json" (the JSON carries every
// suggested fix, so fixes are computed) and reads the outcome: panics
// (the command died; its standard error holds the trace), internal errors
// (an analysis returned an error, which the analyzer does when it recovers
// from a failure: the error names the package and the function), failed
// prerequisites (a package skipped because the analysis of a dependency
// failed), packages that did not load or type-check, and every diagnostic,
// printed once as "file:line: message" with its fix. Each fix is applied
// in memory to a copy of its file, which must still parse. Nothing is
// ever written.
//
// Inputs, chosen with -inputs:
//
//	std     the standard library, with tests
//	cmd     the Go command and tools, with tests
//	module  the project's own packages (./...), with tests
//	deps    every package outside std that the project's build and
//	        tests import ("go list -deps -test ./..."), without their
//	        own tests, which import modules outside the project's go.sum
//
// and, with -tree DIR, the module rooted at DIR (a moby/buildkit checkout,
// say) on ./... with tests and -mod=vendor, named after DIR's last element.
//
// It exits 1 unless every input ran clean: no panic, no internal error, no
// failed prerequisite, no package that did not type-check, no fix that
// does not parse.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"slices"
	"strings"
)

// config holds the command-line settings.
type config struct {
	inputs   []string
	tree     string // an external module root, or ""
	command  string // a readeratcheck binary to use instead of building one
	markdown bool
	keepJSON string // a directory to save each input's JSON output in, or ""
}

// inputNames are the inputs that need no argument, in the order they run.
var inputNames = []string{"std", "cmd", "module", "deps"}

func main() {
	log.SetFlags(0)
	log.SetPrefix("corpus: ")
	cfg, err := parseFlags(os.Args[1:])
	if err != nil {
		log.Fatal(err)
	}
	clean, err := run(cfg)
	if err != nil {
		log.Fatal(err)
	}
	if !clean {
		os.Exit(1)
	}
}

// parseFlags reads the command line into a config and checks it.
func parseFlags(args []string) (config, error) {
	var cfg config
	fs := flag.NewFlagSet("corpus", flag.ContinueOnError)
	inputs := fs.String("inputs", strings.Join(inputNames, ","),
		"comma-separated inputs among "+strings.Join(inputNames, ", ")+" (may be empty)")
	fs.StringVar(&cfg.tree, "tree", "", "also analyze the module rooted at `dir` with -mod=vendor")
	fs.StringVar(&cfg.command, "cmd", "", "readeratcheck `binary` to run (default: build one)")
	fs.BoolVar(&cfg.markdown, "md", false,
		"list diagnostics as Markdown tables with a verdict column")
	fs.StringVar(&cfg.keepJSON, "keep-json", "", "save each input's JSON output in `dir`")
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	if fs.NArg() > 0 {
		return config{}, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if *inputs != "" {
		for name := range strings.SplitSeq(*inputs, ",") {
			if !slices.Contains(inputNames, name) {
				return config{}, fmt.Errorf("unknown input %q (want %s)", name,
					strings.Join(inputNames, ", "))
			}
			cfg.inputs = append(cfg.inputs, name)
		}
	}
	if len(cfg.inputs) == 0 && cfg.tree == "" {
		return config{}, fmt.Errorf("nothing to analyze")
	}
	return cfg, nil
}
