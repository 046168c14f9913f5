package main

import (
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/txtar"
)

// This file holds small analyzers that exercise the drivers without the
// real analyzer, and helpers to run the drivers on temporary modules.

// readatDoc is the Doc of the test analyzers: a title paragraph, then
// more text, as the real analyzer's Doc has.
const readatDoc = "report every method named ReadAt\n\n" +
	"The test analyzers report methods by name only."

// readatAnalyzer reports every method named ReadAt, at its name, with a
// related location at the receiver. Its fix inserts a comment before the
// method and, when the package has a file marker.go, appends a line to
// it: the same edit for every method, so it must be made once.
//
// It runs on packages with type errors too, so that the driver has to
// keep fixes out of them by itself.
var readatAnalyzer = &analysis.Analyzer{
	Name:             "readat",
	Doc:              readatDoc,
	URL:              "https://example.com/readat",
	RunDespiteErrors: true,
	Run:              runReadat,
}

// runReadat implements readatAnalyzer.
func runReadat(pass *analysis.Pass) (any, error) {
	for _, fn := range methodsNamed(pass, "ReadAt") {
		edits := insertion(fn.Pos(), "// checked\n")
		edits = append(edits, markerEdit(pass, "// touched by readat\n")...)
		pass.Report(analysis.Diagnostic{
			Pos:      fn.Name.Pos(),
			End:      fn.Name.End(),
			Category: "race",
			Message:  fmt.Sprintf("%s.ReadAt found", recvName(fn)),
			Related: []analysis.RelatedInformation{{
				Pos:     fn.Recv.List[0].Type.Pos(),
				End:     fn.Recv.List[0].Type.End(),
				Message: "receiver declared here",
			}},
			SuggestedFixes: []analysis.SuggestedFix{{Message: "Mark as checked", TextEdits: edits}},
		})
	}
	return nil, nil
}

// overlapAnalyzer reports each method named ReadAt twice: once at its
// name with a fix replacing its body, once at its first statement with
// a fix editing inside that body and appending a line to marker.go. The
// second fix overlaps the first and must be dropped whole.
var overlapAnalyzer = &analysis.Analyzer{
	Name: "overlap",
	Doc:  readatDoc,
	Run: func(pass *analysis.Pass) (any, error) {
		for _, fn := range methodsNamed(pass, "ReadAt") {
			body := fn.Body
			pass.Report(analysis.Diagnostic{
				Pos:     fn.Name.Pos(),
				Message: "body replaced",
				SuggestedFixes: []analysis.SuggestedFix{{
					Message: "Replace body",
					TextEdits: []analysis.TextEdit{{
						Pos:     body.Lbrace,
						End:     body.Rbrace + 1,
						NewText: []byte("{ return 0, nil }"),
					}},
				}},
			})
			first := body.List[0]
			edits := insertion(first.Pos(), "/* B */ ")
			pass.Report(analysis.Diagnostic{
				Pos:     first.Pos(),
				Message: "statement annotated",
				SuggestedFixes: []analysis.SuggestedFix{{
					Message:   "Annotate statement",
					TextEdits: append(edits, markerEdit(pass, "// touched by overlap\n")...),
				}},
			})
		}
		return nil, nil
	},
}

// failAnalyzer behaves as readatAnalyzer, except that it returns an
// error in packages named bad and panics in packages named boom.
var failAnalyzer = &analysis.Analyzer{
	Name: "fail",
	Doc:  readatDoc,
	Run: func(pass *analysis.Pass) (any, error) {
		switch pass.Pkg.Name() {
		case "bad":
			return nil, errors.New("bad.go:1: analysis failed on purpose")
		case "boom":
			var m map[string]int
			m["boom"]++ //nolint:staticcheck // panics on purpose: assignment to entry in nil map
		}
		return runReadat(pass)
	},
}

