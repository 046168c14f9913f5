package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"github.com/readeratcheck/readeratcheck/cmd/readeratcheck/internal/atomicfile"
	"github.com/readeratcheck/readeratcheck/readeratcheck"
)

// twoPackages is a module with two packages to fix: p, with two methods
// named ReadAt, a marker.go file and a test file (so that p is analyzed
// twice, as p and p [p.test]), and q, with one.
const twoPackages = `
-- go.mod --
module example.com/m

go 1.26.0
-- p/a.go --
package p

type A struct{ off int64 }

// ReadAt reads.
func (a *A) ReadAt(b []byte, off int64) (int, error) {
	a.off = off
	return 0, nil
}

type B struct{}

func (B) ReadAt(b []byte, off int64) (int, error) { return 0, nil }
-- p/marker.go --
package p
-- p/a_test.go --
package p

var _ = A{}
-- q/q.go --
package q

type Q struct{}

func (*Q) ReadAt(b []byte, off int64) (int, error) { return 0, nil }
`

// Their content once fixed by readatAnalyzer.
const (
	fixedA = `package p

type A struct{ off int64 }

// ReadAt reads.
// checked
func (a *A) ReadAt(b []byte, off int64) (int, error) {
	a.off = off
	return 0, nil
}

type B struct{}

// checked
func (B) ReadAt(b []byte, off int64) (int, error) { return 0, nil }
`
	fixedMarker = "package p\n\n// touched by readat\n"
	fixedQ      = `package q

type Q struct{}

// checked
func (*Q) ReadAt(b []byte, off int64) (int, error) { return 0, nil }
`
)

// TestFixApplies checks that -fix applies each fix once, although p's
// fixes are reported for p and p [p.test] and both of p's fixes append
// the same line to marker.go, and that it formats the result.
func TestFixApplies(t *testing.T) {
	dir := writeModule(t, twoPackages)
	got := runFixIn(dir, readatAnalyzer, false, "./...")
	checkRun(t, dir, got, run{0, "", "readat: applied 3 fixes, updated 3 files\n"})
	checkFile(t, dir, "p/a.go", fixedA)
	checkFile(t, dir, "p/marker.go", fixedMarker)
	checkFile(t, dir, "q/q.go", fixedQ)
}

// TestFixKeepsFile checks that -fix replaces a file by renaming a new
// file over it, keeps its mode, follows a symbolic link to it and leaves
// no temporary file behind.
func TestFixKeepsFile(t *testing.T) {
	dir := writeModule(t, twoPackages)
	a := filepath.Join(dir, "p/a.go")
	if err := os.Chmod(a, 0o640); err != nil {
		t.Fatal(err)
	}
	before := inode(t, a)

	// q.go becomes a link to a file outside the module.
	outside := filepath.Join(t.TempDir(), "q.go")
	q := filepath.Join(dir, "q/q.go")
	if err := os.Rename(q, outside); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, q); err != nil {
		t.Fatal(err)
	}

	got := runFixIn(dir, readatAnalyzer, false, "./...")
	checkRun(t, dir, got, run{0, "", "readat: applied 3 fixes, updated 3 files\n"})
	checkFile(t, dir, "p/a.go", fixedA)
	checkFile(t, filepath.Dir(outside), "q.go", fixedQ)

	info, err := os.Stat(a)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode() != 0o640 {
		t.Errorf("p/a.go has mode %v, want %v", info.Mode(), os.FileMode(0o640))
	}
	if inode(t, a) == before {
		t.Errorf("p/a.go was written in place, not replaced")
	}
	if target, err := os.Readlink(q); err != nil || target != outside {
		t.Errorf("q/q.go links to %q (%v), want %q", target, err, outside)
	}
	checkNoTempFiles(t, dir, filepath.Dir(outside))
}

// inode returns the inode number of the file name.
func inode(t *testing.T, name string) uint64 {
	t.Helper()
	info, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	return info.Sys().(*syscall.Stat_t).Ino
}

