package readeratcheck_test

import (
	"bytes"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"go/ast"
	"go/format"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"math/rand/v2"
	"regexp"
	"runtime"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/copylock"
	"golang.org/x/tools/go/analysis/passes/inspect"

	"github.com/readeratcheck/readeratcheck/readeratcheck"
)

// FuzzAnalyzer generates a small package from each input (see
// fuzzgen_test.go), runs the analyzer on it in-process and checks: no
// panic or error, the same diagnostics on a second run, positions and
// edits inside the files, fixes whose edits do not overlap; then, with
// the first fix of every diagnostic applied, a package that type-checks,
// is gofmt-clean, copies no lock and unlocks nothing it does not lock
// that the original did not, and draws no race diagnostic again where
// one had a fix, nor a second round of edits for the methods fixed.
// Problems explained by a known bug (knownBugs) skip the input.
func FuzzAnalyzer(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s.input())
	}
	h := newHarness()
	f.Fuzz(func(t *testing.T, data []byte) {
		out := h.check(data)
		if met := reportProblems(t, out); len(met) > 0 && !t.Failed() {
			// Not interesting: keep the fuzzer from growing the corpus
			// around a bug already known.
			t.Skip("known bug: " + met[0])
		}
	})
}

// reportProblems fails t with each problem of out that no known bug
// explains, followed by the diagnostics and sources involved. It returns
// the names of the known bugs met.
func reportProblems(t *testing.T, out *outcome) []string {
	t.Helper()
	var met []string
	failed := false
	for _, p := range out.problems {
		if b := known(out, p); b != nil {
			met = append(met, b.name)
			continue
		}
		t.Errorf("%s: %s", p.class, p.msg)
		failed = true
	}
	if !failed {
		return met
	}
	t.Logf("diagnostics:\n%s", strings.Join(out.log, "\n"))
	t.Logf("generated package:\n%s", dump(out.src))
	if out.fixed != nil {
		t.Logf("after the fixes:\n%s", dump(out.fixed))
	}
	return met
}

// dump spells files for a failure message, in name order.
func dump(files map[string][]byte) string {
	var b strings.Builder
	for _, name := range sortedKeys(files) {
		fmt.Fprintf(&b, "-- %s --\n%s", name, files[name])
	}
	return b.String()
}

// harness runs the analyzer in-process on generated packages, sharing
// one file set and one source importer between inputs.
type harness struct {
	// mu guards imp: the source importer caches packages in a map of its
	// own without a lock, so two type-checks must not import at once.
	mu    sync.Mutex
	fset  *token.FileSet
	imp   types.Importer
	sizes types.Sizes
}

// newHarness returns a harness whose importer type-checks the standard
// library from source, once per package, into the shared file set.
func newHarness() *harness {
	fset := token.NewFileSet()
	return &harness{
		fset:  fset,
		imp:   importer.ForCompiler(fset, "source", nil),
		sizes: types.SizesFor("gc", runtime.GOARCH),
	}
}

// A problem is one property that failed, with its class: "run" (panic or
// error), "nondeterminism" (two runs differ), "invalid" (a position or
// an edit out of place), "fact" (a fact drivers could not pass on),
// "conflict" (fixes whose edits overlap), "compile" (the fixed package
// does not parse or type-check), "copylocks" and "locking" (the fixed
// package copies a lock, or unlocks a mutex in a way it never locks it,
// where the original did not), "gofmt" and "idempotence".
type problem struct {
	class, msg string
}

// An outcome is what checking one input found.
type outcome struct {
	skipped  bool // the generated package does not type-check
	diags    int  // diagnostics on the generated package
	race     int  // race diagnostics with a fix
	contract int  // contract diagnostics with a fix
	edits    int  // edits applied, after merging
	cascades int  // fixes offered after the first round, to other methods
	problems []problem
	rounds   int               // analyzer runs
	log      []string          // the diagnostics of each round, for failures
	src      map[string][]byte // the generated package
	fixed    map[string][]byte // the package after the fixes, if any
}

// add records a problem.
func (o *outcome) add(class, format string, args ...any) {
	o.problems = append(o.problems, problem{class, fmt.Sprintf(format, args...)})
}

// check generates the package of data and asserts every property on it.
func (h *harness) check(data []byte) *outcome {
	src := generate(data)
	if src == nil {
		return &outcome{skipped: true}
	}
	return h.checkSources(src)
}

