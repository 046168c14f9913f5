package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/readeratcheck/readeratcheck/readeratcheck"
)

// This file runs the built command, alone and under go vet and go fix.
// The tests named TestRealAnalyzer... need findings from the real
// analyzer: they fail while it reports nothing or offers no fix.

// commandTimeout bounds each command a test runs.
const commandTimeout = 5 * time.Minute

var (
	buildOnce sync.Once
	binDir    string // holds the command built for the tests
	binPath   string
	buildErr  error
)

// TestMain removes the command built for the tests, if any.
func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// command returns the path of the readeratcheck command built from this
// directory, building it on first use.
func command(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		binDir, buildErr = os.MkdirTemp("", "readeratcheck-test-")
		if buildErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "readeratcheck")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// execIn runs the program name with args in dir, with env added to the
// environment, and returns its exit code and output.
func execIn(t *testing.T, dir string, env []string, name string, args ...string) run {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), commandTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	code := 0
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil:
		t.Fatalf("%s %q: %v", name, args, err)
	}
	return run{code, stdout.String(), stderr.String()}
}

// checkCode reports an error unless got has the exit code want.
func checkCode(t *testing.T, what string, got run, want int) {
	t.Helper()
	if got.code != want {
		t.Errorf("%s: exit code %d, want %d\nstdout:\n%s\nstderr:\n%s",
			what, got.code, want, got.stdout, got.stderr)
	}
}

// checkMatch reports an error unless text matches the regular expression.
func checkMatch(t *testing.T, what, text, expr string) {
	t.Helper()
	if !regexp.MustCompile(expr).MatchString(text) {
		t.Errorf("%s: %q does not match %q", what, text, expr)
	}
}

// TestFlagsMatch checks that the command line parser accepts exactly the
// flags of singlechecker, plus -sarif, so that a command line handed on
// parses the same there, and that go vet is not offered -sarif.
func TestFlagsMatch(t *testing.T) {
	bin := command(t)
	got := execIn(t, ".", nil, bin, "-flags")
	checkCode(t, "-flags", got, 0)
	var listed []struct {
		Name string
		Bool bool
	}
	if err := json.Unmarshal([]byte(got.stdout), &listed); err != nil {
		t.Fatalf("-flags: %v\n%s", err, got.stdout)
	}

	var v driverFlags
	fs := newFlagSet(readeratcheck.Analyzer, &v)
	names := make(map[string]bool)
	for _, f := range listed {
		names[f.Name] = true
		ours := fs.Lookup(f.Name)
		if ours == nil {
			t.Errorf("-%s is not accepted", f.Name)
			continue
		}
		b, ok := ours.Value.(interface{ IsBoolFlag() bool })
		if isBool := ok && b.IsBoolFlag(); isBool != f.Bool {
			t.Errorf("-%s: boolean %t here, %t in singlechecker", f.Name, isBool, f.Bool)
		}
	}
	if names["sarif"] {
		t.Errorf("-flags lists -sarif, which go vet would then pass on")
	}

	// singlechecker leaves its own debugging flags and -fix out of the
	// list, and -sarif is ours; every other flag must be listed.
	unlisted := map[string]bool{
		"debug": true, "cpuprofile": true, "memprofile": true, "trace": true,
		"fix": true, "sarif": true,
	}
	fs.VisitAll(func(f *flag.Flag) {
		if !names[f.Name] && !unlisted[f.Name] {
			t.Errorf("-%s is accepted here but not by singlechecker", f.Name)
		}
	})

	// The unlisted flags are accepted by singlechecker too.
	dir := writeModule(t, cleanModule)
	got = execIn(t, dir, nil, bin, "-debug=", "-cpuprofile=", "-memprofile=", "-trace=",
		"-fix=false", "-sarif=false", "./clean")
	checkCode(t, "singlechecker with the unlisted flags", got, 0)
}

// cleanModule has a package without findings and one that does not
// type-check.
const cleanModule = `
-- go.mod --
module example.com/m

go 1.26.0
-- clean/clean.go --
package clean

// Sum adds.
func Sum(a, b int) int { return a + b }
-- broken/broken.go --
package broken

type T struct{ off int64 }

func (t *T) ReadAt(p []byte, off int64) (int, error) {
	t.off = off
	return 0, undefined
}
`

