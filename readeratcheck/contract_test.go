package readeratcheck_test

import (
	"bytes"
	"fmt"
	"go/format"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/readeratcheck/readeratcheck/readeratcheck"
)

// contractScenarios lists the scenarios of the contract check, and those
// of them that hold golden files for fixes.
func contractScenarios(t *testing.T) (all, fixed []string) {
	for _, name := range scenarios(t) {
		if !strings.HasPrefix(name, "contract") {
			continue
		}
		all = append(all, name)
		goldens, err := filepath.Glob(filepath.Join(testdata(t), "src", name, "*.go.golden"))
		if err != nil {
			t.Fatal(err)
		}
		if len(goldens) > 0 {
			fixed = append(fixed, name)
		}
	}
	if len(all) == 0 || len(fixed) == 0 {
		t.Fatalf("contract scenarios %v, with fixes %v: want some of each", all, fixed)
	}
	return all, fixed
}

// TestContractFixes checks the io.ReadFull fixes against the goldens.
func TestContractFixes(t *testing.T) {
	_, fixed := contractScenarios(t)
	for _, name := range fixed {
		t.Run(name, func(t *testing.T) {
			analysistest.RunWithSuggestedFixes(t, testdata(t), readeratcheck.Analyzer, name)
		})
	}
}

// TestContractFixesGofmt applies the fixes without formatting and checks
// that the result is byte for byte the golden, and that gofmt leaves it
// alone: the edits are formatted as they are made.
func TestContractFixesGofmt(t *testing.T) {
	_, fixed := contractScenarios(t)
	for _, name := range fixed {
		t.Run(name, func(t *testing.T) {
			res := analysistest.Run(t, testdata(t), readeratcheck.Analyzer, name)
			edits := make(map[string][]analysis.TextEdit)
			for _, r := range res {
				for _, d := range r.Diagnostics {
					for _, fix := range d.SuggestedFixes {
						for _, e := range fix.TextEdits {
							file := r.Pass.Fset.File(e.Pos).Name()
							edits[file] = append(edits[file], e)
						}
					}
				}
				checkFixedFiles(t, r.Pass, edits)
			}
		})
	}
}

// checkFixedFiles applies the edits of each file and compares the result
// with its golden and with gofmt's output.
func checkFixedFiles(t *testing.T, pass *analysis.Pass, edits map[string][]analysis.TextEdit) {
	t.Helper()
	dir := filepath.Dir(pass.Fset.File(pass.Files[0].Pos()).Name())
	goldens, _ := filepath.Glob(filepath.Join(dir, "*.golden"))
	if len(edits) != len(goldens) {
		t.Errorf("%d files have fixes, %d have goldens", len(edits), len(goldens))
	}
	for file, es := range edits {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		got := applyEdits(t, pass, src, es)
		want, err := os.ReadFile(file + ".golden")
		if err != nil {
			t.Errorf("fixes in %s but no golden: %v", file, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: fixed file differs from its golden:\n%s", file, got)
		}
		if formatted, err := format.Source(got); err != nil || !bytes.Equal(formatted, got) {
			t.Errorf("%s: fixed file is not gofmt-clean (err %v)", file, err)
		}
	}
}

// TestContractFixesSilence applies the fixes to a copy of each scenario
// and runs the analyzer again: only the diagnostics that had no fix may
// remain.
func TestContractFixesSilence(t *testing.T) {
	_, fixed := contractScenarios(t)
	for _, name := range fixed {
		t.Run(name, func(t *testing.T) {
			// Step 1: the fixes, and the diagnostics without one.
			var unfixed []string
			edits := make(map[string][]analysis.TextEdit)
			var pass *analysis.Pass
			for _, r := range analysistest.Run(t, testdata(t), readeratcheck.Analyzer, name) {
				pass = r.Pass
				for _, d := range r.Diagnostics {
					if len(d.SuggestedFixes) == 0 {
						unfixed = append(unfixed, d.Message)
					}
					for _, e := range d.SuggestedFixes[0:min(1, len(d.SuggestedFixes))] {
						for _, te := range e.TextEdits {
							file := r.Pass.Fset.File(te.Pos).Name()
							edits[file] = append(edits[file], te)
						}
					}
				}
			}

			// Step 2: the scenario, fixed, in a fresh tree.
			root := t.TempDir()
			dir := filepath.Join(root, "src", name)
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			srcs, _ := filepath.Glob(filepath.Join(testdata(t), "src", name, "*.go"))
			for _, f := range srcs {
				src, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				if es := edits[f]; len(es) > 0 {
					src = applyEdits(t, pass, src, es)
				}
				if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), src, 0o644); err != nil {
					t.Fatal(err)
				}
			}

			// Step 3: what the analyzer still reports there.
			var left []string
			for _, r := range analysistest.Run(new(recorder), root, readeratcheck.Analyzer, name) {
				for _, d := range r.Diagnostics {
					left = append(left, d.Message)
				}
			}
			sort.Strings(unfixed)
			sort.Strings(left)
			if !slices.Equal(left, unfixed) {
				t.Errorf("after the fixes:\ngot  %q\nwant %q", left, unfixed)
			}
		})
	}
}