// checkSources asserts every property on the package of src.
func (h *harness) checkSources(src map[string][]byte) *outcome {
	out := &outcome{src: src}

	// Step 1: type-check and analyse the package; inputs that do not
	// type-check are not the analyzer's business.
	pkg, err := h.load(src)
	if err != nil {
		out.skipped = true
		return out
	}
	defer h.release(pkg)
	diags := h.analyze(pkg, out)
	if diags == nil {
		return out
	}
	out.diags = len(diags)
	if again := h.analyze(pkg, out); render(h.fset, again) != render(h.fset, diags) {
		out.add("nondeterminism", "a second run on the package reports otherwise:\n%s\nthen:\n%s",
			render(h.fset, diags), render(h.fset, again))
	}
	validate(pkg, diags, out)
	if len(out.problems) > 0 {
		return out
	}

	// Step 2: apply the first fix of every diagnostic, merged.
	fixedKeys := make(map[string]bool)
	for _, d := range diags {
		if len(d.SuggestedFixes) == 0 {
			continue
		}
		switch d.Category {
		case "race":
			out.race++
		case "contract":
			out.contract++
		}
		fixedKeys[d.Category+" "+methodKey(pkg, d.Pos)] = true
	}
	fixed := mergeFixes(pkg, diags, out)
	if fixed == nil {
		return out
	}
	out.fixed = fixed

	// Step 3: the fixed package compiles, copies no lock that the
	// original did not, and is formatted.
	again, err := h.load(fixed)
	if err != nil {
		out.add("compile", "the fixed package does not compile: %v", err)
		return out
	}
	defer h.release(again)
	for _, c := range newCopies(h.copies(pkg, out), h.copies(again, out)) {
		out.add("copylocks", "the fixed package copies a lock: %s", c)
	}
	for _, m := range newCopies(unpairedLocks(pkg), unpairedLocks(again)) {
		out.add("locking", "the fixed package unlocks what it does not lock: %s", m)
	}
	for _, name := range sortedKeys(fixed) {
		if bytes.Equal(fixed[name], src[name]) {
			continue
		}
		clean, err := format.Source(fixed[name])
		if err != nil || !bytes.Equal(clean, fixed[name]) {
			out.add("gofmt", "%s is not gofmt-clean after the fixes:\n%s", name,
				firstDiff(fixed[name], clean))
		}
	}

	// Step 4: no race diagnostic that had a fix comes back, and no
	// method that had a fix is offered a second round of edits. A fix
	// offered to another method is counted: fixing one type can show
	// that another calls state it now locks.
	diags2 := h.analyze(again, out)
	validate(again, diags2, out)
	for _, d := range diags2 {
		k := d.Category + " " + methodKey(again, d.Pos)
		switch {
		case d.Category == "race" && fixedKeys[k]:
			out.add("idempotence", "%s still reported after its fix: %s", k, d.Message)
		case fixedKeys[k] && len(d.SuggestedFixes) > 0:
			out.add("idempotence", "%s: a second round of fixes would edit again: %s", k, d.Message)
		case len(d.SuggestedFixes) > 0:
			out.cascades++
		}
	}
	return out
}

// firstDiff shows the first lines where got and want differ, with a
// line of context before.
func firstDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	i := 0
	for i < len(g) && i < len(w) && g[i] == w[i] {
		i++
	}
	from := max(i-1, 0)
	return fmt.Sprintf("got:\n%s\ngofmt:\n%s",
		strings.Join(g[from:min(i+3, len(g))], "\n"), strings.Join(w[from:min(i+3, len(w))], "\n"))
}

// render spells diagnostics with their positions, related entries and
// edits, to compare two runs.
func render(fset *token.FileSet, diags []analysis.Diagnostic) string {
	var b strings.Builder
	for _, d := range diags {
		fmt.Fprintf(&b, "%s-%d %s: %s\n", fset.Position(d.Pos), d.End, d.Category, d.Message)
		for _, r := range d.Related {
			fmt.Fprintf(&b, "  related %s: %s\n", fset.Position(r.Pos), r.Message)
		}
		for _, fix := range d.SuggestedFixes {
			fmt.Fprintf(&b, "  fix %s\n", fix.Message)
			for _, e := range fix.TextEdits {
				fmt.Fprintf(&b, "    edit %d-%d %q\n", e.Pos, e.End, e.NewText)
			}
		}
	}
	return b.String()
}

