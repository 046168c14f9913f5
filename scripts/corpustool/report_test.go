package main

import (
	"bytes"
	"testing"
	"time"

	"github.com/readeratcheck/readeratcheck/scripts/benchkit"
)

// testReport returns a report whose paths shorten as on this machine.
func testReport(markdown bool) *report {
	return &report{
		markdown: markdown,
		platform: "go1.26.8 linux/amd64",
		short: &shortener{
			roots: []string{"/work/main", "/usr/local/go"},
			names: []string{"", "$GOROOT"},
		},
	}
}

// Two inputs: std, clean with one finding; tree, with an internal error
// that made a dependent fail, and a panic.
var (
	testInputs = []input{
		{name: "std", about: "the standard library", dir: "/work/main", packages: 362,
			tests: true},
		{name: "tree", about: "a tree", dir: "/work/tree", packages: 3},
	}
	testOutcomes = []outcome{
		{
			ran: true,
			cost: benchkit.Cost{Wall: 12345 * time.Millisecond, CPU: 20 * time.Second,
				PeakRSS: 2100 << 20},
			diagnostics: []diagnostic{{
				posn:    "/usr/local/go/src/a/a.go:10:2",
				message: "(*T).ReadAt writes t.n without holding a lock | really",
				fixes: []fix{{Message: "Add a mutex", Edits: []edit{
					{Filename: "/usr/local/go/src/a/a.go"},
					{Filename: "/usr/local/go/src/a/a.go"},
				}}},
			}},
		},
		{
			ran: true, exitCode: 2,
			cost: benchkit.Cost{Wall: time.Second, CPU: time.Second, PeakRSS: 100 << 20},
			failures: []failure{
				{failedPrereq, "tree/c", "failed prerequisites: readeratcheck@tree/b"},
				{internalError, "tree/b", "internal error in package tree/b, x: boom\nstack"},
			},
			panics: []string{"panic: boom\n\ngoroutine 1 [running]:"},
			stderr: "panic: boom\n\ngoroutine 1 [running]:\n",
		},
	}
)

const wantText = `readeratcheck -json over each input (go1.26.8 linux/amd64)

## std: the standard library (362 packages, with tests)

ran in 12.3 s (CPU 20.0 s, peak RSS 2100 MiB), exit status 0
diagnostics: 1 (1 with a fix)
    $GOROOT/src/a/a.go:10: (*T).ReadAt writes t.n without holding a lock | really
        fix: Add a mutex (2 edits in $GOROOT/src/a/a.go)

## tree: a tree (3 packages, without tests)

ran in 1.0 s (CPU 1.0 s, peak RSS 100 MiB), exit status 2
panics: 1
    panic: boom

    goroutine 1 [running]:
internal errors: 1
    tree/b: internal error in package tree/b, x: boom
failed prerequisites: 1
    tree/c: failed prerequisites: readeratcheck@tree/b
stderr (3 lines):
    panic: boom

    goroutine 1 [running]:
diagnostics: 0 (0 with a fix)

## summary

| input | packages | tests | wall | CPU | peak RSS | diagnostics | with fix | panics | internal errors | failed prerequisites | not type-checked | bad fixes | other problems |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
| std | 362 | yes | 12.3 s | 20.0 s | 2100 MiB | 1 | 1 | 0 | 0 | 0 | 0 | 0 | 0 |
| tree | 3 | no | 1.0 s | 1.0 s | 100 MiB | 0 | 0 | 1 | 1 | 1 | 0 | 0 | 0 |

corpus: NOT clean: tree
`

func TestReport(t *testing.T) {
	var buf bytes.Buffer
	r := testReport(false)
	r.header(&buf)
	for i := range testInputs {
		r.input(&buf, testInputs[i], &testOutcomes[i])
	}
	if clean := r.summary(&buf, testInputs, testOutcomes); clean {
		t.Errorf("summary reports clean with a panic")
	}
	if got := buf.String(); got != wantText {
		t.Errorf("report:\n%s\nwant:\n%s", got, wantText)
	}
}

const wantMarkdown = `
## std: the standard library (362 packages, with tests)

ran in 12.3 s (CPU 20.0 s, peak RSS 2100 MiB), exit status 0
diagnostics: 1 (1 with a fix)

| # | position | message | fix | verdict |
| ---: | --- | --- | --- | --- |
| 1 | $GOROOT/src/a/a.go:10 | (*T).ReadAt writes t.n without holding a lock \| really | Add a mutex (2 edits in $GOROOT/src/a/a.go) | |
`

func TestReportMarkdown(t *testing.T) {
	var buf bytes.Buffer
	testReport(true).input(&buf, testInputs[0], &testOutcomes[0])
	if got := buf.String(); got != wantMarkdown {
		t.Errorf("report:\n%s\nwant:\n%s", got, wantMarkdown)
	}
}

func TestSummaryClean(t *testing.T) {
	var buf bytes.Buffer
	if !testReport(false).summary(&buf, testInputs[:1], testOutcomes[:1]) {
		t.Errorf("summary of a clean input reports not clean:\n%s", buf.String())
	}
	if !bytes.HasSuffix(buf.Bytes(), []byte("\ncorpus: clean\n")) {
		t.Errorf("summary ends:\n%s", buf.String())
	}
}
