// Package golangci registers readeratcheck as a golangci-lint v2 module
// plugin.
//
// A custom golangci-lint binary that blank-imports this package can enable
// the analyzer as a custom linter of type "module":
//
//	linters:
//	  enable:
//	    - readeratcheck
//	  settings:
//	    custom:
//	      readeratcheck:
//	        type: module
//	        settings:
//	          race: true
//	          contract: true
//
// Each key under settings names a flag of readeratcheck.Analyzer; a key the
// analyzer does not define is an error. This package lives apart from the
// analyzer so that go vet, nogo and plain users of the analyzer need only
// x/tools, never golangci-lint's modules.
package golangci

import (
	"flag"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/readeratcheck/readeratcheck/readeratcheck"
)

// Name is the name under which the plugin is registered; it must match the
// key of the custom linter in .golangci.yml.
const Name = "readeratcheck"

// init makes the plugin known to golangci-lint: a binary that imports this
// package finds it by Name in the registry.
func init() {
	register.Plugin(Name, New)
}

// plugin holds settings that were checked by New and are applied to the
// analyzer's flags by BuildAnalyzers.
type plugin struct {
	// values maps each flag name that the settings mention to its value in
	// the form flag.Value.Set accepts.
	values map[string]string
}

// New is the constructor that golangci-lint calls with the "settings" value
// of the custom linter, as decoded from its configuration: nil when the key
// is absent, otherwise a map. It returns an error naming the key when a key
// is unknown or its value does not suit the flag.
func New(settings any) (register.LinterPlugin, error) {
	values, err := decodeSettings(settings)
	if err != nil {
		return nil, err
	}

	return &plugin{values: values}, nil
}

// BuildAnalyzers sets every flag of the analyzer, to the configured value
// or back to its default, and returns the analyzer. The analyzer is a
// package-level value, so the flags it carries are global: the latest
// plugin built wins, which matches golangci-lint building each plugin once.
func (p *plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	a := readeratcheck.Analyzer

	var err error
	a.Flags.VisitAll(func(f *flag.Flag) {
		value, ok := p.values[f.Name]
		if !ok {
			value = f.DefValue
		}
		if setErr := f.Value.Set(value); setErr != nil && err == nil {
			err = fmt.Errorf("%s: setting %q: %v", Name, f.Name, setErr)
		}
	})
	if err != nil {
		return nil, err
	}

	return []*analysis.Analyzer{a}, nil
}

// GetLoadMode reports that the analyzer needs type information.
func (p *plugin) GetLoadMode() string {
	return register.LoadModeTypesInfo
}

// decodeSettings checks the raw settings against the analyzer's flags and
// returns each value in textual form.
func decodeSettings(settings any) (map[string]string, error) {
	// An absent "settings" key leaves every flag at its default.
	if settings == nil {
		return nil, nil
	}
	raw, ok := settings.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s: settings must be a mapping of flag names to values, got %T",
			Name, settings)
	}

	// Go through the keys in order, so that the first bad key named in an
	// error is the same on every run.
	keys := slices.Sorted(maps.Keys(raw))
	values := make(map[string]string, len(raw))
	for _, key := range keys {
		v := raw[key]
		f := readeratcheck.Analyzer.Flags.Lookup(key)
		if f == nil {
			return nil, fmt.Errorf("%s: unknown setting %q (known settings: %s)",
				Name, key, strings.Join(knownSettings(), ", "))
		}

		text, err := settingText(f, v)
		if err != nil {
			return nil, fmt.Errorf("%s: setting %q: %v", Name, key, err)
		}
		values[key] = text
	}

	return values, nil
}

// settingText converts one configured value to the text that the flag's
// Set method parses. YAML gives bools, numbers and strings for scalars;
// lists and mappings fit no flag.
func settingText(f *flag.Flag, v any) (string, error) {
	// Bool flags must get a real bool, so that a quoted "false" or a
	// number is not quietly taken as a switch.
	if isBoolFlag(f) {
		b, ok := v.(bool)
		if !ok {
			return "", fmt.Errorf("want true or false, got %T %v", v, v)
		}
		return strconv.FormatBool(b), nil
	}

	switch v.(type) {
	case bool, string, int, int64, uint64, float64:
		return fmt.Sprint(v), nil
	}
	return "", fmt.Errorf("want a scalar value, got %T", v)
}

// isBoolFlag reports whether f is a boolean flag, the way the flag package
// itself tells them apart.
func isBoolFlag(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// knownSettings returns the analyzer's flag names in sorted order.
func knownSettings() []string {
	var names []string
	readeratcheck.Analyzer.Flags.VisitAll(func(f *flag.Flag) {
		names = append(names, f.Name)
	})
	slices.Sort(names)
	return names
}