// copies runs go vet's copylocks check on l and returns what each report
// copies: the start of its message, up to the type copied. The rest names
// the lock found inside, which a new mutex field placed first changes.
func (h *harness) copies(l *loadedPkg, out *outcome) []string {
	var msgs []string
	pass := &analysis.Pass{
		Fset:      h.fset,
		Files:     l.files,
		Pkg:       l.pkg,
		TypesInfo: l.info,
		ResultOf:  map[*analysis.Analyzer]any{},
		Report: func(d analysis.Diagnostic) {
			msgs = append(msgs, copySite.FindString(d.Message))
		},
	}
	ins, err := inspect.Analyzer.Run(pass)
	if err == nil {
		pass.ResultOf[inspect.Analyzer] = ins
		_, err = copylock.Analyzer.Run(pass)
	}
	if err != nil {
		out.add("run", "copylocks failed: %v", err)
	}
	return msgs
}

// unpairedLocks returns, for each function of l, the mutexes it unlocks
// in a way it never locks them: RUnlock without RLock or TryRLock, Unlock
// without Lock or TryLock. A fix that turns one lock call into another
// without its unlock shows up here.
func unpairedLocks(l *loadedPkg) []string {
	var out []string
	for _, f := range l.files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			calls := lockCalls(l.info, fd)
			for _, mu := range sortedKeys(calls) {
				c := calls[mu]
				if c["RUnlock"] > 0 && c["RLock"]+c["TryRLock"] == 0 {
					out = append(out, fmt.Sprintf("%s: %s.RUnlock without RLock", fd.Name.Name, mu))
				}
				if c["Unlock"] > 0 && c["Lock"]+c["TryLock"] == 0 {
					out = append(out, fmt.Sprintf("%s: %s.Unlock without Lock", fd.Name.Name, mu))
				}
			}
		}
	}
	return out
}

// lockCalls counts the calls of sync mutex methods in fd, by mutex as
// written ("t.mu"; an embedded mutex as its field, "t.Mutex") and
// method name.
func lockCalls(info *types.Info, fd *ast.FuncDecl) map[string]map[string]int {
	out := make(map[string]map[string]int)
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return true
		}
		fn, _ := info.Uses[sel.Sel].(*types.Func)
		if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "sync" {
			return true
		}
		mu := types.ExprString(sel.X)
		if s := info.Selections[sel]; s != nil && len(s.Index()) > 1 {
			// A method promoted from an embedded mutex: name the field.
			recv := s.Recv()
			if p, ok := recv.Underlying().(*types.Pointer); ok {
				recv = p.Elem()
			}
			if st, ok := recv.Underlying().(*types.Struct); ok {
				mu += "." + st.Field(s.Index()[0]).Name()
			}
		}
		if out[mu] == nil {
			out[mu] = make(map[string]int)
		}
		out[mu][sel.Sel.Name]++
		return true
	})
	return out
}

// copySite matches the start of a copylocks message: what copies, and
// the type copied.
var copySite = regexp.MustCompile(`^[^:]*: \S+`)

// newCopies returns the messages of after that before lacks, counting
// repeats.
func newCopies(before, after []string) []string {
	left := make(map[string]int)
	for _, m := range before {
		left[m]++
	}
	var out []string
	for _, m := range after {
		if left[m] > 0 {
			left[m]--
			continue
		}
		out = append(out, m)
	}
	return out
}

// A loadedPkg is a type-checked generated package.
type loadedPkg struct {
	src   map[string][]byte
	names []string // file names, in order
	files []*ast.File
	tfs   map[*token.File]string
	pkg   *types.Package
	info  *types.Info
}

