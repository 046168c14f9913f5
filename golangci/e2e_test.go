package golangci_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The end-to-end tests run the golangci-lint binary that
// scripts/build-golangci builds. They skip when it is absent, unless
// READERATCHECK_E2E=1 asks for them (as CI does), so that a missing build
// cannot pass for a green run.

// binaryName is the file that scripts/build-golangci writes.
const binaryName = "golangci-lint-readeratcheck"

// lintBinary returns the path of the built binary: READERATCHECK_GOLANGCI
// if set, else bin/ at the repository root.
func lintBinary(t *testing.T) string {
	t.Helper()
	path := os.Getenv("READERATCHECK_GOLANGCI")
	if path == "" {
		path = filepath.Join("..", "bin", binaryName)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(abs); err != nil {
		msg := abs + " is not built: run scripts/build-golangci first " +
			"(about 4 CPU-minutes cold)"
		if os.Getenv("READERATCHECK_E2E") == "1" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return abs
}

// sampleModule lays out a one-package module in a temporary folder: the
// sample from testdata/e2e and a golangci-lint configuration that enables
// only readeratcheck, with settingsYAML appended under its "settings" key.
func sampleModule(t *testing.T, settingsYAML string) string {
	t.Helper()
	dir := t.TempDir()

	config := readFile(t, filepath.Join("testdata", "e2e", "golangci.yml"))
	if settingsYAML != "" {
		config += "        settings:\n" + settingsYAML
	}
	files := map[string]string{
		"go.mod":        "module example.com/sample\n\ngo 1.26.0\n",
		"reader.go":     readFile(t, filepath.Join("testdata", "e2e", "reader.go")),
		".golangci.yml": config,
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// readFile returns the content of a file or fails the test.
func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// issue is the part of an entry of golangci-lint's JSON report that the
// tests check.
type issue struct {
	FromLinter string
	Text       string
	Pos        struct {
		Filename string
		Line     int
	}
}

// lintRun is the outcome of one run of the binary.
type lintRun struct {
	issues []issue
	stderr string
	code   int
}

// runLint runs "golangci-lint run" with a JSON report in dir, with a
// result cache of the test's own, and extra arguments after "run".
func runLint(t *testing.T, bin, dir string, args ...string) lintRun {
	t.Helper()
	argv := append([]string{"run", "--output.json.path=stdout", "--show-stats=false"}, args...)
	argv = append(argv, "./...")
	cmd := exec.Command(bin, argv...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOLANGCI_LINT_CACHE="+t.TempDir())
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr

	run := lintRun{code: 0}
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			t.Fatalf("running %s: %v", bin, err)
		}
		run.code = exit.ExitCode()
	}
	run.stderr = stderr.String()

	// A failed run prints no report; the caller checks code and stderr.
	if stdout.Len() == 0 {
		return run
	}
	var report struct{ Issues []issue }
	if err := json.Unmarshal(stdout.Bytes(), &report); err != nil {
		t.Fatalf("decoding report: %v\n%s", err, stdout.String())
	}
	run.issues = report.Issues
	return run
}

// sourceLine returns the 1-based line of testdata/e2e/reader.go whose text,
// without indentation, is text.
func sourceLine(t *testing.T, text string) int {
	t.Helper()
	src := readFile(t, filepath.Join("testdata", "e2e", "reader.go"))
	for i, line := range strings.Split(src, "\n") {
		if strings.TrimSpace(line) == text {
			return i + 1
		}
	}
	t.Fatalf("testdata/e2e/reader.go has no line %q", text)
	return 0
}

// wantIssue describes one issue expected from the sample: its line, found
// by its text, and a pattern for its message.
type wantIssue struct {
	line string
	text *regexp.Regexp
}

// sampleIssues are the issues expected from the sample: the diagnostic on
// reader's ReadAt, and the related information golangci-lint turns into an
// issue of its own, on the write. quiet.ReadAt, under nolint, gives none.
var sampleIssues = []wantIssue{
	{
		"func (r *reader) ReadAt(p []byte, off int64) (int, error) {",
		regexp.MustCompile(`^\(\*reader\)\.ReadAt writes r\.off without holding a lock; ` +
			`io\.ReaderAt allows parallel calls$`),
	},
	{
		"r.off = off",
		regexp.MustCompile(`^readeratcheck\(related information\): writes r\.off$`),
	},
}

func TestBinaryVersionCarriesExecutableHash(t *testing.T) {
	bin := lintBinary(t)

	out, err := exec.Command(bin, "version", "--json").Output()
	if err != nil {
		t.Fatalf("version: %v", err)
	}
	var info struct{ Version string }
	if err := json.Unmarshal(out, &info); err != nil {
		t.Fatalf("decoding %s: %v", out, err)
	}

	sum := sha256.Sum256([]byte(readFile(t, bin)))
	want := "2.15.0+readeratcheck." + hex.EncodeToString(sum[:])[:16]
	if info.Version != want {
		t.Errorf("version %q, want %q", info.Version, want)
	}
}

func TestBinaryReportsAndHonoursNolint(t *testing.T) {
	bin := lintBinary(t)
	dir := sampleModule(t, "")

	run := runLint(t, bin, dir)
	if run.code != 1 {
		t.Errorf("exit code %d, want 1 (issues found); stderr:\n%s", run.code, run.stderr)
	}
	if len(run.issues) != len(sampleIssues) {
		t.Fatalf("got %d issues, want %d (quiet.ReadAt is under nolint): %+v",
			len(run.issues), len(sampleIssues), run.issues)
	}
	for i, want := range sampleIssues {
		got := run.issues[i]
		line := sourceLine(t, want.line)
		if got.FromLinter != "readeratcheck" || !want.text.MatchString(got.Text) ||
			got.Pos.Filename != "reader.go" || got.Pos.Line != line {
			t.Errorf("issue %d: got %+v, want readeratcheck at reader.go:%d matching %s",
				i, got, line, want.text)
		}
	}
}

func TestBinaryFixes(t *testing.T) {
	bin := lintBinary(t)
	dir := sampleModule(t, "")

	// Apply the fix; quiet.ReadAt, under nolint, must stay as it is. The
	// fixed diagnostic drops out of this run's report, but golangci-lint
	// turns related information into issues of their own, which carry no
	// fix: the note on the write is still listed, so the run exits 1.
	fixRun := runLint(t, bin, dir, "--fix")
	related := sampleIssues[1]
	if fixRun.code != 1 || len(fixRun.issues) != 1 ||
		!related.text.MatchString(fixRun.issues[0].Text) ||
		fixRun.issues[0].Pos.Line != sourceLine(t, related.line) {
		t.Errorf("--fix run: exit code %d, issues %+v, want 1 and only the note %s; stderr:\n%s",
			fixRun.code, fixRun.issues, related.text, fixRun.stderr)
	}
	got := readFile(t, filepath.Join(dir, "reader.go"))
	want := readFile(t, filepath.Join("testdata", "e2e", "reader.go.fixed"))
	if got != want {
		t.Errorf("reader.go after --fix:\n%s\nwant (testdata/e2e/reader.go.fixed):\n%s", got, want)
	}

	// The fixed package is clean and still compiles.
	if run := runLint(t, bin, dir); run.code != 0 || len(run.issues) != 0 {
		t.Errorf("after --fix: exit code %d, issues %+v, want 0 and none; stderr:\n%s",
			run.code, run.issues, run.stderr)
	}
	vet := exec.Command("go", "vet", "./...")
	vet.Dir = dir
	if out, err := vet.CombinedOutput(); err != nil {
		t.Errorf("go vet after --fix: %v\n%s", err, out)
	}
}

func TestBinarySettings(t *testing.T) {
	bin := lintBinary(t)

	// With the race check off the sample has nothing to report.
	run := runLint(t, bin, sampleModule(t, "          race: false\n"))
	if run.code != 0 || len(run.issues) != 0 {
		t.Errorf("race: false: exit code %d, issues %+v, want 0 and none; stderr:\n%s",
			run.code, run.issues, run.stderr)
	}

	// An unknown key stops the run with an error naming it.
	run = runLint(t, bin, sampleModule(t, "          race: false\n          bogus: 1\n"))
	wantErr := `unknown setting "bogus" (known settings: contract, race)`
	if run.code != 3 || !strings.Contains(run.stderr, wantErr) {
		t.Errorf("bogus setting: exit code %d, stderr:\n%s\nwant 3 and %q", run.code, run.stderr,
			wantErr)
	}
}