// commentAnalyzer offers, for each of the first two statements of each
// function named Combo that has a next statement, a fix wrapping the
// statement and the next one in /* */.
// Each fix alone gives valid Go; together they nest comments, which Go
// does not allow, and the result does not parse. For each method named
// ReadAt it offers a fix that can never parse.
var commentAnalyzer = &analysis.Analyzer{
	Name: "comment",
	Doc:  readatDoc,
	Run: func(pass *analysis.Pass) (any, error) {
		for _, fn := range funcsNamed(pass, "Combo") {
			for i := 0; i < 2 && i+1 < len(fn.Body.List); i++ {
				from, to := fn.Body.List[i], fn.Body.List[i+1]
				pass.Report(analysis.Diagnostic{
					Pos:     from.Pos(),
					Message: fmt.Sprintf("statements %d and %d commented out", i+1, i+2),
					SuggestedFixes: []analysis.SuggestedFix{{
						Message: "Comment out",
						TextEdits: append(insertion(from.Pos(), "/* "),
							insertion(to.End(), " */")...),
					}},
				})
			}
		}
		for _, fn := range methodsNamed(pass, "ReadAt") {
			pass.Report(analysis.Diagnostic{
				Pos:     fn.Name.Pos(),
				Message: "broken fix offered",
				SuggestedFixes: []analysis.SuggestedFix{{
					Message:   "Break the file",
					TextEdits: insertion(fn.Pos(), "}"),
				}},
			})
		}
		return nil, nil
	},
}

// calledFact marks a function named ReadAt, so that other packages can
// see which functions are ReadAt methods without their source.
type calledFact struct{}

// AFact marks calledFact as a fact.
func (*calledFact) AFact() {}

// String describes the fact in fact logs.
func (*calledFact) String() string { return "ReadAt" }

// factAnalyzer exports a fact for each method named ReadAt and reports,
// without a fix, each call of a function that bears the fact and belongs
// to another package: this only works when the dependencies are analyzed
// too.
var factAnalyzer = &analysis.Analyzer{
	Name:      "facts",
	Doc:       readatDoc,
	FactTypes: []analysis.Fact{new(calledFact)},
	Run: func(pass *analysis.Pass) (any, error) {
		for _, fn := range methodsNamed(pass, "ReadAt") {
			pass.ExportObjectFact(pass.TypesInfo.Defs[fn.Name], new(calledFact))
		}
		for _, file := range pass.Files {
			ast.Inspect(file, func(n ast.Node) bool {
				sel, ok := n.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				obj, ok := pass.TypesInfo.Uses[sel.Sel].(*types.Func)
				if ok && obj.Pkg() != pass.Pkg && pass.ImportObjectFact(obj, new(calledFact)) {
					pass.Reportf(sel.Sel.Pos(), "call of %s.ReadAt from another package",
						obj.Pkg().Name())
				}
				return true
			})
		}
		return nil, nil
	},
}

// mutateAnalyzer behaves as readatAnalyzer but first appends a line to
// each file named mutated.go, as if someone edited the file while the
// analysis ran.
var mutateAnalyzer = &analysis.Analyzer{
	Name: "mutate",
	Doc:  readatDoc,
	Run: func(pass *analysis.Pass) (any, error) {
		for _, f := range pass.Files {
			name := pass.Fset.File(f.Pos()).Name()
			if filepath.Base(name) == "mutated.go" {
				if err := appendLine(name, "// edited meanwhile\n"); err != nil {
					return nil, err
				}
			}
		}
		return runReadat(pass)
	},
}

