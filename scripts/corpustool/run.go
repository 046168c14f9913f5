package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/readeratcheck/readeratcheck/scripts/benchkit"
)

// An outcome is what one run of readeratcheck over an input came to.
type outcome struct {
	ran         bool // false when the input named no package
	exitCode    int
	cost        benchkit.Cost
	diagnostics []diagnostic
	failures    []failure
	panics      []string
	badFixes    []string // fixes that do not apply or whose result does not parse
	problems    []string // anything else wrong with the run
	stderr      string
	output      []byte // the JSON output
}

// count returns how many failures of the kind the outcome holds.
func (o *outcome) count(kind string) int {
	n := 0
	for _, f := range o.failures {
		if f.kind == kind {
			n++
		}
	}
	return n
}

// clean reports whether the run had nothing wrong (diagnostics are fine).
func (o *outcome) clean() bool {
	return len(o.failures) == 0 && len(o.panics) == 0 && len(o.badFixes) == 0 &&
		len(o.problems) == 0
}

// run builds readeratcheck unless given one, runs it over every input and
// prints the report. It reports whether every input ran clean.
func run(cfg config) (bool, error) {
	root, err := os.Getwd()
	if err != nil {
		return false, err
	}

	// Build the command once, unless one was given.
	command := cfg.command
	if command == "" {
		work, err := os.MkdirTemp("", "readeratcheck-corpus-")
		if err != nil {
			return false, err
		}
		defer os.RemoveAll(work)
		command = filepath.Join(work, "readeratcheck")
		build := exec.Command("go", "build", "-o", command, "./cmd/readeratcheck")
		if out, err := build.CombinedOutput(); err != nil {
			return false, fmt.Errorf("go build ./cmd/readeratcheck: %v\n%s", err, out)
		}
	}

	if cfg.keepJSON != "" {
		if err := os.MkdirAll(cfg.keepJSON, 0o755); err != nil {
			return false, err
		}
	}
	inputs, err := prepareInputs(cfg, root)
	if err != nil {
		return false, err
	}
	short, err := newShortener(root)
	if err != nil {
		return false, err
	}

	// Run and report each input as it completes: a whole corpus takes
	// minutes.
	rep := report{markdown: cfg.markdown, short: short}
	rep.header(os.Stdout)
	outcomes := make([]outcome, len(inputs))
	for i, in := range inputs {
		outcomes[i] = runInput(command, in)
		if cfg.keepJSON != "" {
			name := filepath.Join(cfg.keepJSON, in.name+".json")
			if err := os.WriteFile(name, outcomes[i].output, 0o644); err != nil {
				return false, err
			}
		}
		rep.input(os.Stdout, in, &outcomes[i])
	}
	return rep.summary(os.Stdout, inputs, outcomes), nil
}

// runInput runs the command with -json over the input and reads the
// outcome.
func runInput(command string, in input) outcome {
	var o outcome
	if len(in.patterns) == 0 {
		return o
	}
	o.ran = true
	stdout, stderr, cost, err := runJSON(command, in)
	o.cost, o.stderr, o.output = cost, stderr, stdout
	o.panics = findPanics(stderr)

	// The exit code: -json exits 0, or 1 when a package does not load or
	// type-check; a panic exits 2.
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit) && exit.ExitCode() < 0:
		// Killed by a signal, for instance by the kernel when out of
		// memory: there is no exit code.
		o.exitCode = -1
		o.problems = append(o.problems, fmt.Sprintf("the command ended by %v", exit))
		return o
	case errors.As(err, &exit):
		o.exitCode = exit.ExitCode()
	default:
		o.problems = append(o.problems, fmt.Sprintf("the command did not run: %v", err))
		return o
	}

	// The JSON output, absent if the command died.
	if len(bytes.TrimSpace(stdout)) == 0 {
		if len(o.panics) == 0 {
			o.problems = append(o.problems, "no JSON output")
		}
	} else {
		diags, failures, err := parseJSON(stdout)
		if err != nil {
			o.problems = append(o.problems, err.Error())
		}
		o.diagnostics, o.failures = diags, failures
	}
	if o.exitCode == 1 && o.count(notTypeChecked) == 0 {
		o.problems = append(o.problems, "exit status 1 without a package that failed to load")
	} else if o.exitCode > 1 && len(o.panics) == 0 {
		o.problems = append(o.problems, fmt.Sprintf("exit status %d", o.exitCode))
	}

	// Every fix must apply and leave Go files that parse.
	files := make(fileCache)
	for _, d := range o.diagnostics {
		for _, f := range d.fixes {
			if err := checkFix(f, files); err != nil {
				bad := fmt.Sprintf("%s: fix %q: %v", d.posn, f.Message, err)
				o.badFixes = append(o.badFixes, bad)
			}
		}
	}
	return o
}

// runJSON runs the command with -json over the input and returns what it
// printed and what it cost.
func runJSON(command string, in input) ([]byte, string, benchkit.Cost, error) {
	args := []string{"-json", "-test=" + strconv.FormatBool(in.tests)}
	cmd := exec.Command(command, append(args, in.patterns...)...)
	cmd.Dir = in.dir
	cmd.Env = append(cmd.Environ(), in.env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cost, err := benchkit.Measure(cmd)
	return stdout.Bytes(), stderr.String(), cost, err
}

// A shortener rewrites absolute paths for the report: files of the
// repository and of an external tree relative to their root, files of the
// toolchain and module cache under $GOROOT and $GOMODCACHE.
type shortener struct {
	roots []string // prefixes, the longest first
	names []string // what each prefix becomes
}

// newShortener knows the repository root and the go command's GOROOT and
// GOMODCACHE.
func newShortener(root string) (*shortener, error) {
	out, err := exec.Command("go", "env", "GOROOT", "GOMODCACHE").Output()
	if err != nil {
		return nil, fmt.Errorf("go env: %v", err)
	}
	env := strings.Fields(string(out))
	if len(env) != 2 {
		return nil, fmt.Errorf("go env printed %q", out)
	}
	s := &shortener{
		roots: []string{root, env[1], env[0]},
		names: []string{"", "$GOMODCACHE", "$GOROOT"},
	}
	sort.Sort(s)
	return s, nil
}

// Len, Less and Swap sort the prefixes, the longest first, so that a
// prefix inside another wins.
func (s *shortener) Len() int           { return len(s.roots) }
func (s *shortener) Less(i, j int) bool { return len(s.roots[i]) > len(s.roots[j]) }
func (s *shortener) Swap(i, j int) {
	s.roots[i], s.roots[j] = s.roots[j], s.roots[i]
	s.names[i], s.names[j] = s.names[j], s.names[i]
}

// path shortens one path; dir, if not empty, is the root of the input,
// which comes first.
func (s *shortener) path(p, dir string) string {
	if dir != "" {
		if rel, ok := under(p, dir); ok {
			return rel
		}
	}
	for i, root := range s.roots {
		if rel, ok := under(p, root); ok {
			if s.names[i] == "" {
				return rel
			}
			return s.names[i] + "/" + rel
		}
	}
	return p
}

// under returns p relative to dir if p lies under dir.
func under(p, dir string) (string, bool) {
	rest, ok := strings.CutPrefix(p, strings.TrimSuffix(dir, "/")+"/")
	return rest, ok && rest != ""
}