// applyEdits applies non-overlapping edits, identical ones once.
func applyEdits(t *testing.T, pass *analysis.Pass, src []byte, es []analysis.TextEdit) []byte {
	t.Helper()
	type edit struct {
		start, end int
		text       string
	}
	var list []edit
	for _, e := range es {
		tf := pass.Fset.File(e.Pos)
		ed := edit{tf.Offset(e.Pos), tf.Offset(e.End), string(e.NewText)}
		if !slices.Contains(list, ed) {
			list = append(list, ed)
		}
	}
	sort.Slice(list, func(i, j int) bool { return list[i].start < list[j].start })
	var out []byte
	last := 0
	for _, e := range list {
		if e.start < last {
			t.Fatalf("overlapping edits at offset %d", e.start)
		}
		out = append(append(out, src[last:e.start]...), e.text...)
		last = e.end
	}
	return append(out, src[last:]...)
}

// TestContractRelated checks the category of every diagnostic of the
// contract scenarios, and the Related entries of one per kind of
// shortfall, which analysistest does not look at.
func TestContractRelated(t *testing.T) {
	want := map[string][]string{
		"contractloop.go:33": {
			"contractloop.go:25:13: n adds up the counts of this Read",
			"contractloop.go:28:6: the read can end here with a nil error before p is full",
		},
		"contractread.go:53": {"contractread.go:49:12: n comes from this Read"},
		"contractcopy.go:26": {"contractcopy.go:26:9: the count comes from this copy"},
		"contractcopy.go:129": {
			"contractcopy.go:129:10: the count comes from this call, on part of p only",
		},
		"contractinner.go:28": {"contractinner.go:27:10: the error of this call is dropped"},
		"contractinner.go:39": {
			"contractinner.go:37:12: n comes from this call",
			"contractinner.go:38:5: " +
				"the call's error is known to be non-nil here, yet nil is returned",
		},
	}
	all, _ := contractScenarios(t)
	got := make(map[string][]string)
	for _, r := range analysistest.Run(t, testdata(t), readeratcheck.Analyzer, all...) {
		for _, d := range r.Diagnostics {
			if d.Category != "contract" && d.Category != "directive" {
				t.Errorf("%v: category %q, want contract", r.Pass.Fset.Position(d.Pos), d.Category)
			}
			k := shortPos(r.Pass, d.Pos, false)
			for _, rel := range d.Related {
				got[k] = append(got[k], shortPos(r.Pass, rel.Pos, true)+": "+rel.Message)
			}
		}
	}
	for k, w := range want {
		if !slices.Equal(got[k], w) {
			t.Errorf("related of %s:\ngot  %q\nwant %q", k, got[k], w)
		}
	}
}

// shortPos spells a position as file:line, or file:line:col.
func shortPos(pass *analysis.Pass, pos token.Pos, col bool) string {
	p := pass.Fset.Position(pos)
	if col {
		return fmt.Sprintf("%s:%d:%d", filepath.Base(p.Filename), p.Line, p.Column)
	}
	return fmt.Sprintf("%s:%d", filepath.Base(p.Filename), p.Line)
}

// recorder is a testing.T stand-in that keeps the errors analysistest
// reports, for runs expected to miss their wants.
type recorder struct{ errs []string }

func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

// TestContractFlagOff checks that -contract=false silences the check and
// nothing else: every want of the contract scenarios is then missed.
func TestContractFlagOff(t *testing.T) {
	all, _ := contractScenarios(t)
	if err := readeratcheck.Analyzer.Flags.Set("contract", "false"); err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := readeratcheck.Analyzer.Flags.Set("contract", "true"); err != nil {
			t.Fatal(err)
		}
	}()

	rec := new(recorder)
	for _, r := range analysistest.Run(rec, testdata(t), readeratcheck.Analyzer, all...) {
		for _, d := range r.Diagnostics {
			if d.Category == "contract" {
				t.Errorf("%v: contract diagnostic with -contract=false: %s",
					r.Pass.Fset.Position(d.Pos), d.Message)
			}
		}
	}
	missed := 0
	for _, e := range rec.errs {
		if strings.Contains(e, "no diagnostic was reported matching") {
			missed++
		}
	}
	if wants := countWants(t, all); missed != wants {
		t.Errorf("with -contract=false, %d wants missed, want all %d; errors: %q",
			missed, wants, rec.errs)
	}
}

// countWants counts the want comments of the scenarios' Go files.
func countWants(t *testing.T, names []string) int {
	n := 0
	for _, name := range names {
		files, err := filepath.Glob(filepath.Join(testdata(t), "src", name, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			n += bytes.Count(src, []byte("// want `"))
		}
	}
	return n
}
