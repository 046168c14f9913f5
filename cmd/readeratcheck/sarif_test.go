package main

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// sarifModule has a method whose receiver type name holds a letter
// outside the Basic Multilingual Plane (two UTF-16 code units, four
// bytes), so that SARIF columns differ from byte columns, and a test
// file, so that p is analyzed twice.
const sarifModule = `
-- go.mod --
module example.com/m

go 1.26.0
-- p/a.go --
package p

type 𝔸Ü struct{ off int64 }

func (u *𝔸Ü) ReadAt(b []byte, off int64) (int, error) { u.off = off; return 0, nil }

type B struct{}

func (B) ReadAt(b []byte, off int64) (int, error) { return 0, nil }
-- p/marker.go --
package p
-- p/a_test.go --
package p

var _ = B{}
`

// TestSARIF checks the whole SARIF log against a golden file, and that
// it is valid SARIF 2.1.0.
func TestSARIF(t *testing.T) {
	dir := writeModule(t, sarifModule)
	got := runSARIFIn(dir, readatAnalyzer, "./...")
	if got.code != 0 || got.stderr != "" {
		t.Fatalf("exit code %d, stderr:\n%s", got.code, got.stderr)
	}
	checkGolden(t, "testdata/readat.sarif", strings.ReplaceAll(got.stdout, dir, "DIR"))
	checkValid(t, got.stdout)
}

// TestSARIFErrors checks that failed analyses make the run fail, are
// printed, and are listed in the log, which stays valid and still holds
// the results of the other packages.
func TestSARIFErrors(t *testing.T) {
	dir := writeModule(t, failingPackages)
	got := runSARIFIn(dir, failAnalyzer, "./...")
	if got.code != 1 {
		t.Errorf("exit code %d, want 1", got.code)
	}
	got.stderr = checkStack(t, got.stderr)
	const problems = `fail: example.com/m/bad: bad.go:1: analysis failed on purpose
fail: example.com/m/boom: internal error: panic while analyzing example.com/m/boom: assignment to entry in nil map
	STACK
`
	if got.stderr != problems {
		t.Errorf("stderr:\n%s\nwant:\n%s", got.stderr, problems)
	}
	checkValid(t, got.stdout)

	report, err := sarif.FromBytes([]byte(got.stdout))
	if err != nil {
		t.Fatal(err)
	}
	run := report.Runs[0]
	inv := run.Invocations[0]
	if *inv.ExecutionSuccessful {
		t.Errorf("executionSuccessful is true")
	}
	var notes []string
	for _, n := range inv.ToolExecutionNotifications {
		notes = append(notes, n.Level+": "+stripStack(*n.Message.Text+"\n"))
	}
	want := []string{
		"error: fail: example.com/m/bad: bad.go:1: analysis failed on purpose\n",
		"error: fail: example.com/m/boom: internal error: " +
			"panic while analyzing example.com/m/boom: assignment to entry in nil map\n\tSTACK\n",
	}
	if !reflect.DeepEqual(notes, want) {
		t.Errorf("notifications:\n%q\nwant:\n%q", notes, want)
	}

	// q's finding is there.
	if len(run.Results) != 1 ||
		*run.Results[0].Locations[0].PhysicalLocation.ArtifactLocation.URI != "q/q.go" {
		t.Errorf("results: %s", mustJSON(t, run.Results))
	}
}

// TestSARIFNoCategory checks that the analyzer's name is the rule of
// findings without a category, that an analyzer without a URL gives
// rules without a help URI, and that a finding without a fix has none.
func TestSARIFNoCategory(t *testing.T) {
	dir := writeModule(t, factsModule)
	got := runSARIFIn(dir, factAnalyzer, "./use")
	if got.code != 0 || got.stderr != "" {
		t.Fatalf("exit code %d, stderr:\n%s", got.code, got.stderr)
	}
	checkValid(t, got.stdout)
	report, err := sarif.FromBytes([]byte(got.stdout))
	if err != nil {
		t.Fatal(err)
	}
	run := report.Runs[0]
	want := `[{"id":"facts","name":"facts","helpUri":null,"results":[` +
		`{"ruleId":"facts","ruleIndex":0,"message":"call of dep.ReadAt from another package",` +
		`"uri":"use/use.go","line":5,"column":22,"fixes":0}]}]`
	type resultSummary struct {
		RuleID    string `json:"ruleId"`
		RuleIndex int    `json:"ruleIndex"`
		Message   string `json:"message"`
		URI       string `json:"uri"`
		Line      int    `json:"line"`
		Column    int    `json:"column"`
		Fixes     int    `json:"fixes"`
	}
	type ruleSummary struct {
		ID      string          `json:"id"`
		Name    string          `json:"name"`
		HelpURI *string         `json:"helpUri"`
		Results []resultSummary `json:"results"`
	}
	var rules []ruleSummary
	for _, r := range run.Tool.Driver.Rules {
		rules = append(rules, ruleSummary{ID: *r.ID, Name: *r.Name, HelpURI: r.HelpURI})
	}
	for _, r := range run.Results {
		loc := r.Locations[0].PhysicalLocation
		rules[0].Results = append(rules[0].Results, resultSummary{
			*r.RuleID, r.RuleIndex, *r.Message.Text, *loc.ArtifactLocation.URI,
			*loc.Region.StartLine, *loc.Region.StartColumn, len(r.Fixes),
		})
	}
	data, err := json.Marshal(rules)
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != want {
		t.Errorf("got  %s\nwant %s", data, want)
	}
}

