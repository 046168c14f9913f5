package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/readeratcheck/readeratcheck/scripts/benchkit"
)

// TestMain lets the test binary stand in for a driver: with BENCH_FAKE
// set, its first argument is "label:status"; it checks that the other
// arguments are BENCH_FAKE_ARGS, appends the label to the file
// BENCH_FAKE_LOG and exits with the status.
func TestMain(m *testing.M) {
	if os.Getenv("BENCH_FAKE") != "" {
		label, status, _ := strings.Cut(os.Args[1], ":")
		args := strings.Join(os.Args[2:], " ")
		if want := os.Getenv("BENCH_FAKE_ARGS"); args != want {
			fmt.Fprintf(os.Stderr, "fake: args %q, want %q\n", args, want)
			os.Exit(99)
		}
		f, err := os.OpenFile(os.Getenv("BENCH_FAKE_LOG"), os.O_APPEND|os.O_WRONLY|os.O_CREATE,
			0o644)
		if err != nil {
			os.Exit(98)
		}
		fmt.Fprintf(f, "%s\n", label)
		f.Close()
		fmt.Fprintf(os.Stderr, "fake output of %s\n", label)
		n, _ := strconv.Atoi(status)
		os.Exit(n)
	}
	os.Exit(m.Run())
}

func TestSummarize(t *testing.T) {
	for _, tc := range []struct {
		xs   []float64
		want stats
	}{
		{[]float64{3}, stats{3, 3, 3}},
		{[]float64{5, 1, 3}, stats{3, 1, 5}},
		{[]float64{4, 1, 3, 2}, stats{2.5, 1, 4}},
	} {
		if got := summarize(tc.xs); got != tc.want {
			t.Errorf("summarize(%v) = %+v, want %+v", tc.xs, got, tc.want)
		}
	}
}

// costs makes one cost per round from wall seconds, CPU seconds and MiB.
func costs(rounds ...[3]float64) []benchkit.Cost {
	var out []benchkit.Cost
	for _, r := range rounds {
		out = append(out, benchkit.Cost{
			Wall:    time.Duration(r[0] * float64(time.Second)),
			CPU:     time.Duration(r[1] * float64(time.Second)),
			PeakRSS: int64(r[2] * (1 << 20)),
		})
	}
	return out
}

// The ratio is taken round by round: a slow round for both sides does not
// move it, where a ratio of medians would move.
func TestRatioPairsRounds(t *testing.T) {
	ours := costs([3]float64{2, 2, 100}, [3]float64{11, 4, 100}, [3]float64{3, 3, 100})
	base := costs([3]float64{2, 2, 100}, [3]float64{10, 4, 80}, [3]float64{2, 3, 50})
	if got, want := ratio(ours, base, wallOf), (stats{1.1, 1, 1.5}); got != want {
		t.Errorf("wall ratio = %+v, want %+v", got, want)
	}
	if got, want := ratio(ours, base, rssOf), (stats{1.25, 1, 2}); got != want {
		t.Errorf("RSS ratio = %+v, want %+v", got, want)
	}
}

func TestRotation(t *testing.T) {
	for _, tc := range []struct {
		n, r int
		want []int
	}{
		{2, 0, []int{0, 1}},
		{2, 1, []int{1, 0}},
		{3, 1, []int{1, 2, 0}},
		{3, 5, []int{2, 0, 1}},
	} {
		if got := rotation(tc.n, tc.r); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("rotation(%d, %d) = %v, want %v", tc.n, tc.r, got, tc.want)
		}
	}
}

func TestParseFlags(t *testing.T) {
	cfg, err := parseFlags(nil)
	want := config{rounds: 5, warmup: 1, sets: []string{"std"}}
	if err != nil || !reflect.DeepEqual(cfg, want) {
		t.Errorf("parseFlags() = %+v, %v; want %+v", cfg, err, want)
	}
	cfg, err = parseFlags([]string{"-rounds", "3", "-sets", "std,aws", "-test", "-check"})
	want = config{rounds: 3, warmup: 1, sets: []string{"std", "aws"}, tests: true, check: true}
	if err != nil || !reflect.DeepEqual(cfg, want) {
		t.Errorf("parseFlags(...) = %+v, %v; want %+v", cfg, err, want)
	}
	for _, args := range [][]string{
		{"-sets", "std,gopls"},
		{"-sets", "large", "-test"},
		{"-sets", "aws", "-check"},
		{"-rounds", "0"},
		{"std"},
	} {
		if _, err := parseFlags(args); err == nil {
			t.Errorf("parseFlags(%q) succeeded, want an error", args)
		}
	}
}

