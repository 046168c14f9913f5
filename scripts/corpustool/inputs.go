package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/readeratcheck/readeratcheck/scripts/benchkit"
)

// An input is one body of code and how to run readeratcheck over it.
type input struct {
	name     string
	about    string
	dir      string // where the command runs
	env      []string
	patterns []string
	tests    bool
	packages int // what the patterns match, test variants aside
}

// prepareInputs returns the inputs cfg asks for, with their packages
// counted; root is the repository root.
func prepareInputs(cfg config, root string) ([]input, error) {
	var inputs []input
	for _, name := range cfg.inputs {
		in := input{name: name, dir: root, tests: true}
		switch name {
		case "std":
			in.about = "the standard library"
			in.patterns = []string{"std"}
		case "cmd":
			in.about = "the Go command and tools"
			in.patterns = []string{"cmd"}
		case "module":
			in.about = "the project's own packages"
			in.patterns = []string{"./..."}
		case "deps":
			// Test files of other modules import modules that the
			// project's go.sum does not cover: analyze them without.
			list, err := benchkit.ProjectBuildList(root)
			if err != nil {
				return nil, err
			}
			in.about = "packages outside std that the project's build and tests import"
			in.patterns = list.Deps
			in.tests = false
		}
		inputs = append(inputs, in)
	}
	if cfg.tree != "" {
		in, err := treeInput(cfg.tree)
		if err != nil {
			return nil, err
		}
		inputs = append(inputs, in)
	}

	// Count what each input names.
	for i := range inputs {
		in := &inputs[i]
		if len(in.patterns) == 0 {
			continue
		}
		args := append([]string{"-e"}, in.patterns...)
		pkgs, err := benchkit.GoList(in.dir, in.env, args...)
		if err != nil {
			return nil, err
		}
		in.packages = len(pkgs)
	}
	return inputs, nil
}

// treeInput describes the module rooted at dir, analyzed on ./... with
// its vendor tree and the local toolchain.
func treeInput(dir string) (input, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return input{}, err
	}
	for _, need := range []string{"go.mod", "vendor"} {
		if _, err := os.Stat(filepath.Join(abs, need)); err != nil {
			return input{}, fmt.Errorf("-tree %s: a module with a vendor tree is needed: %v",
				dir, err)
		}
	}
	return input{
		name:  filepath.Base(abs),
		about: "the module in " + abs + ", with -mod=vendor",
		dir:   abs,
		env: []string{"GOFLAGS=" + os.Getenv("GOFLAGS") + " -mod=vendor", "GOWORK=off",
			"GOTOOLCHAIN=local"},
		patterns: []string{"./..."},
		tests:    true,
	}, nil
}