// TestExitCodes checks the exit code of each mode on a clean package, on
// a package that does not type-check, and on bad command lines, and that
// -fix leaves the package with errors byte for byte as it was.
func TestExitCodes(t *testing.T) {
	bin := command(t)
	dir := writeModule(t, cleanModule)
	before := readFile(t, dir, "broken/broken.go")
	tests := []struct {
		args []string
		want int
	}{
		{[]string{"./clean"}, 0},
		{[]string{"-json", "./clean"}, 0},
		{[]string{"-fix", "./clean"}, 0},
		{[]string{"-fix", "-diff", "./clean"}, 0},
		{[]string{"-sarif", "./clean"}, 0},
		{[]string{"./..."}, 1},
		{[]string{"-fix", "./..."}, 1},
		{[]string{"-fix", "-diff", "./..."}, 1},
		{[]string{"-sarif", "./..."}, 1},
		{nil, 1},
		{[]string{"-fix", "-sarif", "./..."}, 2},
		{[]string{"-nosuch", "./..."}, 2},
		{[]string{"-h"}, 0},
	}
	for _, tt := range tests {
		got := execIn(t, dir, nil, bin, tt.args...)
		checkCode(t, fmt.Sprintf("%q", tt.args), got, tt.want)
		if tt.want == 1 && len(tt.args) > 0 {
			checkMatch(t, fmt.Sprintf("%q", tt.args), got.stderr,
				`broken/broken\.go:7:12: undefined: undefined`)
		}
		if len(tt.args) > 0 && tt.args[0] == "-sarif" {
			checkValid(t, got.stdout)
		}
	}
	checkFile(t, dir, "broken/broken.go", before)
}

// TestVetProtocol checks the command under go vet and go fix on a clean
// package, and that go vet does not take -sarif.
func TestVetProtocol(t *testing.T) {
	vettool := "-vettool=" + command(t)
	dir := writeModule(t, cleanModule)
	checkCode(t, "go vet", execIn(t, dir, nil, "go", "vet", vettool, "./clean"), 0)
	checkCode(t, "go vet -fix -diff",
		execIn(t, dir, nil, "go", "vet", vettool, "-fix", "-diff", "./clean"), 0)
	checkCode(t, "go fix -diff",
		execIn(t, dir, nil, "go", "fix", "-fixtool="+command(t), "-diff", "./clean"), 0)

	got := execIn(t, dir, nil, "go", "vet", vettool, "-sarif", "./clean")
	checkCode(t, "go vet -sarif", got, 2)
	checkMatch(t, "go vet -sarif", got.stderr, `flag provided but not defined: -sarif`)
}

// buggyModule has the ReadAt method of the brief in package good, and the
// same method in package broken, which does not type-check.
const buggyModule = `
-- go.mod --
module example.com/m

go 1.26.0
-- good/reader.go --
package good

import "os"

type reader struct {
	f   *os.File
	off int64
}

func (r *reader) ReadAt(p []byte, off int64) (int, error) {
	r.off = off
	return r.f.ReadAt(p, off)
}
-- broken/reader.go --
package broken

import "os"

type reader struct {
	f   *os.File
	off int64
}

func (r *reader) ReadAt(p []byte, off int64) (int, error) {
	r.off = off
	_ = undefined
	return r.f.ReadAt(p, off)
}
`

// realFinding matches the real analyzer's report on good/reader.go.
const realFinding = `\(\*reader\)\.ReadAt writes r\.off`

// TestRealAnalyzerReport checks the reports on the buggy module: text,
// JSON, SARIF and go vet.
func TestRealAnalyzerReport(t *testing.T) {
	bin := command(t)
	dir := writeModule(t, buggyModule)

	got := execIn(t, dir, nil, bin, "./good")
	checkCode(t, "text", got, 3)
	posn := regexp.QuoteMeta(dir) + `/good/reader\.go:10:18`
	checkMatch(t, "text", got.stderr, `(?m)^`+posn+`: `+realFinding)

	got = execIn(t, dir, nil, bin, "-json", "./good")
	checkCode(t, "-json", got, 0)
	checkMatch(t, "-json", got.stdout, `"posn": "`+posn+`",[^}]*"message": "`+realFinding)

	got = execIn(t, dir, nil, "go", "vet", "-vettool="+bin, "./good")
	checkCode(t, "go vet", got, 1)
	checkMatch(t, "go vet", got.stderr, `(?m)^good/reader\.go:10:18: `+realFinding)

	got = execIn(t, dir, nil, bin, "-sarif", "./good")
	checkCode(t, "-sarif", got, 0)
	checkValid(t, got.stdout)
	checkRealSARIF(t, got.stdout)
}

