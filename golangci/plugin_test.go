package golangci_test

import (
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/readeratcheck/readeratcheck/golangci"
	"github.com/readeratcheck/readeratcheck/readeratcheck"
)

// buildPlugin obtains the plugin the way golangci-lint does: it looks the
// constructor up by name in the registry, calls it with the settings and
// asks the result for its analyzers. It restores the default flags when
// the test ends, since the flags live on the package-level analyzer.
func buildPlugin(t *testing.T, settings any) []*analysis.Analyzer {
	t.Helper()
	t.Cleanup(func() { resetFlags(t) })

	newPlugin, err := register.GetPlugin("readeratcheck")
	if err != nil {
		t.Fatalf("GetPlugin: %v", err)
	}
	p, err := newPlugin(settings)
	if err != nil {
		t.Fatalf("new plugin with settings %v: %v", settings, err)
	}
	if got := p.GetLoadMode(); got != register.LoadModeTypesInfo {
		t.Errorf("GetLoadMode() = %q, want %q", got, register.LoadModeTypesInfo)
	}
	analyzers, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatalf("BuildAnalyzers: %v", err)
	}
	return analyzers
}

// resetFlags puts every flag of the analyzer back to its default.
func resetFlags(t *testing.T) {
	for _, name := range []string{"race", "contract"} {
		f := readeratcheck.Analyzer.Flags.Lookup(name)
		if err := f.Value.Set(f.DefValue); err != nil {
			t.Errorf("resetting %s: %v", name, err)
		}
	}
}

// flagValues returns the current race and contract flags as text.
func flagValues() [2]string {
	flags := readeratcheck.Analyzer.Flags
	return [2]string{flags.Lookup("race").Value.String(), flags.Lookup("contract").Value.String()}
}

func TestRegisteredName(t *testing.T) {
	if golangci.Name != "readeratcheck" {
		t.Errorf("Name = %q, want %q", golangci.Name, "readeratcheck")
	}
	analyzers := buildPlugin(t, nil)
	if len(analyzers) != 1 || analyzers[0] != readeratcheck.Analyzer {
		t.Fatalf("BuildAnalyzers() = %v, want exactly readeratcheck.Analyzer", analyzers)
	}
	// golangci-lint prefixes messages with the analyzer name unless it
	// equals the linter name, so the two must agree.
	if analyzers[0].Name != golangci.Name {
		t.Errorf("analyzer name %q differs from plugin name %q", analyzers[0].Name, golangci.Name)
	}
}

func TestSettingsMapOntoFlags(t *testing.T) {
	// The cases run in order on the one global analyzer: each must set
	// every flag, including back to its default after an earlier case
	// turned it off.
	tests := []struct {
		name     string
		settings any
		want     [2]string // race, contract
	}{
		{"race off", map[string]any{"race": false}, [2]string{"false", "true"}},
		{"absent settings", nil, [2]string{"true", "true"}},
		{"contract off", map[string]any{"contract": false}, [2]string{"true", "false"}},
		{"empty mapping", map[string]any{}, [2]string{"true", "true"}},
		{"both off", map[string]any{"race": false, "contract": false}, [2]string{"false", "false"}},
		{"both on", map[string]any{"race": true, "contract": true}, [2]string{"true", "true"}},
	}
	for _, tt := range tests {
		buildPlugin(t, tt.settings)
		if got := flagValues(); got != tt.want {
			t.Errorf("%s: race, contract = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestSettingsErrors(t *testing.T) {
	tests := []struct {
		name     string
		settings any
		want     string
	}{
		{
			"unknown key",
			map[string]any{"race": true, "severity": "high"},
			`readeratcheck: unknown setting "severity" (known settings: contract, race)`,
		},
		{
			"first unknown key in order",
			map[string]any{"zeta": 1, "alpha": 2},
			`readeratcheck: unknown setting "alpha" (known settings: contract, race)`,
		},
		{
			"quoted bool",
			map[string]any{"race": "false"},
			`readeratcheck: setting "race": want true or false, got string false`,
		},
		{
			"number for bool",
			map[string]any{"contract": 0},
			`readeratcheck: setting "contract": want true or false, got int 0`,
		},
		{
			"list instead of mapping",
			[]any{"race"},
			`readeratcheck: settings must be a mapping of flag names to values, got []interface {}`,
		},
	}

	newPlugin, err := register.GetPlugin("readeratcheck")
	if err != nil {
		t.Fatalf("GetPlugin: %v", err)
	}
	for _, tt := range tests {
		p, err := newPlugin(tt.settings)
		if err == nil {
			t.Errorf("%s: got plugin %v, want error %q", tt.name, p, tt.want)
			continue
		}
		if err.Error() != tt.want {
			t.Errorf("%s: error\n%s\nwant\n%s", tt.name, err, tt.want)
		}
	}

	// A rejected configuration must leave the analyzer as it was.
	if got, want := flagValues(), [2]string{"true", "true"}; got != want {
		t.Errorf("after errors: race, contract = %v, want %v", got, want)
	}
}

func TestAnalyzersReportAndFix(t *testing.T) {
	analyzers := buildPlugin(t, map[string]any{"race": true})
	dir := analysistest.TestData()
	for _, a := range analyzers {
		analysistest.RunWithSuggestedFixes(t, dir, a, "sample")
	}
}

func TestRaceSettingSilences(t *testing.T) {
	// Package silenced holds the same racy method as package sample, which
	// TestAnalyzersReportAndFix shows is reported with race on.
	analyzers := buildPlugin(t, map[string]any{"race": false})
	dir := analysistest.TestData()
	for _, a := range analyzers {
		for _, res := range analysistest.Run(t, dir, a, "silenced") {
			if len(res.Diagnostics) != 0 {
				t.Errorf("race off: got %d diagnostics, want none", len(res.Diagnostics))
			}
		}
	}
}
