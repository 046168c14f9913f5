package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/readeratcheck/readeratcheck/scripts/benchkit"
)

// run builds the drivers, measures every chosen set and prints the report.
// It reports false if -check was given and std missed its targets.
func run(cfg config) (bool, error) {
	root, err := os.Getwd()
	if err != nil {
		return false, err
	}
	work, err := os.MkdirTemp("", "readeratcheck-bench-")
	if err != nil {
		return false, err
	}
	if cfg.keep {
		fmt.Fprintf(os.Stderr, "bench: work directory %s\n", work)
	} else {
		defer os.RemoveAll(work)
	}

	// Build both drivers once.
	ours := command{label: "readeratcheck", path: filepath.Join(work, "readeratcheck")}
	noop := command{label: "noopcheck", path: filepath.Join(work, "noopcheck")}
	if err := goCmd(root, nil, "build", "-o", ours.path, "./cmd/readeratcheck"); err != nil {
		return false, err
	}
	if err := goCmd(root, nil, "build", "-o", noop.path, "./scripts/noopcheck"); err != nil {
		return false, err
	}

	// Measure each set in turn.
	rep := report{rounds: cfg.rounds, warmup: cfg.warmup, tests: cfg.tests,
		loadBefore: loadAverage()}
	for _, name := range cfg.sets {
		set, err := prepareSet(name, root, work, noop, cfg.tests)
		if err != nil {
			return false, err
		}
		res, err := measureSet(set, ours, cfg)
		if err != nil {
			return false, err
		}
		rep.results = append(rep.results, res)
	}
	rep.loadAfter = loadAverage()

	rep.print(os.Stdout)
	return !cfg.check || rep.stdMeetsTargets(), nil
}

// A result holds the costs measured on one set: samples[i][r] is what
// commands[i] cost in round r. commands[0] is readeratcheck.
type result struct {
	set      inputSet
	commands []command
	samples  [][]benchkit.Cost
}

// measureSet warms up, then runs readeratcheck and the set's baselines
// cfg.rounds times each, rotating the order every round.
func measureSet(set inputSet, ours command, cfg config) (result, error) {
	res := result{set: set, commands: append([]command{ours}, set.baselines...)}
	res.samples = make([][]benchkit.Cost, len(res.commands))

	// Warm-up runs fill the build cache (export data, cgo) and the page
	// cache; they are not counted.
	for range cfg.warmup {
		for _, c := range res.commands {
			if _, err := runOnce(set, c, cfg.tests); err != nil {
				return result{}, err
			}
		}
	}

	for r := range cfg.rounds {
		for _, i := range rotation(len(res.commands), r) {
			c := res.commands[i]
			cost, err := runOnce(set, c, cfg.tests)
			if err != nil {
				return result{}, err
			}
			if cfg.verbose {
				fmt.Fprintf(os.Stderr, "bench: %s round %d %s: wall %s, CPU %s, peak RSS %s\n",
					set.name, r+1, c.label, seconds(cost.Wall.Seconds()),
					seconds(cost.CPU.Seconds()), mebibytes(float64(cost.PeakRSS)))
			}
			res.samples[i] = append(res.samples[i], cost)
		}
	}
	return res, nil
}

// rotation returns the order in which n commands run in round r: each
// round starts one further along, so no command always runs first.
func rotation(n, r int) []int {
	order := make([]int, n)
	for i := range order {
		order[i] = (i + r) % n
	}
	return order
}

// runOnce runs c over the set's packages and measures it. The driver exits
// 0 when clean and 3 when it found something; anything else is a failed
// run, reported with the end of its standard error.
func runOnce(set inputSet, c command, tests bool) (benchkit.Cost, error) {
	args := append(append([]string(nil), c.args...), "-test="+strconv.FormatBool(tests))
	cmd := exec.Command(c.path, append(args, set.patterns...)...)
	cmd.Dir = set.dir
	cmd.Env = append(cmd.Environ(), set.env...)
	cmd.Stdout = io.Discard
	stderr := &tailBuffer{max: 4096}
	cmd.Stderr = stderr

	cost, err := benchkit.Measure(cmd)
	var exit *exec.ExitError
	if errors.As(err, &exit) && exit.ExitCode() == 3 {
		err = nil
	}
	if err != nil {
		return benchkit.Cost{}, fmt.Errorf("%s on %s: %v\n%s", c.label, set.name, err,
			stderr.String())
	}
	return cost, nil
}

// goCmd runs the go command with args in dir and fails with its output.
func goCmd(dir string, env []string, args ...string) error {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(cmd.Environ(), env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return nil
}

// loadAverage returns the three load averages of /proc/loadavg, or "n/a".
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "n/a"
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return "n/a"
	}
	return strings.Join(f[:3], " ")
}

// tailBuffer keeps the last max bytes written to it.
type tailBuffer struct {
	max int
	buf bytes.Buffer
}

// Write keeps p, dropping the oldest bytes beyond the limit.
func (t *tailBuffer) Write(p []byte) (int, error) {
	t.buf.Write(p)
	if extra := t.buf.Len() - t.max; extra > 0 {
		t.buf.Next(extra)
	}
	return len(p), nil
}

// String returns what is kept.
func (t *tailBuffer) String() string { return t.buf.String() }
