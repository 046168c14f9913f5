package main

import (
	"fmt"
	"io"
	"runtime"
	"strings"
)

// A report prints the outcome of each input, then a summary.
type report struct {
	markdown bool
	short    *shortener
	platform string // Go version and system; set by tests
}

// Bounds on what the report quotes from long lists.
const (
	maxListed      = 20 // packages of one kind of failure
	maxStderrLines = 30 // lines of a command's standard error
)

// header prints what runs.
func (r *report) header(w io.Writer) {
	platform := r.platform
	if platform == "" {
		platform = fmt.Sprintf("%s %s/%s", runtime.Version(), runtime.GOOS, runtime.GOARCH)
	}
	fmt.Fprintf(w, "readeratcheck -json over each input (%s)\n", platform)
}

// input prints the outcome of one input: its cost, what went wrong, and
// every diagnostic.
func (r *report) input(w io.Writer, in input, o *outcome) {
	tests := "with tests"
	if !in.tests {
		tests = "without tests"
	}
	fmt.Fprintf(w, "\n## %s: %s (%d packages, %s)\n\n", in.name, in.about, in.packages, tests)
	if !o.ran {
		fmt.Fprintf(w, "no packages: not run\n")
		return
	}
	fmt.Fprintf(w, "ran in %.1f s (CPU %.1f s, peak RSS %d MiB), exit status %d\n",
		o.cost.Wall.Seconds(), o.cost.CPU.Seconds(), o.cost.PeakRSS>>20, o.exitCode)

	// What went wrong, if anything.
	r.list(w, "panics", o.panics, func(s string) string { return indent(s, "    ") })
	titles := map[string]string{
		internalError:  "internal errors",
		failedPrereq:   "failed prerequisites",
		notTypeChecked: "packages not type-checked",
	}
	for _, kind := range []string{internalError, failedPrereq, notTypeChecked} {
		var lines []string
		for _, f := range o.failures {
			if f.kind == kind {
				first, _, _ := strings.Cut(f.text, "\n")
				lines = append(lines, f.pkg+": "+first)
			}
		}
		r.list(w, titles[kind], lines, nil)
	}
	r.list(w, "fixes that do not apply or parse", o.badFixes, nil)
	r.list(w, "other problems", o.problems, nil)
	if o.stderr != "" && !o.clean() {
		lines := strings.Split(strings.TrimRight(o.stderr, "\n"), "\n")
		fmt.Fprintf(w, "stderr (%d lines):\n", len(lines))
		fmt.Fprintf(w, "%s\n", indent(strings.Join(lines[:min(len(lines), maxStderrLines)], "\n"),
			"    "))
	}

	// Every diagnostic, once.
	withFix := 0
	for _, d := range o.diagnostics {
		if len(d.fixes) > 0 {
			withFix++
		}
	}
	fmt.Fprintf(w, "diagnostics: %d (%d with a fix)\n", len(o.diagnostics), withFix)
	if r.markdown {
		r.diagnosticTable(w, in, o.diagnostics)
		return
	}
	for _, d := range o.diagnostics {
		fmt.Fprintf(w, "    %s: %s\n", r.position(d.posn, in), d.message)
		for _, f := range d.fixes {
			fmt.Fprintf(w, "        fix: %s (%s)\n", f.Message, r.editSummary(f, in))
		}
	}
}

// list prints a titled count and up to maxListed items, each rewritten by
// show if it is not nil. An empty list prints nothing: the summary has the
// zero counts.
func (r *report) list(w io.Writer, title string, items []string, show func(string) string) {
	if len(items) == 0 {
		return
	}
	fmt.Fprintf(w, "%s: %d\n", title, len(items))
	for _, item := range items[:min(len(items), maxListed)] {
		if show != nil {
			item = show(item)
		} else {
			item = "    " + item
		}
		fmt.Fprintf(w, "%s\n", item)
	}
	if len(items) > maxListed {
		fmt.Fprintf(w, "    and %d more\n", len(items)-maxListed)
	}
}