// checkRealSARIF checks the one result of the SARIF log of the buggy
// package good: its rule, place, message and fix.
func checkRealSARIF(t *testing.T, log string) {
	t.Helper()
	report, err := sarif.FromBytes([]byte(log))
	if err != nil {
		t.Fatal(err)
	}
	run := report.Runs[0]
	if len(run.Results) != 1 {
		t.Fatalf("%d results, want 1:\n%s", len(run.Results), log)
	}
	r := run.Results[0]
	loc := r.Locations[0].PhysicalLocation
	if got := fmt.Sprintf("%s %s %s:%d:%d-%d:%d", *r.RuleID, *run.Tool.Driver.Rules[r.RuleIndex].ID,
		*loc.ArtifactLocation.URI, *loc.Region.StartLine, *loc.Region.StartColumn,
		*loc.Region.EndLine, *loc.Region.EndColumn); got != "race race good/reader.go:10:18-10:24" {
		t.Errorf("result %s, want race race good/reader.go:10:18-10:24", got)
	}
	checkMatch(t, "SARIF message", *r.Message.Text, "^"+realFinding)
	if len(r.Fixes) != 1 || len(r.Fixes[0].ArtifactChanges) == 0 {
		t.Errorf("want one fix, got %s", mustJSON(t, r.Fixes))
	}
}

// TestRealAnalyzerFix checks -fix on the buggy module: the diff, then the
// fix itself, written atomically with the file's mode kept; the package
// that does not type-check stays byte for byte as it was; afterwards the
// finding is gone and the package still builds.
func TestRealAnalyzerFix(t *testing.T) {
	bin := command(t)
	dir := writeModule(t, buggyModule)
	original := readFile(t, dir, "good/reader.go")
	broken := readFile(t, dir, "broken/reader.go")
	good := filepath.Join(dir, "good/reader.go")
	if err := os.Chmod(good, 0o600); err != nil {
		t.Fatal(err)
	}
	ino := inode(t, good)

	got := execIn(t, dir, nil, bin, "-fix", "-diff", "./good")
	checkCode(t, "-fix -diff", got, 0)
	checkMatch(t, "-fix -diff", got.stdout,
		`(?m)^--- a/good/reader\.go\n\+\+\+ b/good/reader\.go\n`)
	checkMatch(t, "-fix -diff", got.stdout, `(?m)^\+.*sync\.Mutex`)
	checkFile(t, dir, "good/reader.go", original)

	got = execIn(t, dir, nil, bin, "-fix", "./...")
	checkCode(t, "-fix", got, 1)
	checkMatch(t, "-fix", got.stderr, `broken/reader\.go:12:6: undefined: undefined`)
	checkFile(t, dir, "broken/reader.go", broken)
	if readFile(t, dir, "good/reader.go") == original {
		t.Fatalf("good/reader.go was not fixed")
	}
	info, err := os.Stat(good)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode() != 0o600 {
		t.Errorf("good/reader.go has mode %v, want -rw-------", info.Mode())
	}
	if inode(t, good) == ino {
		t.Errorf("good/reader.go was written in place, not replaced")
	}
	checkNoTempFiles(t, dir)

	checkCode(t, "after -fix", execIn(t, dir, nil, bin, "./good"), 0)
	checkCode(t, "go vet after -fix", execIn(t, dir, nil, "go", "vet", "./good"), 0)
}