// load parses and type-checks the files of src as package p. It returns
// the first error, soft errors such as unused variables included.
func (h *harness) load(src map[string][]byte) (*loadedPkg, error) {
	l := &loadedPkg{src: src, tfs: make(map[*token.File]string)}
	var firstErr error
	for _, name := range sortedKeys(src) {
		mode := parser.ParseComments | parser.SkipObjectResolution
		f, err := parser.ParseFile(h.fset, name, src[name], mode)
		if f != nil {
			l.tfs[h.fset.File(f.FileStart)] = name
		}
		if err != nil && firstErr == nil {
			firstErr = errors.New(err.Error())
		}
		l.names = append(l.names, name)
		l.files = append(l.files, f)
	}
	if firstErr != nil {
		h.release(l)
		return nil, firstErr
	}
	l.info = &types.Info{
		Types:        make(map[ast.Expr]types.TypeAndValue),
		Instances:    make(map[*ast.Ident]types.Instance),
		Defs:         make(map[*ast.Ident]types.Object),
		Uses:         make(map[*ast.Ident]types.Object),
		Implicits:    make(map[ast.Node]types.Object),
		Selections:   make(map[*ast.SelectorExpr]*types.Selection),
		Scopes:       make(map[ast.Node]*types.Scope),
		FileVersions: make(map[*ast.File]string),
	}
	conf := types.Config{
		Importer:  h.imp,
		Sizes:     h.sizes,
		GoVersion: "go1.26",
		Error: func(err error) {
			if firstErr == nil {
				// Spelt now: the file set forgets the files on release.
				firstErr = errors.New(err.Error())
			}
		},
	}
	h.mu.Lock()
	l.pkg, _ = conf.Check("example.com/p", h.fset, l.files, l.info)
	h.mu.Unlock()
	if firstErr != nil {
		h.release(l)
		return nil, firstErr
	}
	return l, nil
}

// release removes the files of l from the shared file set, which would
// otherwise grow with every input.
func (h *harness) release(l *loadedPkg) {
	for tf := range l.tfs {
		h.fset.RemoveFile(tf)
	}
}

// analyze runs the analyzer on l through a pass built by hand: no facts
// from other packages, facts of this one checked and dropped. It returns
// nil, with a problem recorded, if the analyzer panics or fails.
func (h *harness) analyze(l *loadedPkg, out *outcome) (diags []analysis.Diagnostic) {
	diags = []analysis.Diagnostic{}
	pass := &analysis.Pass{
		Analyzer:   readeratcheck.Analyzer,
		Fset:       h.fset,
		Files:      l.files,
		Pkg:        l.pkg,
		TypesInfo:  l.info,
		TypesSizes: h.sizes,
		ResultOf:   map[*analysis.Analyzer]any{},
		Report:     func(d analysis.Diagnostic) { diags = append(diags, d) },
		ReadFile: func(name string) ([]byte, error) {
			if src, ok := l.src[name]; ok {
				return src, nil
			}
			return nil, fmt.Errorf("%s is not a file of the package", name)
		},
		ImportObjectFact:  func(types.Object, analysis.Fact) bool { return false },
		ImportPackageFact: func(*types.Package, analysis.Fact) bool { return false },
		ExportObjectFact: func(obj types.Object, fact analysis.Fact) {
			checkFact(l, obj, fact, out)
		},
		ExportPackageFact: func(fact analysis.Fact) {
			if err := gob.NewEncoder(new(bytes.Buffer)).Encode(fact); err != nil {
				out.add("fact", "package fact %T does not encode: %v", fact, err)
			}
		},
		AllObjectFacts:  func() []analysis.ObjectFact { return nil },
		AllPackageFacts: func() []analysis.PackageFact { return nil },
	}
	defer func() {
		if r := recover(); r != nil {
			out.add("run", "the analyzer panicked: %v\n%s", r, debug.Stack())
			diags = nil
		}
	}()
	if _, err := readeratcheck.Analyzer.Run(pass); err != nil {
		out.add("run", "the analyzer failed: %v", err)
		return nil
	}
	out.rounds++
	out.log = append(out.log, fmt.Sprintf("round %d:", out.rounds))
	for _, d := range diags {
		line := fmt.Sprintf("  %s: %s", h.fset.Position(d.Pos), d.Message)
		for _, fix := range d.SuggestedFixes {
			line += fmt.Sprintf("\n    fix %q, %d edits", fix.Message, len(fix.TextEdits))
		}
		out.log = append(out.log, line)
	}
	return diags
}

// checkFact records a problem if a fact is exported for an object of
// another package, or would not survive the gob encoding that drivers
// use to pass facts between packages.
func checkFact(l *loadedPkg, obj types.Object, fact analysis.Fact, out *outcome) {
	if obj.Pkg() != l.pkg {
		out.add("fact", "fact %T exported for %v, of another package", fact, obj)
	}
	if err := gob.NewEncoder(new(bytes.Buffer)).Encode(fact); err != nil {
		out.add("fact", "fact %T for %v does not encode: %v", fact, obj, err)
	}
}