// TestSARIFLoadError checks that a log is printed, valid and marked as
// failed, when nothing can be loaded.
func TestSARIFLoadError(t *testing.T) {
	dir := writeModule(t, "-- go.mod --\nmodule example.com/m\n\ngo 1.26.0\n")
	got := runSARIFIn(dir, readatAnalyzer, "./...")
	const msg = "readat: ./... matched no packages"
	if got.code != 1 || got.stderr != msg+"\n" {
		t.Errorf("exit code %d, stderr:\n%s\nwant 1 and %s", got.code, got.stderr, msg)
	}
	checkValid(t, got.stdout)
	report, err := sarif.FromBytes([]byte(got.stdout))
	if err != nil {
		t.Fatal(err)
	}
	inv := report.Runs[0].Invocations[0]
	if *inv.ExecutionSuccessful || *inv.ToolExecutionNotifications[0].Message.Text != msg {
		t.Errorf("invocation: %s", mustJSON(t, inv))
	}
}

// TestValidationRejects checks that the schema check used by checkValid
// does reject invalid logs: each change below breaks the golden log.
func TestValidationRejects(t *testing.T) {
	golden, err := os.ReadFile("testdata/readat.sarif")
	if err != nil {
		t.Fatal(err)
	}
	breaks := map[string]func(log map[string]any){
		"unknown level": func(log map[string]any) {
			result(log)["level"] = "high"
		},
		"column 0": func(log map[string]any) {
			firstRegion(log)["startColumn"] = 0
		},
		"line as a string": func(log map[string]any) {
			firstRegion(log)["startLine"] = "5"
		},
		"no version": func(log map[string]any) {
			delete(log, "version")
		},
		"no message": func(log map[string]any) {
			delete(result(log), "message")
		},
		"no tool": func(log map[string]any) {
			delete(log["runs"].([]any)[0].(map[string]any), "tool")
		},
	}
	for name, breakIt := range breaks {
		t.Run(name, func(t *testing.T) {
			var log map[string]any
			if err := json.Unmarshal(golden, &log); err != nil {
				t.Fatal(err)
			}
			breakIt(log)
			data, err := json.Marshal(log)
			if err != nil {
				t.Fatal(err)
			}
			report, err := sarif.FromBytes(data, sarif.WithStrictValidation())
			if err == nil {
				err = report.Validate()
			}
			if err == nil {
				t.Errorf("the broken log passes")
			}
		})
	}
}

// result returns the first result of the log.
func result(log map[string]any) map[string]any {
	run := log["runs"].([]any)[0].(map[string]any)
	return run["results"].([]any)[0].(map[string]any)
}

// firstRegion returns the region of the first location of the first result.
func firstRegion(log map[string]any) map[string]any {
	loc := result(log)["locations"].([]any)[0].(map[string]any)
	return loc["physicalLocation"].(map[string]any)["region"].(map[string]any)
}

// checkValid checks the SARIF log against the SARIF 2.1.0 schema.
//
// go-sarif validates its own structures, not bytes, so the log is first
// decoded into them and encoded again; that must give the same JSON, or
// the structures would not stand for the log and validating them would
// prove nothing.
func checkValid(t *testing.T, log string) {
	t.Helper()
	report, err := sarif.FromBytes([]byte(log), sarif.WithStrictValidation())
	if err != nil {
		t.Fatalf("not SARIF: %v", err)
	}
	again, err := json.Marshal(report)
	if err != nil {
		t.Fatal(err)
	}
	var x, y any
	if err := json.Unmarshal([]byte(log), &x); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(again, &y); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(x, y) {
		t.Fatalf("go-sarif does not read the log back unchanged:\n%s", again)
	}
	if err := report.Validate(); err != nil {
		t.Errorf("invalid SARIF 2.1.0: %v", err)
	}
}

// checkGolden compares got with the file name, or rewrites the file with
// -update.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("%s differs; got:\n%s", name, got)
	}
}

// mustJSON returns v as indented JSON, for messages.
func mustJSON(t *testing.T, v any) string {
	t.Helper()
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