// testResults are two sets measured over two rounds: std against one
// baseline and aws against two.
func testResults() []result {
	return []result{
		{
			set:      inputSet{name: "std", about: "the standard library", packages: 362},
			commands: []command{{label: "readeratcheck"}, {label: "noopcheck"}},
			samples: [][]benchkit.Cost{
				costs([3]float64{10.5, 16, 2100}, [3]float64{11.5, 18, 2300}),
				costs([3]float64{10, 16, 2000}, [3]float64{10, 16, 2000}),
			},
		},
		{
			set: inputSet{name: "aws", about: "some modules", packages: 355},
			commands: []command{{label: "readeratcheck"}, {label: "noopcheck"},
				{label: "noopcheck -facts"}},
			samples: [][]benchkit.Cost{
				costs([3]float64{9, 9, 1300}, [3]float64{9, 9, 1300}),
				costs([3]float64{4.5, 4.5, 700}, [3]float64{4.5, 4.5, 650}),
				costs([3]float64{9, 9, 1300}, [3]float64{9, 9, 1300}),
			},
		},
	}
}

const wantReport = `readeratcheck against noopcheck (the same driver, an analyzer that does nothing)
go1.26.8 linux/amd64, 2 CPUs; -test=false for both; 2 rounds after 1 warm-up per command, order rotating each round
load average before: 0.50 0.40 0.30; after: 1.50 1.00 0.50

Medians:

| input | packages | command | wall | CPU | peak RSS |
| --- | ---: | --- | ---: | ---: | ---: |
| std | 362 | readeratcheck | 11.00 s | 17.00 s | 2200 MiB |
| std | 362 | noopcheck | 10.00 s | 16.00 s | 2000 MiB |
| aws | 355 | readeratcheck | 9.00 s | 9.00 s | 1300 MiB |
| aws | 355 | noopcheck | 4.50 s | 4.50 s | 675 MiB |
| aws | 355 | noopcheck -facts | 9.00 s | 9.00 s | 1300 MiB |

readeratcheck ÷ baseline, median of the rounds (lowest–highest):

| input | baseline | wall | CPU | peak RSS |
| --- | --- | ---: | ---: | ---: |
| std | noopcheck | 1.10× (1.05–1.15) | 1.06× (1.00–1.12) | 1.10× (1.05–1.15) |
| aws | noopcheck | 2.00× (2.00–2.00) | 2.00× (2.00–2.00) | 1.93× (1.86–2.00) |
| aws | noopcheck -facts | 1.00× (1.00–1.00) | 1.00× (1.00–1.00) | 1.00× (1.00–1.00) |

std: the standard library.
aws: some modules.
noopcheck loads the packages that are not named on the command line from export data;
noopcheck -facts declares a fact type, so it loads every package from source,
as any analyzer with facts does.

std targets (wall and CPU ≤ 1.10×, peak RSS ≤ 1.15× noopcheck): met
`

func TestReport(t *testing.T) {
	rep := report{platform: "go1.26.8 linux/amd64, 2 CPUs", rounds: 2, warmup: 1,
		loadBefore: "0.50 0.40 0.30", loadAfter: "1.50 1.00 0.50", results: testResults()}
	var buf bytes.Buffer
	rep.print(&buf)
	if got := buf.String(); got != wantReport {
		t.Errorf("report:\n%s\nwant:\n%s", got, wantReport)
	}
	if !rep.stdMeetsTargets() {
		t.Errorf("std at 1.10× time and 1.10× memory misses its targets")
	}

	// With one baseline, the note says nothing of -facts.
	rep.results = rep.results[:1]
	buf.Reset()
	rep.print(&buf)
	want := "\nstd: the standard library.\nnoopcheck loads the packages that are not named " +
		"on the command line from export data.\n\nstd targets"
	if !strings.Contains(buf.String(), want) {
		t.Errorf("report with std only:\n%s\nwant it to contain:\n%s", buf.String(), want)
	}
}