// checkNoTempFiles reports an error for each temporary file left under
// the directories.
func checkNoTempFiles(t *testing.T, dirs ...string) {
	t.Helper()
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(path string, _ os.DirEntry, err error) error {
			if err == nil && strings.HasSuffix(path, ".tmp") {
				t.Errorf("temporary file left: %s", path)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// TestFixDiff checks that -fix -diff prints the fixes as a diff that
// patch applies, and writes nothing.
func TestFixDiff(t *testing.T) {
	dir := writeModule(t, twoPackages)
	got := runFixIn(dir, readatAnalyzer, true, "./...")
	const diff = `--- a/p/a.go
+++ b/p/a.go
@@ -3,6 +3,7 @@
 type A struct{ off int64 }
 
 // ReadAt reads.
+// checked
 func (a *A) ReadAt(b []byte, off int64) (int, error) {
 	a.off = off
 	return 0, nil
@@ -10,4 +11,5 @@
 
 type B struct{}
 
+// checked
 func (B) ReadAt(b []byte, off int64) (int, error) { return 0, nil }
--- a/p/marker.go
+++ b/p/marker.go
@@ -1 +1,3 @@
 package p
+
+// touched by readat
--- a/q/q.go
+++ b/q/q.go
@@ -2,4 +2,5 @@
 
 type Q struct{}
 
+// checked
 func (*Q) ReadAt(b []byte, off int64) (int, error) { return 0, nil }
`
	checkRun(t, dir, got, run{0, diff, ""})
	original := writeModule(t, twoPackages)
	for _, name := range []string{"p/a.go", "p/marker.go", "q/q.go"} {
		checkFile(t, dir, name, readFile(t, original, name))
	}

	// patch -p1 turns the files into what -fix writes.
	if _, err := exec.LookPath("patch"); err != nil {
		t.Skip("no patch command")
	}
	cmd := exec.Command("patch", "-p1", "--quiet")
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(got.stdout)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("patch: %v\n%s", err, out)
	}
	checkFile(t, dir, "p/a.go", fixedA)
	checkFile(t, dir, "p/marker.go", fixedMarker)
	checkFile(t, dir, "q/q.go", fixedQ)
}

// TestFixOverlap checks that a fix overlapping another is dropped whole,
// its edit to marker.go included, and the others are still applied.
func TestFixOverlap(t *testing.T) {
	dir := writeModule(t, twoPackages)
	got := runFixIn(dir, overlapAnalyzer, false, "./...")
	checkRun(t, dir, got, run{1, "", text(`
overlap: p/a.go:7:2: fix "Annotate statement" not applied: conflicts with the fix of p/a.go:6:13
overlap: p/a.go:13:53: fix "Annotate statement" not applied: conflicts with the fix of p/a.go:13:10
overlap: q/q.go:5:54: fix "Annotate statement" not applied: conflicts with the fix of q/q.go:5:11
overlap: applied 3 fixes, updated 1 file
`)})
	checkFile(t, dir, "p/a.go", `package p

type A struct{ off int64 }

// ReadAt reads.
func (a *A) ReadAt(b []byte, off int64) (int, error) { return 0, nil }

type B struct{}

func (B) ReadAt(b []byte, off int64) (int, error) { return 0, nil }
`)
	checkFile(t, dir, "p/marker.go", "package p\n")
	checkFile(t, dir, "q/q.go", readFile(t, writeModule(t, twoPackages), "q/q.go"))
}

// brokenPackages is a module where p's test file and r's own file have
// type errors; q is fine.
const brokenPackages = `
-- go.mod --
module example.com/m

go 1.26.0
-- p/p.go --
package p

type P struct{}

func (P) ReadAt(b []byte, off int64) (int, error) { return 0, nil }
-- p/p_test.go --
package p

var _ int = "not an int"
-- q/q.go --
package q

type Q struct{}

func (*Q) ReadAt(b []byte, off int64) (int, error) { return 0, nil }
-- r/r.go --
package r

type R struct{}

func (R) ReadAt(b []byte, off int64) (int, error) { return undefined, nil }
`

// TestFixPackageErrors checks that no file of a package with type errors
// is written, even when its package without tests type-checks, and that
// the other packages are fixed. (As readatAnalyzer uses no facts, the
// dependencies come from export data, and go list reports the compiler's
// errors besides those of the type checker.)
func TestFixPackageErrors(t *testing.T) {
	dir := writeModule(t, brokenPackages)
	got := runFixIn(dir, readatAnalyzer, false, "./...")
	checkRun(t, dir, got, run{1, "", text(`
-: # example.com/m/r
r/r.go:5:60: undefined: undefined
DIR/r/r.go:5:60: undefined: undefined
-: # example.com/m/p [example.com/m/p.test]
p/p_test.go:3:13: cannot use "not an int" (untyped string constant) as int value in variable declaration
DIR/p/p_test.go:3:13: cannot use "not an int" (untyped string constant) as int value in variable declaration
readat: p/p.go:5:10: fix "Mark as checked" not applied: ` +
		`p/p.go belongs to package example.com/m/p [example.com/m/p.test], which has errors
readat: r/r.go:5:10: fix "Mark as checked" not applied: r/r.go belongs to package example.com/m/r, which has errors
readat: applied 1 fix, updated 1 file
`)})
	original := writeModule(t, brokenPackages)
	checkFile(t, dir, "p/p.go", readFile(t, original, "p/p.go"))
	checkFile(t, dir, "r/r.go", readFile(t, original, "r/r.go"))
	checkFile(t, dir, "q/q.go", fixedQ)

	// Without test files, p type-checks and is fixed.
	d, _, stderr := newTestDriver(dir, readatAnalyzer)
	d.tests = false
	if code := d.runFix([]string{"./p"}, false); code != 0 {
		t.Errorf("-test=false: exit code %d, want 0; stderr:\n%s", code, stderr)
	}
	checkFile(t, dir, "p/p.go", `package p

type P struct{}

// checked
func (P) ReadAt(b []byte, off int64) (int, error) { return 0, nil }
`)
}

// failingPackages has a package on which failAnalyzer returns an error,
// one on which it panics, and one it fixes.
const failingPackages = `
-- go.mod --
module example.com/m

go 1.26.0
-- bad/bad.go --
package bad

type B struct{}

func (B) ReadAt(b []byte, off int64) (int, error) { return 0, nil }
-- boom/boom.go --
package boom

type B struct{}

func (B) ReadAt(b []byte, off int64) (int, error) { return 0, nil }
-- q/q.go --
package q

type Q struct{}

func (*Q) ReadAt(b []byte, off int64) (int, error) { return 0, nil }
`

// TestFixAnalysisErrors checks that an error or a panic in the analysis
// of one package is printed, fails the run, and leaves the other packages
// analyzed and fixed.
func TestFixAnalysisErrors(t *testing.T) {
	dir := writeModule(t, failingPackages)
	got := runFixIn(dir, failAnalyzer, false, "./...")
	got.stderr = checkStack(t, got.stderr)
	checkRun(t, dir, got, run{1, "", text(`
fail: example.com/m/bad: bad.go:1: analysis failed on purpose
fail: example.com/m/boom: internal error: panic while analyzing example.com/m/boom: assignment to entry in nil map
	STACK
fail: applied 1 fix, updated 1 file
`)})
	checkFile(t, dir, "q/q.go", fixedQ)
}

// text returns s without its first newline, so that expected output can
// start on the line after the one that opens its string.
func text(s string) string {
	return strings.TrimPrefix(s, "\n")
}

// checkStack checks that the stack trace in stderr, the lines starting
// with a tab, shows where failAnalyzer panicked, and returns stderr with
// the trace replaced by one line "\tSTACK".
func checkStack(t *testing.T, stderr string) string {
	t.Helper()
	if stack := stackTrace.FindString(stderr); !strings.Contains(stack, "/analyzers_test.go:") {
		t.Errorf("stack trace does not show the panicking function:\n%s", stack)
	}
	return stripStack(stderr)
}

// stackTrace matches a stack trace in an error message: lines starting
// with a tab.
var stackTrace = regexp.MustCompile(`(?m)(^\t.*\n)+`)

// stripStack returns text with each stack trace replaced by "\tSTACK\n".
func stripStack(text string) string {
	return stackTrace.ReplaceAllString(text, "\tSTACK\n")
}

// TestFixUnparsable checks that a fix whose result would not parse is
// dropped, alone or together with other fixes, and that fixes to other
// files are still applied.
func TestFixUnparsable(t *testing.T) {
	dir := writeModule(t, `
-- go.mod --
module example.com/m

go 1.26.0
-- c/c.go --
package c

func Combo() {
	println(1)
	println(2)
	println(3)
}
-- c/d.go --
package c

func Combo2() {}

type R struct{}

func (R) ReadAt(b []byte, off int64) (int, error) { return 0, nil }
-- e/e.go --
package e

func Combo() {
	println(1)
	println(2)
}
`)
	got := runFixIn(dir, commentAnalyzer, false, "./...")
	checkRun(t, dir, got, run{1, "", text(`
comment: c/d.go:7:10: fix "Break the file" not applied: ` +
		`fixed c/d.go would not parse: 7:1: expected declaration, found '}'
comment: c/c.go:4:2: fix "Comment out" not applied: together with other fixes: ` +
		`fixed c/c.go would not parse: 6:14: expected operand, found '/' (and 1 more errors)
comment: c/c.go:5:2: fix "Comment out" not applied: together with other fixes: ` +
		`fixed c/c.go would not parse: 6:14: expected operand, found '/' (and 1 more errors)
comment: applied 1 fix, updated 1 file
`)})
	checkFile(t, dir, "c/c.go", `package c

func Combo() {
	println(1)
	println(2)
	println(3)
}
`)
	checkFile(t, dir, "e/e.go", `package e

func Combo() {
	/* println(1)
	println(2) */
}
`)
}

// TestFixGenerated checks that generated files are not fixed.
func TestFixGenerated(t *testing.T) {
	dir := writeModule(t, `
-- go.mod --
module example.com/m

go 1.26.0
-- g/g.go --
// Code generated by hand. DO NOT EDIT.

package g

type G struct{}

func (G) ReadAt(b []byte, off int64) (int, error) { return 0, nil }
`)
	got := runFixIn(dir, readatAnalyzer, false, "./...")
	checkRun(t, dir, got, run{1, "", text(`
readat: g/g.go:7:10: fix "Mark as checked" not applied: g/g.go is generated
`)})
}

// TestFixChangedFile checks that a file edited while the analysis ran is
// left alone.
func TestFixChangedFile(t *testing.T) {
	dir := writeModule(t, `
-- go.mod --
module example.com/m

go 1.26.0
-- m/mutated.go --
package m

type M struct{}

func (M) ReadAt(b []byte, off int64) (int, error) { return 0, nil }
`)
	got := runFixIn(dir, mutateAnalyzer, false, "./...")
	checkRun(t, dir, got, run{1, "", text(`
mutate: m/mutated.go:5:10: fix "Mark as checked" not applied: ` +
		`m/mutated.go: changed since it was loaded (96 bytes, now 116)
`)})
	checkFile(t, dir, "m/mutated.go", `package m

type M struct{}

func (M) ReadAt(b []byte, off int64) (int, error) { return 0, nil }
// edited meanwhile
`)
}

// TestFixWriteFailure checks that when one new file cannot be written,
// no file is written at all and no temporary file is left.
func TestFixWriteFailure(t *testing.T) {
	dir := writeModule(t, twoPackages)
	prepare = func(name string, content []byte) (*atomicfile.Pending, error) {
		if filepath.Base(name) == "marker.go" {
			return nil, errors.New("disk full")
		}
		return atomicfile.Prepare(name, content)
	}
	defer func() { prepare = atomicfile.Prepare }()

	got := runFixIn(dir, readatAnalyzer, false, "./...")
	checkRun(t, dir, got, run{1, "", "readat: disk full; no file written\n"})
	original := writeModule(t, twoPackages)
	for _, name := range []string{"p/a.go", "p/marker.go", "q/q.go"} {
		checkFile(t, dir, name, readFile(t, original, name))
	}
	checkNoTempFiles(t, dir)
}

// factsModule has a package use calling a ReadAt method of package dep.
const factsModule = `
-- go.mod --
module example.com/m

go 1.26.0
-- dep/dep.go --
package dep

type D struct{}

func (D) ReadAt(b []byte, off int64) (int, error) { return 0, nil }
-- use/use.go --
package use

import "example.com/m/dep"

func Use() { dep.D{}.ReadAt(nil, 0) }
`

// TestFixFacts checks that an analyzer using facts sees its facts about
// the dependencies, and that findings without a fix are listed.
func TestFixFacts(t *testing.T) {
	dir := writeModule(t, factsModule)
	got := runFixIn(dir, factAnalyzer, false, "./use")
	const want = "use/use.go:5:22: call of dep.ReadAt from another package (no fix offered)\n"
	checkRun(t, dir, got, run{3, "", want})
}

// TestFixNothing checks -fix on packages without findings, and on
// patterns that match nothing.
func TestFixNothing(t *testing.T) {
	dir := writeModule(t, "-- go.mod --\nmodule example.com/m\n\ngo 1.26.0\n"+
		"-- a.go --\npackage a\n")
	checkRun(t, dir, runFixIn(dir, readatAnalyzer, false, "./..."), run{0, "", ""})
	checkRun(t, dir, runFixIn(dir, readatAnalyzer, true, "./..."), run{0, "", ""})

	got := runFixIn(dir, readatAnalyzer, false, "./nothing")
	want := "DIR/nothing: directory not found" // go list's words, in the package error
	if got.code != 1 || !strings.Contains(got.stderr, strings.ReplaceAll(want, "DIR", dir)) {
		t.Errorf("./nothing: exit code %d, stderr:\n%s\nwant 1 and %q", got.code, got.stderr, want)
	}
}

// variantsModule holds a reader whose test calls its helper directly:
// the package gets a fix that leaves the helper to ReadAt's lock, the
// test variant none (the test's call would need the lock too).
const variantsModule = `-- go.mod --
module example.com/m

go 1.26.0
-- r.go --
package r

import "io"

type reader struct {
	src  io.ReadSeeker
	last int64
}

func (r *reader) seek(off int64) error {
	r.last = off
	_, err := r.src.Seek(off, io.SeekStart)
	return err
}

func (r *reader) ReadAt(p []byte, off int64) (int, error) {
	if err := r.seek(off); err != nil {
		return 0, err
	}
	return io.ReadFull(r.src, p)
}
-- r_test.go --
package r

import (
	"bytes"
	"testing"
)

func TestSeek(t *testing.T) {
	r := &reader{src: bytes.NewReader(make([]byte, 8))}
	if err := r.seek(4); err != nil || r.last != 4 {
		t.Fatal(err)
	}
}
`

// TestFixVariants checks that a finding fixed in a package is not also
// listed as unfixed because its test variant offers no fix, and that
// the fix is applied once.
func TestFixVariants(t *testing.T) {
	dir := writeModule(t, variantsModule)
	got := runFixIn(dir, readeratcheck.Analyzer, false, "./...")
	checkRun(t, dir, got, run{0, "", "readeratcheck: applied 1 fix, updated 1 file\n"})
	data, err := os.ReadFile(filepath.Join(dir, "r.go"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(data), "r.mu.Lock()"); n != 1 {
		t.Errorf("r.go locks %d times, want once:\n%s", n, data)
	}
}

// TestFixReasonOnce checks that a finding whose message says why no fix
// is offered is listed once, without "(no fix offered)" after it, and
// that -fix exits 3 for it.
func TestFixReasonOnce(t *testing.T) {
	dir := writeModule(t, `-- go.mod --
module example.com/m

go 1.26.0
-- v.go --
package v

import "io"

type view struct {
	src io.ReadSeeker
}

func (v view) ReadAt(p []byte, off int64) (int, error) {
	if _, err := v.src.Seek(off, io.SeekStart); err != nil {
		return 0, err
	}
	return io.ReadFull(v.src, p)
}
`)
	got := runFixIn(dir, readeratcheck.Analyzer, false, "./...")
	const want = "v.go:9:15: view.ReadAt seeks v.src and reads from v.src without holding a " +
		"lock; io.ReaderAt allows parallel calls; no fix: view has methods with value " +
		"receivers (ReadAt), which would copy the mutex\n"
	checkRun(t, dir, got, run{3, "", want})
}
