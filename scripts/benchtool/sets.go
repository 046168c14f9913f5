package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/readeratcheck/readeratcheck/scripts/benchkit"
)

// A command is one driver invocation compared in the benchmark, without
// the driver flags and packages that every command of a set shares.
type command struct {
	label string // what the tables call it
	path  string
	args  []string
}

// An inputSet is a list of package patterns and where to load them from.
type inputSet struct {
	name      string
	about     string // one line on what the set holds, for the report
	dir       string // where the commands run
	env       []string
	patterns  []string
	packages  int       // packages the patterns match, test variants aside
	baselines []command // what readeratcheck is compared with
}

// knownSet reports whether name is an input set this tool can prepare.
func knownSet(name string) bool {
	switch name {
	case "std", "aws", "large":
		return true
	}
	return false
}

// The scratch module for the aws set requires these, so that the versions
// measured do not move. x/tools matches the project's own requirement.
var awsRequires = []string{
	"github.com/aws/aws-sdk-go-v2/service/s3@v1.115.0",
	"github.com/aws/aws-sdk-go-v2/feature/s3/manager@v1.23.26",
	"golang.org/x/tools@v0.52.0",
}

// awsPatterns are the packages of the aws set: every package of these
// trees in the scratch module's build list.
var awsPatterns = []string{
	"github.com/aws/aws-sdk-go-v2/...",
	"github.com/aws/smithy-go/...",
	"golang.org/x/tools/...",
}

// prepareSet makes the named input set ready to run: it writes a scratch
// module under work if the set needs one and counts the packages. noop is
// the baseline driver; root is the repository root; tests tells whether
// the drivers will load test files.
func prepareSet(name, root, work string, noop command, tests bool) (inputSet, error) {
	var set inputSet
	var err error
	switch name {
	case "std":
		set = inputSet{
			about:    "the standard library",
			dir:      root,
			patterns: []string{"std"},
		}
	case "aws":
		set, err = awsSet(work)
	case "large":
		set, err = largeSet(root)
	default:
		err = fmt.Errorf("unknown input set %q", name)
	}
	if err != nil {
		return inputSet{}, fmt.Errorf("preparing %s: %v", name, err)
	}
	set.name = name

	// Count what the patterns match (go list reports each package once).
	pkgs, err := benchkit.GoList(set.dir, set.env, append([]string{"-e"}, set.patterns...)...)
	if err != nil {
		return inputSet{}, err
	}
	set.packages = len(pkgs)

	// Every set compares with the plain baseline. Where some packages are
	// not roots, the driver loads them from export data unless an analyzer
	// declares facts, as readeratcheck does: compare with that too. Only
	// std without tests has every package as a root. (cmd has variants of
	// std packages built for cmd/compile's profile; with tests, a package
	// imported by another's tests is compiled again for that test.)
	set.baselines = []command{noop}
	if name != "std" || tests {
		facts := noop
		facts.label = noop.label + " -facts"
		facts.args = append(append([]string(nil), noop.args...), "-facts")
		set.baselines = append(set.baselines, facts)
	}
	return set, nil
}

// awsSet writes a scratch module under work that requires awsRequires, lets
// the go command complete its requirements for the packages of awsPatterns
// and their tests, and checks that they all load.
func awsSet(work string) (inputSet, error) {
	dir := filepath.Join(work, "awsmod")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return inputSet{}, err
	}
	gomod := "module benchscratch\n\ngo 1.26.0\n"
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644); err != nil {
		return inputSet{}, err
	}
	env := []string{"GOWORK=off"}

	// Require the pinned versions, then let go list add what the other
	// packages and tests under the patterns import, at the versions the
	// module graph selects.
	if err := goCmd(dir, env, append([]string{"get"}, awsRequires...)...); err != nil {
		return inputSet{}, err
	}
	args := append([]string{"-mod=mod", "-e", "-deps", "-test"}, awsPatterns...)
	if _, err := benchkit.GoList(dir, env, args...); err != nil {
		return inputSet{}, err
	}

	// Refuse a set that does not load: both drivers would stop early.
	args = append([]string{"-e", "-deps", "-test", "-f",
		"{{if .Error}}{{.ImportPath}}: {{.Error}}{{end}}"}, awsPatterns...)
	bad, err := benchkit.GoList(dir, env, args...)
	if err != nil {
		return inputSet{}, err
	}
	if len(bad) > 0 {
		return inputSet{}, fmt.Errorf("packages do not load:\n%s", strings.Join(bad, "\n"))
	}
	return inputSet{
		about: "AWS SDK v2 (service/s3 v1.115.0, feature/s3/manager v1.23.26), " +
			"smithy-go and golang.org/x/tools v0.52.0: " + strings.Join(awsPatterns, " ") +
			" in a scratch module",
		dir:      dir,
		env:      env,
		patterns: awsPatterns,
	}, nil
}

// largeSet names std and cmd and every package outside the standard
// library that building and testing the project needs, all as roots.
func largeSet(root string) (inputSet, error) {
	list, err := benchkit.ProjectBuildList(root)
	if err != nil {
		return inputSet{}, err
	}
	patterns := append([]string{"std", "cmd"}, list.Module...)
	patterns = append(patterns, list.Deps...)
	return inputSet{
		about: fmt.Sprintf("std, cmd, the project's %d packages and the %d packages "+
			"of other modules that its build and tests import", len(list.Module), len(list.Deps)),
		dir:      root,
		patterns: patterns,
	}, nil
}