// appendLine appends line to the file name.
func appendLine(name, line string) error {
	f, err := os.OpenFile(name, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(line); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// methodsNamed returns the method declarations named name in the files of
// pass.
func methodsNamed(pass *analysis.Pass, name string) []*ast.FuncDecl {
	var out []*ast.FuncDecl
	for _, fn := range funcsNamed(pass, name) {
		if fn.Recv != nil {
			out = append(out, fn)
		}
	}
	return out
}

// funcsNamed returns the function and method declarations named name in
// the files of pass.
func funcsNamed(pass *analysis.Pass, name string) []*ast.FuncDecl {
	var out []*ast.FuncDecl
	for _, file := range pass.Files {
		for _, decl := range file.Decls {
			if fn, ok := decl.(*ast.FuncDecl); ok && fn.Name.Name == name && fn.Body != nil {
				out = append(out, fn)
			}
		}
	}
	return out
}

// recvName returns the receiver type of fn as written, such as "(*T)".
func recvName(fn *ast.FuncDecl) string {
	switch t := fn.Recv.List[0].Type.(type) {
	case *ast.StarExpr:
		return fmt.Sprintf("(*%s)", t.X.(*ast.Ident).Name)
	case *ast.Ident:
		return t.Name
	}
	return "?"
}

// insertion returns the edits inserting text at pos.
func insertion(pos token.Pos, text string) []analysis.TextEdit {
	return []analysis.TextEdit{{Pos: pos, End: pos, NewText: []byte(text)}}
}

// markerEdit returns an edit appending text to the file marker.go of the
// package, or nothing when the package has no such file.
func markerEdit(pass *analysis.Pass, text string) []analysis.TextEdit {
	for _, f := range pass.Files {
		tf := pass.Fset.File(f.Pos())
		if filepath.Base(tf.Name()) == "marker.go" {
			end := token.Pos(tf.Base() + tf.Size())
			return insertion(end, text)
		}
	}
	return nil
}

// writeModule writes the files of the txtar archive to a new temporary
// directory and returns its path, with symbolic links resolved so that
// it compares equal to the paths go list reports.
func writeModule(t *testing.T, archive string) string {
	t.Helper()
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range txtar.Parse([]byte(archive)).Files {
		name := filepath.Join(dir, f.Name)
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// readFile returns the content of dir/name.
func readFile(t *testing.T, dir, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// run is the outcome of one driver run.
type run struct {
	code           int
	stdout, stderr string
}

// runFixIn runs the -fix driver (with -diff when diff is set) for the
// analyzer a in dir on the patterns, test files included.
func runFixIn(dir string, a *analysis.Analyzer, diff bool, patterns ...string) run {
	d, stdout, stderr := newTestDriver(dir, a)
	code := d.runFix(patterns, diff)
	return run{code, stdout.String(), stderr.String()}
}

// runSARIFIn runs the -sarif driver for the analyzer a in dir on the
// patterns, test files included.
func runSARIFIn(dir string, a *analysis.Analyzer, patterns ...string) run {
	d, stdout, stderr := newTestDriver(dir, a)
	code := d.runSARIF(patterns)
	return run{code, stdout.String(), stderr.String()}
}

// newTestDriver returns a driver for a in dir writing to buffers.
func newTestDriver(dir string, a *analysis.Analyzer) (*driver, *bytes.Buffer, *bytes.Buffer) {
	stdout, stderr := new(bytes.Buffer), new(bytes.Buffer)
	d := &driver{
		analyzer: a,
		dir:      dir,
		tests:    true,
		version:  "v1.2.3-test",
		stdout:   stdout,
		stderr:   stderr,
	}
	return d, stdout, stderr
}

// checkRun reports an error unless got has the wanted exit code and
// output; in want, the string DIR stands for dir.
func checkRun(t *testing.T, dir string, got, want run) {
	t.Helper()
	want.stdout = strings.ReplaceAll(want.stdout, "DIR", dir)
	want.stderr = strings.ReplaceAll(want.stderr, "DIR", dir)
	if got.code != want.code {
		t.Errorf("exit code %d, want %d", got.code, want.code)
	}
	if got.stdout != want.stdout {
		t.Errorf("stdout:\n%s\nwant:\n%s", got.stdout, want.stdout)
	}
	if got.stderr != want.stderr {
		t.Errorf("stderr:\n%s\nwant:\n%s", got.stderr, want.stderr)
	}
}

// checkFile reports an error unless dir/name holds want.
func checkFile(t *testing.T, dir, name, want string) {
	t.Helper()
	if got := readFile(t, dir, name); got != want {
		t.Errorf("%s:\n%s\nwant:\n%s", name, got, want)
	}
}