// validate checks what analysis drivers assume of diagnostics: known
// categories, positions inside the package's files, fixes with distinct
// messages whose edits lie inside one file and do not overlap.
func validate(l *loadedPkg, diags []analysis.Diagnostic, out *outcome) {
	for _, d := range diags {
		where := fmt.Sprintf("diagnostic %q", d.Message)
		switch d.Category {
		case "race", "contract", "directive":
		default:
			out.add("invalid", "%s has category %q", where, d.Category)
		}
		msg := d.Message
		if msg == "" || strings.HasSuffix(msg, ".") || strings.Contains(msg, "\n") {
			out.add("invalid", "%s: empty, multi-line or ending with a period", where)
		}
		checkRange(l, d.Pos, d.End, where, out)
		for _, r := range d.Related {
			checkRange(l, r.Pos, r.End, where+", related "+r.Message, out)
		}
		msgs := make(map[string]bool)
		for _, fix := range d.SuggestedFixes {
			if fix.Message == "" || msgs[fix.Message] {
				out.add("invalid", "%s: fix message %q empty or repeated", where, fix.Message)
			}
			msgs[fix.Message] = true
			edits, ok := fileEdits(l, fix.TextEdits, where, out)
			if !ok {
				continue
			}
			sortEdits(edits)
			for i := 1; i < len(edits); i++ {
				if a, b := edits[i-1], edits[i]; a.file == b.file && a.end > b.start {
					out.add("invalid", "%s: fix %q has overlapping edits at %s:%d and %d",
						where, fix.Message, a.file, a.start, b.start)
				}
			}
		}
	}
}

// checkRange records a problem unless pos is a position of one of the
// package's files and end, if set, follows it in the same file.
func checkRange(l *loadedPkg, pos, end token.Pos, where string, out *outcome) {
	tf := l.file(pos)
	if tf == nil {
		out.add("invalid", "%s: position %d is in none of the package's files", where, pos)
		return
	}
	if end.IsValid() && (end < pos || end > token.Pos(tf.Base()+tf.Size())) {
		out.add("invalid", "%s: end %d is not in [%d, end of %s]", where, end, pos, tf.Name())
	}
}

// file returns the token.File of the package that holds pos, or nil.
func (l *loadedPkg) file(pos token.Pos) *token.File {
	if !pos.IsValid() {
		return nil
	}
	for tf := range l.tfs {
		if int(pos) >= tf.Base() && int(pos) <= tf.Base()+tf.Size() {
			return tf
		}
	}
	return nil
}

// A fileEdit is a text edit as byte offsets in a named file.
type fileEdit struct {
	file       string
	start, end int
	text       string
}

// fileEdits converts edits to offsets, recording a problem for any that
// does not lie inside one file of the package.
func fileEdits(l *loadedPkg, edits []analysis.TextEdit, where string,
	out *outcome) ([]fileEdit, bool) {

	var res []fileEdit
	for _, e := range edits {
		tf := l.file(e.Pos)
		end := e.End
		if !end.IsValid() {
			end = e.Pos
		}
		if tf == nil || end < e.Pos || int(end) > tf.Base()+tf.Size() {
			out.add("invalid", "%s: edit [%d, %d) %q lies outside the package's files",
				where, e.Pos, e.End, e.NewText)
			return nil, false
		}
		res = append(res, fileEdit{l.tfs[tf], tf.Offset(e.Pos), tf.Offset(end), string(e.NewText)})
	}
	return res, true
}

// sortEdits orders edits by file and position, insertions before
// replacements at one offset, keeping the order of equal ones.
func sortEdits(es []fileEdit) {
	sort.SliceStable(es, func(i, j int) bool {
		a, b := es[i], es[j]
		if a.file != b.file {
			return a.file < b.file
		}
		if a.start != b.start {
			return a.start < b.start
		}
		return a.end < b.end
	})
}

