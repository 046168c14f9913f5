package main

import (
	"fmt"
	"io"
	"runtime"
	"slices"

	"github.com/readeratcheck/readeratcheck/scripts/benchkit"
)

// The targets on std, as ratios of readeratcheck to noopcheck.
const (
	maxTimeRatio = 1.10 // wall and CPU time
	maxRSSRatio  = 1.15 // peak resident memory
)

// A report is everything the benchmark prints.
type report struct {
	platform   string // Go version, system and CPU count
	rounds     int
	warmup     int
	tests      bool
	loadBefore string
	loadAfter  string
	results    []result
}

// stats summarises one quantity over the rounds.
type stats struct {
	median, low, high float64
}

// summarize returns the median, lowest and highest of xs, which must not
// be empty.
func summarize(xs []float64) stats {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	med := s[n/2]
	if n%2 == 0 {
		med = (s[n/2-1] + s[n/2]) / 2
	}
	return stats{median: med, low: s[0], high: s[n-1]}
}

// The three quantities measured, as functions of a cost.
var (
	wallOf = func(c benchkit.Cost) float64 { return c.Wall.Seconds() }
	cpuOf  = func(c benchkit.Cost) float64 { return c.CPU.Seconds() }
	rssOf  = func(c benchkit.Cost) float64 { return float64(c.PeakRSS) }
)

// over summarises one quantity of the costs.
func over(costs []benchkit.Cost, of func(benchkit.Cost) float64) stats {
	xs := make([]float64, len(costs))
	for i, c := range costs {
		xs[i] = of(c)
	}
	return summarize(xs)
}

// ratio summarises, round by round, one quantity of ours divided by the
// same of base. Runs of one round were made back to back, so the ratio of
// a pair is less affected by a load that comes and goes than the ratio of
// two medians would be.
func ratio(ours, base []benchkit.Cost, of func(benchkit.Cost) float64) stats {
	xs := make([]float64, len(ours))
	for r := range ours {
		xs[r] = of(ours[r]) / of(base[r])
	}
	return summarize(xs)
}

// print writes the report as text with two Markdown tables.
func (rep *report) print(w io.Writer) {
	// What was run, and how busy the machine was.
	platform := rep.platform
	if platform == "" {
		platform = fmt.Sprintf("%s %s/%s, %d CPUs", runtime.Version(), runtime.GOOS,
			runtime.GOARCH, runtime.NumCPU())
	}
	fmt.Fprintf(w, "readeratcheck against noopcheck "+
		"(the same driver, an analyzer that does nothing)\n")
	fmt.Fprintf(w, "%s; -test=%t for both; %d rounds after %d warm-up per command, "+
		"order rotating each round\n", platform, rep.tests, rep.rounds, rep.warmup)
	fmt.Fprintf(w, "load average before: %s; after: %s\n\n", rep.loadBefore, rep.loadAfter)

	// Medians of each command.
	fmt.Fprintf(w, "Medians:\n\n")
	fmt.Fprintf(w, "| input | packages | command | wall | CPU | peak RSS |\n")
	fmt.Fprintf(w, "| --- | ---: | --- | ---: | ---: | ---: |\n")
	for _, res := range rep.results {
		for i, c := range res.commands {
			s := res.samples[i]
			fmt.Fprintf(w, "| %s | %d | %s | %s | %s | %s |\n", res.set.name, res.set.packages,
				c.label, seconds(over(s, wallOf).median), seconds(over(s, cpuOf).median),
				mebibytes(over(s, rssOf).median))
		}
	}

	// Ratios against each baseline.
	fmt.Fprintf(w, "\nreaderatcheck ÷ baseline, median of the rounds (lowest–highest):\n\n")
	fmt.Fprintf(w, "| input | baseline | wall | CPU | peak RSS |\n")
	fmt.Fprintf(w, "| --- | --- | ---: | ---: | ---: |\n")
	for _, res := range rep.results {
		ours := res.samples[0]
		for i := 1; i < len(res.commands); i++ {
			base := res.samples[i]
			fmt.Fprintf(w, "| %s | %s | %s | %s | %s |\n", res.set.name, res.commands[i].label,
				times(ratio(ours, base, wallOf)), times(ratio(ours, base, cpuOf)),
				times(ratio(ours, base, rssOf)))
		}
	}

	// What the sets and baselines are.
	fmt.Fprintf(w, "\n")
	for _, res := range rep.results {
		fmt.Fprintf(w, "%s: %s.\n", res.set.name, res.set.about)
	}
	fmt.Fprintf(w, "noopcheck loads the packages that are not named on the command line "+
		"from export data")
	if rep.hasFactsBaseline() {
		fmt.Fprintf(w, ";\nnoopcheck -facts declares a fact type, so it loads every "+
			"package from source,\nas any analyzer with facts does")
	}
	fmt.Fprintf(w, ".\n")

	// The verdict on std.
	if base, verdict := rep.stdVerdict(); verdict != "" {
		fmt.Fprintf(w, "\nstd targets (wall and CPU ≤ %.2f×, peak RSS ≤ %.2f× %s): %s\n",
			maxTimeRatio, maxRSSRatio, base, verdict)
	}
}

// hasFactsBaseline reports whether some set was compared with two
// baselines.
func (rep *report) hasFactsBaseline() bool {
	for _, res := range rep.results {
		if len(res.commands) > 2 {
			return true
		}
	}
	return false
}

// stdVerdict says whether the std set met its targets, and if not, which
// ratios missed; it is empty if std was not measured. The baseline is the
// last of the set, the one that loads packages as readeratcheck does;
// stdVerdict returns its label.
func (rep *report) stdVerdict() (baseline, verdict string) {
	for _, res := range rep.results {
		if res.set.name != "std" {
			continue
		}
		last := len(res.commands) - 1
		baseline = res.commands[last].label
		ours, base := res.samples[0], res.samples[last]
		var missed string
		for _, q := range []struct {
			name  string
			of    func(benchkit.Cost) float64
			limit float64
		}{
			{"wall", wallOf, maxTimeRatio},
			{"CPU", cpuOf, maxTimeRatio},
			{"peak RSS", rssOf, maxRSSRatio},
		} {
			if r := ratio(ours, base, q.of).median; r > q.limit {
				missed += fmt.Sprintf(", %s %.2f×", q.name, r)
			}
		}
		if missed != "" {
			return baseline, "missed" + missed[1:]
		}
		return baseline, "met"
	}
	return "", ""
}

// stdMeetsTargets reports whether std was measured and met its targets.
func (rep *report) stdMeetsTargets() bool {
	_, verdict := rep.stdVerdict()
	return verdict == "met"
}

// seconds formats a number of seconds.
func seconds(x float64) string { return fmt.Sprintf("%.2f s", x) }

// mebibytes formats a number of bytes in MiB.
func mebibytes(x float64) string { return fmt.Sprintf("%.0f MiB", x/(1<<20)) }

// times formats ratio statistics as "median× (low–high)".
func times(s stats) string {
	return fmt.Sprintf("%.2f× (%.2f–%.2f)", s.median, s.low, s.high)
}
