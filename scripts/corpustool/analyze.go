package main

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// A diagnostic is one finding, reported once however many packages (p and
// p [p.test]) reported it.
type diagnostic struct {
	posn     string // file:line:column
	message  string
	category string
	fixes    []fix
	packages []string // IDs of the packages that reported it
}

// A fix is one suggested fix of a diagnostic.
type fix struct {
	Message string `json:"message"`
	Edits   []edit `json:"edits"`
}

// An edit replaces bytes [Start, End) of a file with New.
type edit struct {
	Filename string `json:"filename"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	New      string `json:"new"`
}

// jsonDiagnostic is a diagnostic as the driver's -json output spells it.
type jsonDiagnostic struct {
	Category string `json:"category"`
	Posn     string `json:"posn"`
	Message  string `json:"message"`
	Fixes    []fix  `json:"suggested_fixes"`
}

// The kinds of failure an analysis can end in.
const (
	internalError  = "internal error"
	failedPrereq   = "failed prerequisite"
	notTypeChecked = "not type-checked"
)

// A failure is an analysis of one package that ended in an error.
type failure struct {
	kind string // one of the kinds above
	pkg  string // package ID
	text string // the error, as the driver printed it
}

// classify tells which kind of failure the driver's error text reports.
// The driver itself words the two it makes; any other error comes from an
// analyzer, and readeratcheck returns one only when it fails.
func classify(text string) string {
	switch {
	case strings.HasPrefix(text, "analysis skipped due to errors in package"):
		return notTypeChecked
	case strings.HasPrefix(text, "failed prerequisites:"):
		return failedPrereq
	}
	return internalError
}

// parseJSON reads the driver's -json output: for each package ID and
// analyzer, either a list of diagnostics or an error. It returns the
// diagnostics, deduplicated and sorted by position, and the failures,
// sorted by kind and package.
func parseJSON(data []byte) ([]diagnostic, []failure, error) {
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal(data, &tree); err != nil {
		return nil, nil, fmt.Errorf("reading the JSON output: %v", err)
	}

	// Visit packages and analyzers in a fixed order, so that the
	// packages of each diagnostic come out sorted.
	byKey := make(map[string]*diagnostic)
	var diags []*diagnostic
	var failures []failure
	for _, pkg := range sortedKeys(tree) {
		for _, name := range sortedKeys(tree[pkg]) {
			raw := bytes.TrimSpace(tree[pkg][name])

			// An object holds an error.
			if len(raw) > 0 && raw[0] == '{' {
				var e struct {
					Error string `json:"error"`
				}
				if err := json.Unmarshal(raw, &e); err != nil {
					return nil, nil, fmt.Errorf("reading the error of %s on %s: %v", name, pkg, err)
				}
				f := failure{kind: classify(e.Error), pkg: pkg, text: e.Error}
				failures = append(failures, f)
				continue
			}

			// Otherwise a list of diagnostics.
			var list []jsonDiagnostic
			if err := json.Unmarshal(raw, &list); err != nil {
				return nil, nil, fmt.Errorf("reading the diagnostics of %s on %s: %v",
					name, pkg, err)
			}
			for _, jd := range list {
				key := jd.Posn + "\x00" + jd.Message
				d := byKey[key]
				if d == nil {
					d = &diagnostic{posn: jd.Posn, message: jd.Message, category: jd.Category,
						fixes: jd.Fixes}
					byKey[key] = d
					diags = append(diags, d)
				}
				d.packages = append(d.packages, pkg)
			}
		}
	}

	// Sort by file, line and column, then message.
	slices.SortFunc(diags, func(a, b *diagnostic) int {
		return cmp.Or(comparePosn(a.posn, b.posn), strings.Compare(a.message, b.message))
	})
	slices.SortStableFunc(failures, func(a, b failure) int {
		return cmp.Or(strings.Compare(a.kind, b.kind), strings.Compare(a.pkg, b.pkg))
	})
	out := make([]diagnostic, len(diags))
	for i, d := range diags {
		out[i] = *d
	}
	return out, failures, nil
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// splitPosn splits "file:line:column" (column optional). A position that
// does not parse is all file.
func splitPosn(posn string) (file string, line, col int) {
	rest := posn
	var nums []int
	for range 2 {
		i := strings.LastIndexByte(rest, ':')
		if i < 0 {
			break
		}
		n, err := strconv.Atoi(rest[i+1:])
		if err != nil {
			break
		}
		nums = append([]int{n}, nums...)
		rest = rest[:i]
	}
	switch len(nums) {
	case 2:
		return rest, nums[0], nums[1]
	case 1:
		return rest, nums[0], 0
	}
	return posn, 0, 0
}

// comparePosn orders positions by file, then numerically by line and
// column.
func comparePosn(a, b string) int {
	fa, la, ca := splitPosn(a)
	fb, lb, cb := splitPosn(b)
	return cmp.Or(strings.Compare(fa, fb), cmp.Compare(la, lb), cmp.Compare(ca, cb))
}

// maxPanicLines bounds the excerpt of a panic kept for the report: the
// message and the top of the goroutine trace, which names the function.
const maxPanicLines = 24

// findPanics returns an excerpt of each panic or fatal runtime error in a
// command's standard error.
func findPanics(stderr string) []string {
	lines := strings.Split(stderr, "\n")
	var panics []string
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		if !strings.HasPrefix(line, "panic: ") && !strings.HasPrefix(line, "fatal error: ") {
			continue
		}
		end := min(i+maxPanicLines, len(lines))
		panics = append(panics, strings.TrimRight(strings.Join(lines[i:end], "\n"), "\n"))
		i = end - 1
	}
	return panics
}