// diagnosticTable prints the diagnostics as a Markdown table whose last
// column is left for a verdict.
func (r *report) diagnosticTable(w io.Writer, in input, diags []diagnostic) {
	if len(diags) == 0 {
		return
	}
	fmt.Fprintf(w, "\n| # | position | message | fix | verdict |\n")
	fmt.Fprintf(w, "| ---: | --- | --- | --- | --- |\n")
	for i, d := range diags {
		var fixes []string
		for _, f := range d.fixes {
			fixes = append(fixes, fmt.Sprintf("%s (%s)", f.Message, r.editSummary(f, in)))
		}
		fmt.Fprintf(w, "| %d | %s | %s | %s | |\n", i+1, cell(r.position(d.posn, in)),
			cell(d.message), cell(strings.Join(fixes, "; ")))
	}
}

// position shortens "file:line:column" to "file:line" with a short path.
func (r *report) position(posn string, in input) string {
	file, line, _ := splitPosn(posn)
	if line == 0 {
		return r.short.path(posn, in.dir)
	}
	return fmt.Sprintf("%s:%d", r.short.path(file, in.dir), line)
}

// editSummary says how many edits a fix makes and in which files.
func (r *report) editSummary(f fix, in input) string {
	var files []string
	for _, e := range f.Edits {
		name := r.short.path(e.Filename, in.dir)
		if len(files) == 0 || files[len(files)-1] != name {
			files = append(files, name)
		}
	}
	noun := "edits"
	if len(f.Edits) == 1 {
		noun = "edit"
	}
	return fmt.Sprintf("%d %s in %s", len(f.Edits), noun, strings.Join(files, ", "))
}

// summary prints one table row per input and the verdict, and reports
// whether every input was clean.
func (r *report) summary(w io.Writer, inputs []input, outcomes []outcome) bool {
	fmt.Fprintf(w, "\n## summary\n\n")
	fmt.Fprintf(w, "| input | packages | tests | wall | CPU | peak RSS | diagnostics | "+
		"with fix | panics | internal errors | failed prerequisites | not type-checked | "+
		"bad fixes | other problems |\n")
	fmt.Fprintf(w, "| --- |%s\n", strings.Repeat(" ---: |", 13))
	var dirty []string
	for i, in := range inputs {
		o := &outcomes[i]
		withFix := 0
		for _, d := range o.diagnostics {
			if len(d.fixes) > 0 {
				withFix++
			}
		}
		tests := "yes"
		if !in.tests {
			tests = "no"
		}
		fmt.Fprintf(w, "| %s | %d | %s | %.1f s | %.1f s | %d MiB | %d | %d | %d | %d | %d | %d | "+
			"%d | %d |\n", in.name, in.packages, tests, o.cost.Wall.Seconds(), o.cost.CPU.Seconds(),
			o.cost.PeakRSS>>20, len(o.diagnostics), withFix, len(o.panics), o.count(internalError),
			o.count(failedPrereq), o.count(notTypeChecked), len(o.badFixes), len(o.problems))
		if !o.clean() {
			dirty = append(dirty, in.name)
		}
	}
	if len(dirty) > 0 {
		fmt.Fprintf(w, "\ncorpus: NOT clean: %s\n", strings.Join(dirty, ", "))
		return false
	}
	fmt.Fprintf(w, "\ncorpus: clean\n")
	return true
}

// indent prefixes every line of s that is not empty.
func indent(s, prefix string) string {
	lines := strings.Split(s, "\n")
	for i, line := range lines {
		if line != "" {
			lines[i] = prefix + line
		}
	}
	return strings.Join(lines, "\n")
}

// cell makes text safe in a Markdown table cell.
func cell(s string) string {
	s = strings.ReplaceAll(s, "|", `\|`)
	return strings.ReplaceAll(s, "\n", " ")
}