func TestStdVerdict(t *testing.T) {
	res := testResults()[:1]
	res[0].samples[0] = costs([3]float64{12, 16, 2400}, [3]float64{12, 16, 2400})
	rep := report{results: res}
	base, got := rep.stdVerdict()
	if want := "missed wall 1.20×, peak RSS 1.20×"; base != "noopcheck" || got != want {
		t.Errorf("stdVerdict() = %q, %q; want noopcheck, %q", base, got, want)
	}
	if rep.stdMeetsTargets() {
		t.Errorf("stdMeetsTargets() = true")
	}
	// With two baselines, the verdict is against the last, which loads
	// packages as readeratcheck does.
	res = testResults()[1:]
	res[0].set.name = "std"
	rep = report{results: res}
	if base, got := rep.stdVerdict(); base != "noopcheck -facts" || got != "met" {
		t.Errorf("stdVerdict() = %q, %q; want noopcheck -facts, met", base, got)
	}

	rep = report{results: testResults()[1:]}
	if _, got := rep.stdVerdict(); got != "" || rep.stdMeetsTargets() {
		t.Errorf("without std: stdVerdict() = %q, stdMeetsTargets() = %t", got,
			rep.stdMeetsTargets())
	}
}

func TestTailBuffer(t *testing.T) {
	tb := &tailBuffer{max: 5}
	for _, s := range []string{"abc", "defg", "h"} {
		if n, err := tb.Write([]byte(s)); n != len(s) || err != nil {
			t.Fatalf("Write(%q) = %d, %v", s, n, err)
		}
	}
	if got := tb.String(); got != "defgh" {
		t.Errorf("tail = %q, want %q", got, "defgh")
	}
}

// fakeSet is a set run by fake drivers, which log their labels to log.
func fakeSet(t *testing.T, log string) inputSet {
	return inputSet{
		name: "fake",
		dir:  t.TempDir(),
		env: []string{"BENCH_FAKE=1", "BENCH_FAKE_LOG=" + log,
			"BENCH_FAKE_ARGS=-test=true p1 p2"},
		patterns: []string{"p1", "p2"},
	}
}

// fake is a command that runs the test binary as a driver that exits with
// status.
func fake(label string, status int) command {
	arg := label + ":" + strconv.Itoa(status)
	return command{label: label, path: os.Args[0], args: []string{arg}}
}

// readLog returns the labels logged by fake drivers, in order.
func readLog(t *testing.T, log string) string {
	data, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(string(data)), " ")
}

// TestMeasureSet checks the warm-up, the rotation of the rounds, the
// shared flags and that exit status 3 (findings) counts as success.
func TestMeasureSet(t *testing.T) {
	log := filepath.Join(t.TempDir(), "log")
	set := fakeSet(t, log)
	set.baselines = []command{fake("base", 0), fake("facts", 0)}
	cfg := config{rounds: 2, warmup: 1, tests: true}
	res, err := measureSet(set, fake("ours", 3), cfg)
	if err != nil {
		t.Fatal(err)
	}
	// One warm-up run each, then round 1 from ours, round 2 from base.
	got, want := readLog(t, log), "ours base facts ours base facts base facts ours"
	if got != want {
		t.Errorf("runs: %s\nwant: %s", got, want)
	}
	for i, s := range res.samples {
		if len(s) != 2 {
			t.Errorf("%s: %d samples, want 2", res.commands[i].label, len(s))
		}
		for _, c := range s {
			if c.Wall <= 0 || c.PeakRSS <= 0 {
				t.Errorf("%s: cost %+v not measured", res.commands[i].label, c)
			}
		}
	}
}

// A driver that fails stops the benchmark with the end of its stderr.
func TestMeasureSetFails(t *testing.T) {
	log := filepath.Join(t.TempDir(), "log")
	set := fakeSet(t, log)
	set.baselines = []command{fake("base", 1)}
	_, err := measureSet(set, fake("ours", 0), config{rounds: 1, tests: true})
	if err == nil || !strings.Contains(err.Error(), "base on fake: exit status 1") ||
		!strings.Contains(err.Error(), "fake output of base") {
		t.Errorf("err = %v, want the failure of base with its output", err)
	}
}

// TestRealDriver runs noopcheck, as ours and as baseline with -facts, on a
// small package: the real driver accepts the flags the benchmark passes.
func TestRealDriver(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the driver")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	noop := filepath.Join(t.TempDir(), "noopcheck")
	if err := goCmd(root, nil, "build", "-o", noop, "./scripts/noopcheck"); err != nil {
		t.Fatal(err)
	}
	set := inputSet{name: "errors", dir: root, patterns: []string{"errors"},
		baselines: []command{{label: "noopcheck -facts", path: noop, args: []string{"-facts"}}}}
	res, err := measureSet(set, command{label: "noopcheck", path: noop},
		config{rounds: 1, tests: true})
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range res.samples {
		if len(s) != 1 || s[0].CPU <= 0 || s[0].PeakRSS < 1<<20 {
			t.Errorf("%s: samples %+v", res.commands[i].label, s)
		}
	}
}