// mergeFixes applies the first fix of each diagnostic to the package's
// sources, as drivers do: an edit that several fixes share is applied
// once. It returns nil if there is nothing to apply, or if edits of two
// fixes overlap, which it records as a problem.
func mergeFixes(l *loadedPkg, diags []analysis.Diagnostic, out *outcome) map[string][]byte {
	var all []fileEdit
	seen := make(map[fileEdit]bool)
	for _, d := range diags {
		if len(d.SuggestedFixes) == 0 {
			continue
		}
		edits, ok := fileEdits(l, d.SuggestedFixes[0].TextEdits, d.Message, out)
		if !ok {
			return nil
		}
		for _, e := range edits {
			if !seen[e] {
				seen[e] = true
				all = append(all, e)
			}
		}
	}
	if len(all) == 0 {
		return nil
	}
	out.edits = len(all)
	sortEdits(all)
	for i := 1; i < len(all); i++ {
		if a, b := all[i-1], all[i]; a.file == b.file && a.end > b.start {
			out.add("conflict", "edits of two fixes overlap in %s: [%d,%d) %q and [%d,%d) %q",
				a.file, a.start, a.end, a.text, b.start, b.end, b.text)
			return nil
		}
	}

	// Apply each file's edits from the last, so offsets stay valid.
	fixed := make(map[string][]byte)
	for name, src := range l.src {
		fixed[name] = src
	}
	for i := len(all) - 1; i >= 0; i-- {
		e := all[i]
		src := fixed[e.file]
		var b []byte
		b = append(b, src[:e.start]...)
		b = append(b, e.text...)
		fixed[e.file] = append(b, src[e.end:]...)
	}
	return fixed
}

// methodKey names the method that holds pos, as "T.ReadAt", so that a
// diagnostic can be found again after edits move it.
func methodKey(l *loadedPkg, pos token.Pos) string {
	for _, f := range l.files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || pos < fd.Pos() || pos >= fd.End() || fd.Recv == nil {
				continue
			}
			t := fd.Recv.List[0].Type
			if s, ok := t.(*ast.StarExpr); ok {
				t = s.X
			}
			switch x := t.(type) {
			case *ast.IndexExpr:
				t = x.X
			case *ast.IndexListExpr:
				t = x.X
			}
			if id, ok := t.(*ast.Ident); ok {
				return id.Name + "." + fd.Name.Name
			}
		}
	}
	return fmt.Sprintf("?%d", pos)
}

// A fuzzSeed is a hand-picked input, with the regular expressions its
// package must match and the fix it must draw, so that a change of the
// generator or the analyzer that loses the shape is noticed.
type fuzzSeed struct {
	name  string
	hex   string
	shape []string
	fix   string // "race" or "contract" if the package must draw such a fix
}

// input returns the seed's bytes.
func (s fuzzSeed) input() []byte {
	b, err := hex.DecodeString(s.hex)
	if err != nil {
		panic(fmt.Sprintf("seed %s: %v", s.name, err))
	}
	return b
}