// TestRealAnalyzerFixTwoMethods checks -fix on a type whose ReadAt and
// WriteAt both need the lock: the fixes for the two methods both add the
// field and the import, which must be added once.
func TestRealAnalyzerFixTwoMethods(t *testing.T) {
	bin := command(t)
	dir := writeModule(t, `
-- go.mod --
module example.com/m

go 1.26.0
-- f.go --
package m

import "os"

type file struct {
	f   *os.File
	off int64
	n   int
}

func (r *file) ReadAt(p []byte, off int64) (int, error) {
	r.off = off
	return r.f.ReadAt(p, off)
}

func (r *file) WriteAt(p []byte, off int64) (int, error) {
	r.n++
	return r.f.WriteAt(p, off)
}
`)
	checkCode(t, "before -fix", execIn(t, dir, nil, bin, "."), 3)
	checkCode(t, "-fix", execIn(t, dir, nil, bin, "-fix", "."), 0)
	fixed := readFile(t, dir, "f.go")
	if n := strings.Count(fixed, "sync.Mutex"); n != 1 {
		t.Errorf("%d sync.Mutex fields, want 1:\n%s", n, fixed)
	}
	if n := strings.Count(fixed, `"sync"`); n != 1 {
		t.Errorf("%d imports of sync, want 1:\n%s", n, fixed)
	}
	checkCode(t, "after -fix", execIn(t, dir, nil, bin, "."), 0)
	checkCode(t, "go vet after -fix", execIn(t, dir, nil, "go", "vet", "."), 0)
}

// TestRealAnalyzerVetFix checks the fix through go vet -fix -diff (a gate
// that fails while fixes are pending) and go fix -fixtool.
func TestRealAnalyzerVetFix(t *testing.T) {
	bin := command(t)
	dir := writeModule(t, buggyModule)
	original := readFile(t, dir, "good/reader.go")

	got := execIn(t, dir, nil, "go", "vet", "-vettool="+bin, "-fix", "-diff", "./good")
	checkCode(t, "go vet -fix -diff", got, 1)
	checkMatch(t, "go vet -fix -diff", got.stdout, `(?m)^\+.*sync\.Mutex`)
	got = execIn(t, dir, nil, "go", "fix", "-fixtool="+bin, "-diff", "./good")
	checkCode(t, "go fix -diff", got, 1)
	checkFile(t, dir, "good/reader.go", original)

	got = execIn(t, dir, nil, "go", "fix", "-fixtool="+bin, "./good")
	checkCode(t, "go fix", got, 0)
	if readFile(t, dir, "good/reader.go") == original {
		t.Fatalf("go fix did not change good/reader.go")
	}
	checkCode(t, "go vet -fix -diff after go fix",
		execIn(t, dir, nil, "go", "vet", "-vettool="+bin, "-fix", "-diff", "./good"), 0)
	checkCode(t, "readeratcheck after go fix", execIn(t, dir, nil, bin, "./good"), 0)
}

// TestRealAnalyzerModuleTool installs the command as a tool of another
// module, from this checkout, and runs it with go tool and under go vet.
func TestRealAnalyzerModuleTool(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command as a module tool")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	dir := writeModule(t, `
-- go.mod --
module example.com/tooluser

go 1.26.0

require github.com/readeratcheck/readeratcheck v0.0.0-00010101000000-000000000000

replace github.com/readeratcheck/readeratcheck => `+root+`
-- reader.go --
package tooluser

import "os"

type reader struct {
	f   *os.File
	off int64
}

func (r *reader) ReadAt(p []byte, off int64) (int, error) {
	r.off = off
	return r.f.ReadAt(p, off)
}
`)
	env := []string{"GOFLAGS=-mod=mod"}

	// The replace directive serves the module, but go get still asks the
	// proxy whether .../cmd/readeratcheck is a module of its own; the
	// proxy answers 403 for a path never published, which go get takes
	// as fatal. The module cache already holds every dependency.
	got := execIn(t, dir, append(env, "GOPROXY=off"), "go", "get", "-tool",
		"github.com/readeratcheck/readeratcheck/cmd/readeratcheck")
	checkCode(t, "go get -tool", got, 0)
	checkMatch(t, "go.mod", readFile(t, dir, "go.mod"),
		`(?m)^tool github\.com/readeratcheck/readeratcheck/cmd/readeratcheck$`)

	got = execIn(t, dir, env, "go", "tool", "readeratcheck", "./...")
	checkCode(t, "go tool readeratcheck", got, 3)
	checkMatch(t, "go tool readeratcheck", got.stderr, `reader\.go:10:18: `+realFinding)

	got = execIn(t, dir, env, "go", "tool", "-n", "readeratcheck")
	checkCode(t, "go tool -n", got, 0)
	tool := strings.TrimSpace(got.stdout)
	got = execIn(t, dir, env, "go", "vet", "-vettool="+tool, "./...")
	checkCode(t, "go vet -vettool=$(go tool -n readeratcheck)", got, 1)
	checkMatch(t, "go vet", got.stderr, `(?m)^(\./)?reader\.go:10:18: `+realFinding)
}