// fuzzSeeds are the inputs FuzzAnalyzer starts from, one per shape the
// generator can make. Each was picked as the shortest of many random
// inputs that makes its shape and passes every property.
var fuzzSeeds = []fuzzSeed{
	{
		name:  "embedded RWMutex, read-locked",
		hex:   "14ab94b3d3835ffed81a61fcf0076bab802c2d80a05b7c97627318bc11659bdbb70934f2cbbc2f",
		shape: []string{`\tsync\.RWMutex\n`, `\.RLock\(\)`},
		fix:   "race",
	},
	{
		name:  "field mu with a deferred unlock",
		hex:   "28514c5c1bde42b218d64c9fa445f300ed1cd21ba9f4ea4a26fbe373ab5b94654b62f65c6f",
		shape: []string{`\tmu +sync\.Mutex`, `defer \w+\.mu\.Unlock\(\)`},
		fix:   "race",
	},
	{
		name:  "field mu of another type",
		hex:   "1851c949e8ce58c2b46f7025e2b7efbbffdcaf375e821aecbd4b2357de",
		shape: []string{`\tmu +int\n`},
		fix:   "race",
	},
	{
		name:  "generic type",
		hex:   "357b271ef28f922462f58abcebaa1724094862df686a88f475244b9be250186294",
		shape: []string{`\[E any\] struct`},
		fix:   "race",
	},
	{
		name:  "generic type with two parameters",
		hex:   "da90865662aa2678fa2173370134ad12e1f8b99e725e6ab623fb993539525c7f",
		shape: []string{`\[E any, K comparable\] struct`},
	},
	{
		name:  "value receiver",
		hex:   "ae0943abdfd7e5da46236fca56a7063b4d6bd82fdae663f6f4a5ab",
		shape: []string{`func \(\w+ \w+\) (ReadAt|WriteAt)`},
	},
	{
		name:  "unnamed receiver",
		hex:   "455e93aa5693cc6d1f236f7565eea7cdc61f6a7f8534659eb1b7bf76e4404c4e1dce",
		shape: []string{`func \((_ )?\*\w+(\[[E_]\])?\) (ReadAt|WriteAt)`},
	},
	{
		name:  "TryLock if",
		hex:   "83c2f9030fd5606b1af8425ffd15e52770e1129ceb96f6dd8ad2ea9200604b4da617cdda",
		shape: []string{`if \w+\.\w+\.TryLock\(\) \{`},
		fix:   "race",
	},
	{
		name:  "goroutine",
		hex:   "7669a701fd0f035cd55471281a15c62e6c6059b446b78c43aa612dc62eaf2eb0354d441d",
		shape: []string{`go func\(\) \{`},
	},
	{
		name:  "helper that locks",
		hex:   "40c29256de5134e3d5d3063b0b09d029a190c508c4e6fd9d1ecc48471c185c92c18646bd127a1bca",
		shape: []string{`\) h\d+\(p \[\]byte, off int64\) \{\n\tx\.\w+\.Lock\(\)`},
		fix:   "race",
	},
	{
		name:  "short Read",
		hex:   "cf92b000c37489b1041286ea490054d19d40ccdd8cb6c091ecd06ffaa0e6",
		shape: []string{`return \w+\.\w+\.Read\(p\)`},
		fix:   "contract",
	},
	{
		name: "unkeyed literal",
		hex: "8cf6f678a9daf3d2e97cb47f68438354fff1d71fa43d631e9ad75805d48947a4d55758921845f186" +
			"8bf92203a854d95fb5442a6dc8",
		shape: []string{`return &\w+\{[^}:]+\}\n`},
	},
	{
		name:  "struct in a second file",
		hex:   "1b47e32ab5a5550ddfd020ceb26373e4c63566391a1061a5bc5217898c85314e",
		shape: []string{`-- b.go --[\s\S]*type \w+ struct`},
		fix:   "race",
	},
	{
		name:  "second type embedding the first",
		hex:   "2b0a3d1aa44476c8ebe24b4566f28070983a34123826f14f980e1d2b773332a0f19504fd",
		shape: []string{`\n\t\*?(T|Blob|section|Cache)\n`},
	},
	{
		name:  "ReadAt and WriteAt on one type",
		hex:   "357b271ef28f922462f58abcebaa1724094862df686a88f475244b9be250186294",
		shape: []string{`\) ReadAt\(`, `\) WriteAt\(`},
		fix:   "race",
	},
	{
		name: "Write built on WriteAt",
		hex: "f0550df8f668174de53f9ad3d1e03f0786065a62da3b65782afc3f95012af79d973c254ef24934c5" +
			"eb098f6c9a1d24ab436c1a32808f9cfcdd749375a51137287c3695",
		shape: []string{`WriteAt\(p, \w+\.\w+\)`},
		fix:   "race",
	},
	{
		name: "io imported as iox",
		hex: "3d00c8a0dbfa4d89a013a0232f26faeb04bf90ad6ebdfd62e293dda64d515c01f1f232fceb13648e" +
			"b57246be5ed76f02df56c506f0",
		shape: []string{`iox "io"`},
		fix:   "contract",
	},
	{
		name: "package-level name sync",
		hex: "d612564f66ab0558a731374cfae03e47d445c331b4f166edb4a4d3ff88bcac6f23609ec3e4960e6b" +
			"0b1a4f4b8ae4767f0e0e110c",
		shape: []string{`func sync\(\) \{\}`},
		fix:   "race",
	},
	{
		name:  "receiver through an alias",
		hex:   "d60b6e687d23d28c5bf48c5895e48f5feefc8829fe091284aafefd3a76b9ae",
		shape: []string{`type \w+Alias = `, `func \(\w* ?\*?\w+Alias\)`},
		fix:   "race",
	},
	{
		name:  "one-line struct",
		hex:   "97934aa8f825282c2f87cb875672b14a21374d7630febf76a42a1440c32718882d49",
		shape: []string{`struct\{ `},
		fix:   "race",
	},
}

// TestFuzzSeeds runs the fuzz properties over the seeds and a few hundred
// pseudo-random inputs, and checks that the generator mostly produces
// packages that type-check and draw fixes.
func TestFuzzSeeds(t *testing.T) {
	h := newHarness()
	for _, s := range fuzzSeeds {
		out := h.check(s.input())
		if out.skipped {
			t.Errorf("seed %s: the package does not type-check:\n%s", s.name, dump(out.src))
			continue
		}
		all := dump(out.src)
		for _, re := range s.shape {
			if !regexp.MustCompile(re).MatchString(all) {
				t.Errorf("seed %s: the generated package does not match %s:\n%s", s.name, re, all)
			}
		}
		if s.fix == "race" && out.race == 0 || s.fix == "contract" && out.contract == 0 {
			t.Errorf("seed %s: no %s fix:\n%s\n%s", s.name, s.fix, strings.Join(out.log, "\n"), all)
		}
		if met := reportProblems(t, out); len(met) > 0 {
			t.Errorf("seed %s: known bug %s", s.name, met[0])
		}
	}

	rng := rand.New(rand.NewPCG(1, 2))
	var n, skipped, race, contract, cascades, knownHits int
	for range fuzzRandomInputs {
		data := make([]byte, 16+rng.IntN(400))
		for i := range data {
			data[i] = byte(rng.Uint32())
		}
		out := h.check(data)
		n++
		switch {
		case out.skipped:
			skipped++
			if testing.Verbose() {
				_, err := h.load(out.src)
				t.Logf("skipped: %v\n%s", err, dump(out.src))
			}
		case out.race > 0:
			race++
		}
		if out.contract > 0 {
			contract++
		}
		if out.cascades > 0 {
			cascades++
		}
		if len(reportProblems(t, out)) > 0 {
			knownHits++
		}
	}
	t.Logf("%d random inputs: %d skipped, %d with a race fix, %d with a contract fix, "+
		"%d with fixes for other methods in a second round, %d known bugs",
		n, skipped, race, contract, cascades, knownHits)

	// The generator must make packages that type-check and draw fixes,
	// or the properties above are checked on too little.
	if skipped*20 > n || race*10 < n || contract*20 < n {
		t.Errorf("the generator is off: want under 5%% skipped, 10%% with a race fix " +
			"and 5%% with a contract fix")
	}
}

// fuzzRandomInputs is how many pseudo-random inputs TestFuzzSeeds checks.
const fuzzRandomInputs = 400

// A knownBug is a bug the fuzz test found that is not fixed yet: the
// classes of problem it causes, the shape of generated packages that
// show it, and a minimal package that reproduces it.
type knownBug struct {
	name    string
	classes []string
	shape   *regexp.Regexp
	msg     *regexp.Regexp // what the problem says, if it must say more than its class
	repro   string         // a.go of the reproducer
	runs    int            // how often to run the reproducer: more if it is flaky
}

// knownBugs lists the bugs found by fuzzing that remain to be fixed.
var knownBugs = []knownBug{}

// known returns the known bug that explains problem p of out, if any.
func known(out *outcome, p problem) *knownBug {
	src := dump(out.src)
	for i := range knownBugs {
		b := &knownBugs[i]
		if slices.Contains(b.classes, p.class) && b.shape.MatchString(src) &&
			(b.msg == nil || b.msg.MatchString(p.msg)) {
			return b
		}
	}
	return nil
}

// TestFuzzKnownBugs checks that each known bug still reproduces, so that
// the list shrinks as they are fixed; each reproducing bug is skipped.
func TestFuzzKnownBugs(t *testing.T) {
	h := newHarness()
	for _, b := range knownBugs {
		t.Run(b.name, func(t *testing.T) {
			var seen []string
			for range max(b.runs, 1) {
				out := h.checkSources(map[string][]byte{"a.go": []byte(b.repro)})
				if out.skipped {
					t.Fatalf("the reproducer does not type-check")
				}
				for _, p := range out.problems {
					if slices.Contains(b.classes, p.class) {
						seen = append(seen, p.class+": "+p.msg)
					}
				}
				if len(seen) > 0 {
					t.Skipf("known bug: %s\n%s", b.name, seen[0])
				}
			}
			t.Errorf("known bug %q no longer reproduces: drop it from knownBugs", b.name)
		})
	}
}
