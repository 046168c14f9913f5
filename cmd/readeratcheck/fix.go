package main

import (
	"bytes"
	"cmp"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/readeratcheck/readeratcheck/cmd/readeratcheck/internal/atomicfile"
	"github.com/readeratcheck/readeratcheck/cmd/readeratcheck/internal/udiff"
)

// fileEdit is one replacement in one file, in byte offsets of the file as
// the analyzer saw it.
type fileEdit struct {
	tf         *token.File
	start, end int
	text       string
}

// same reports whether e and f make the very same change.
func (e fileEdit) same(f fileEdit) bool {
	return e.tf.Name() == f.tf.Name() && e.start == f.start && e.end == f.end && e.text == f.text
}

// overlaps reports whether e and f replace overlapping bytes. Insertions
// at one offset do not overlap, nor does an insertion overlap a
// replacement that starts or ends where it inserts.
func (e fileEdit) overlaps(f fileEdit) bool {
	return e.tf.Name() == f.tf.Name() && e.start < f.end && f.start < e.end
}

// candidate is the first suggested fix of a diagnostic.
type candidate struct {
	where   string     // the diagnostic's position, for messages
	message string     // the fix's message
	edits   []fileEdit // in the order of the fix, which the checker sorted
}

// files returns the names of the files c edits, each once, sorted.
func (c *candidate) files() []string {
	var names []string
	for _, e := range c.edits {
		names = append(names, e.tf.Name())
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// key identifies the change c makes: candidates with equal keys change
// the same files in the same way, as a fix seen in both p and p [p.test].
func (c *candidate) key() string {
	var b strings.Builder
	for _, e := range c.edits {
		fmt.Fprintf(&b, "%s\x00%d\x00%d\x00%s\x00", e.tf.Name(), e.start, e.end, e.text)
	}
	return b.String()
}

// drop is a candidate left out, and why.
type drop struct {
	c      *candidate
	reason string
}

// fixer applies the fixes of one analysis outcome.
type fixer struct {
	d   *driver
	out *outcome
	src *sources

	generated map[string]bool // whether each Go file read so far is generated
}

// runFix analyzes the packages and applies the first fix of each
// diagnostic, or prints the fixes as a diff when asked. It returns the
// exit code: 1 on any error or dropped fix, else 3 when findings without
// a fix remain for the user to settle, else 0.
func (d *driver) runFix(patterns []string, diff bool) int {
	out, err := d.analyze(patterns)
	if err != nil {
		fmt.Fprintf(d.stderr, "%s: %v\n", d.analyzer.Name, err)
		return 1
	}
	d.printProblems(out)
	f := &fixer{d: d, out: out, src: newSources(out.fset), generated: make(map[string]bool)}

	// Choose the fixes, say which were left out and which findings have
	// no fix at all.
	cands, unfixed := f.collect()
	for _, line := range unfixed {
		if strings.Contains(line, "; no fix: ") {
			// The message says why already.
			fmt.Fprintln(d.stderr, line)
		} else {
			fmt.Fprintf(d.stderr, "%s (no fix offered)\n", line)
		}
	}
	cands, drops := f.screen(cands)
	files, applied, more := f.plan(cands)
	drops = append(drops, more...)
	for _, dr := range drops {
		fmt.Fprintf(d.stderr, "%s: %s: fix %q not applied: %s\n",
			d.analyzer.Name, dr.c.where, dr.c.message, dr.reason)
	}

	// Show or write the result.
	ok := len(out.problems) == 0 && len(drops) == 0
	code := exitCode(ok)
	if ok && len(unfixed) > 0 {
		code = 3
	}
	if diff {
		f.printDiff(files)
		return code
	}
	if err := f.write(files); err != nil {
		fmt.Fprintf(d.stderr, "%s: %v\n", d.analyzer.Name, err)
		return 1
	}
	if len(applied) > 0 {
		fmt.Fprintf(d.stderr, "%s: applied %s, updated %s\n",
			d.analyzer.Name, plural(len(applied), "fix"), plural(len(files), "file"))
	}
	return code
}

// exitCode returns 0 for success and 1 for failure.
func exitCode(ok bool) int {
	if ok {
		return 0
	}
	return 1
}

// collect returns the first fix of each diagnostic, ordered by the
// diagnostic's position, with fixes that make the same change kept once.
// It also returns the diagnostics that offer no fix, one line each.
func (f *fixer) collect() (cands []*candidate, unfixed []string) {
	// Order the diagnostics by position, then message.
	type item struct {
		posn token.Position
		diag analysis.Diagnostic
	}
	var items []item
	for _, act := range f.out.actions {
		for _, diag := range act.Diagnostics {
			items = append(items, item{f.out.fset.PositionFor(diag.Pos, false), diag})
		}
	}
	slices.SortStableFunc(items, func(x, y item) int {
		return cmp.Or(cmp.Compare(x.posn.Filename, y.posn.Filename),
			cmp.Compare(x.posn.Offset, y.posn.Offset),
			cmp.Compare(x.diag.Message, y.diag.Message))
	})

	// A finding may come twice, from a package and from its test
	// variant, with a fix in one and none in the other (the tests call a
	// helper the fix leaves unlocked, say): the fix settles it.
	hasFix := make(map[string]bool)
	for _, it := range items {
		if len(it.diag.SuggestedFixes) > 0 {
			hasFix[f.where(it.posn)+" "+it.diag.Category] = true
		}
	}

	// Keep one of each fix, and one line for each finding without one.
	seen := make(map[string]bool)
	for _, it := range items {
		where := f.where(it.posn)
		if len(it.diag.SuggestedFixes) == 0 {
			if hasFix[where+" "+it.diag.Category] {
				continue
			}
			line := where + ": " + it.diag.Message
			if !seen[line] {
				seen[line] = true
				unfixed = append(unfixed, line)
			}
			continue
		}
		c := f.candidate(where, it.diag.SuggestedFixes[0])
		if k := c.key(); !seen[k] {
			seen[k] = true
			cands = append(cands, c)
		}
	}
	return cands, unfixed
}

// where formats posn for messages, relative to the driver's directory.
func (f *fixer) where(posn token.Position) string {
	if !posn.IsValid() {
		return "-"
	}
	return fmt.Sprintf("%s:%d:%d", f.d.relPath(posn.Filename), posn.Line, posn.Column)
}

// candidate converts fix, of the diagnostic at where, to file offsets,
// sorted by file name and offset. The checker has validated the fix:
// every edit lies within one file and has an end.
func (f *fixer) candidate(where string, fix analysis.SuggestedFix) *candidate {
	c := &candidate{where: where, message: fix.Message}
	for _, te := range fix.TextEdits {
		tf := f.out.fset.File(te.Pos)
		c.edits = append(c.edits, fileEdit{
			tf:    tf,
			start: tf.Offset(te.Pos),
			end:   tf.Offset(te.End),
			text:  string(te.NewText),
		})
	}

	// The checker sorted the edits by token.Pos, which orders files as
	// they happened to be parsed; file names give one order every time.
	// The sort is stable to keep insertions at one offset in order.
	slices.SortStableFunc(c.edits, func(x, y fileEdit) int {
		return cmp.Or(cmp.Compare(x.tf.Name(), y.tf.Name()),
			cmp.Compare(x.start, y.start), cmp.Compare(x.end, y.end))
	})
	return c
}

// screen returns the candidates that may be applied on their own and
// drops the others: those that touch a file that cannot be read or has
// changed, a file of a package with errors, or a generated file, and
// those whose result would not parse.
func (f *fixer) screen(cands []*candidate) (kept []*candidate, drops []drop) {
	for _, c := range cands {
		if reason := f.refusal(c); reason != "" {
			drops = append(drops, drop{c, reason})
			continue
		}
		kept = append(kept, c)
	}
	return kept, drops
}

// refusal returns why c may not be applied on its own, or "".
func (f *fixer) refusal(c *candidate) string {
	for _, e := range c.edits {
		name := e.tf.Name()
		data, err := f.src.read(e.tf)
		if err != nil {
			return fmt.Sprintf("%s: %v", f.d.relPath(name), err)
		}
		if id, ok := f.out.broken[name]; ok {
			return fmt.Sprintf("%s belongs to package %s, which has errors",
				f.d.relPath(name), id)
		}
		if f.isGenerated(name, data) {
			return fmt.Sprintf("%s is generated", f.d.relPath(name))
		}
	}

	// Each file must still parse with only this fix applied.
	for _, name := range c.files() {
		var edits []fileEdit
		for _, e := range c.edits {
			if e.tf.Name() == name {
				edits = append(edits, e)
			}
		}
		if _, err := finish(name, apply(f.src.content[name], edits)); err != nil {
			return fmt.Sprintf("fixed %s would not parse: %v", f.d.relPath(name), err)
		}
	}
	return ""
}

// isGenerated reports whether the Go file name, with content data, bears
// the comment that marks generated code.
func (f *fixer) isGenerated(name string, data []byte) bool {
	if !strings.HasSuffix(name, ".go") {
		return false
	}
	gen, ok := f.generated[name]
	if !ok {
		file, err := parser.ParseFile(token.NewFileSet(), name, data,
			parser.PackageClauseOnly|parser.ParseComments)
		gen = err == nil && ast.IsGenerated(file)
		f.generated[name] = gen
	}
	return gen
}

// plan merges the candidates in order: a candidate any of whose edits
// overlaps an edit already taken is dropped whole, and an edit already
// taken is not taken twice. It returns the new content of each changed
// file, formatted, and the candidates applied and dropped.
//
// The candidates parse one by one, but not necessarily together; when
// the merged content of a file does not parse, every candidate touching
// it is dropped and the merge starts over without them.
func (f *fixer) plan(cands []*candidate) (map[string][]byte, []*candidate, []drop) {
	var drops []drop
	for {
		edits, applied, conflicts := merge(cands)
		files, bad := f.render(edits)
		if len(bad) == 0 {
			return files, applied, append(drops, conflicts...)
		}

		// Start over without the candidates touching a file that failed.
		var kept []*candidate
		for _, c := range cands {
			if reason := badFile(c, bad); reason != "" {
				drops = append(drops, drop{c, reason})
			} else {
				kept = append(kept, c)
			}
		}
		cands = kept
	}
}

// badFile returns the error of the first file c touches that is in bad,
// or "".
func badFile(c *candidate, bad map[string]error) string {
	for _, name := range c.files() {
		if err, ok := bad[name]; ok {
			return fmt.Sprintf("together with other fixes: %v", err)
		}
	}
	return ""
}

// merge takes the candidates in order and returns the edits taken, by
// file and in the order taken, with the candidates applied and those
// dropped for conflicts.
func merge(cands []*candidate) (map[string][]fileEdit, []*candidate, []drop) {
	taken := make(map[string][]fileEdit)
	owner := make(map[string][]*candidate) // parallel to taken
	var applied []*candidate
	var drops []drop

next:
	for _, c := range cands {
		var fresh []fileEdit
		for _, e := range c.edits {
			name := e.tf.Name()
			dup := false
			for i, t := range taken[name] {
				if t.same(e) {
					dup = true
					break
				}
				if t.overlaps(e) {
					reason := "conflicts with the fix of " + owner[name][i].where
					drops = append(drops, drop{c, reason})
					continue next
				}
			}
			if !dup {
				fresh = append(fresh, e)
			}
		}
		for _, e := range fresh {
			taken[e.tf.Name()] = append(taken[e.tf.Name()], e)
			owner[e.tf.Name()] = append(owner[e.tf.Name()], c)
		}
		applied = append(applied, c)
	}
	return taken, applied, drops
}

// render applies the edits to each file and formats the Go files. It
// returns the new contents of the files that change and the errors of
// those whose result does not parse.
func (f *fixer) render(edits map[string][]fileEdit) (map[string][]byte, map[string]error) {
	files := make(map[string][]byte)
	bad := make(map[string]error)
	for name, es := range edits {
		before := f.src.content[name]
		after, err := finish(name, apply(before, es))
		if err != nil {
			bad[name] = fmt.Errorf("fixed %s would not parse: %v", f.d.relPath(name), err)
			continue
		}
		if !bytes.Equal(before, after) {
			files[name] = after
		}
	}
	return files, bad
}

// apply returns data with the edits made. The edits do not overlap;
// insertions at one offset go in the order given, before a replacement
// that starts there.
func apply(data []byte, edits []fileEdit) []byte {
	sorted := slices.Clone(edits)
	slices.SortStableFunc(sorted, func(x, y fileEdit) int {
		return cmp.Or(cmp.Compare(x.start, y.start), cmp.Compare(x.end, y.end))
	})
	var b bytes.Buffer
	at := 0
	for _, e := range sorted {
		b.Write(data[at:e.start])
		b.WriteString(e.text)
		at = e.end
	}
	b.Write(data[at:])
	return b.Bytes()
}

// finish formats data, the new content of the file name, with gofmt's
// rules when it is a Go file. It fails when a Go file does not parse.
func finish(name string, data []byte) ([]byte, error) {
	if !strings.HasSuffix(name, ".go") {
		return data, nil
	}
	return format.Source(data)
}

// printDiff prints the change to each file as a unified diff, with paths
// relative to the driver's directory so that patch -p1 can apply it.
func (f *fixer) printDiff(files map[string][]byte) {
	for _, name := range sortedKeys(files) {
		oldName, newName := name, name
		if rel := f.d.relPath(name); rel != name {
			oldName, newName = "a/"+rel, "b/"+rel
		}
		fmt.Fprint(f.d.stdout, udiff.Unified(oldName, newName,
			string(f.src.content[name]), string(files[name])))
	}
}

// prepare is atomicfile.Prepare; tests replace it to make a write fail.
var prepare = atomicfile.Prepare

// write replaces the files with their new content, each atomically, and
// all or none of them as far as possible: every new content is first
// written beside its file, and only when all are ready are they renamed
// over the originals. A file changed on disk since it was loaded stops
// the whole write.
func (f *fixer) write(files map[string][]byte) error {
	var ready []*atomicfile.Pending
	abort := func() {
		for _, p := range ready {
			p.Abort()
		}
	}
	for _, name := range sortedKeys(files) {
		if err := f.unchanged(name); err != nil {
			abort()
			return fmt.Errorf("%v; no file written", err)
		}
		p, err := prepare(name, files[name])
		if err != nil {
			abort()
			return fmt.Errorf("%v; no file written", err)
		}
		ready = append(ready, p)
	}

	// Renames do not fail for want of space; should one fail all the
	// same, the others still go ahead, as each leaves a whole file.
	var errs []string
	for _, p := range ready {
		if err := p.Commit(); err != nil {
			errs = append(errs, err.Error())
		}
	}
	if errs != nil {
		return fmt.Errorf("%s", strings.Join(errs, "; "))
	}
	return nil
}

// unchanged returns an error when the file name no longer has the content
// the analyzer saw.
func (f *fixer) unchanged(name string) error {
	now, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	if !bytes.Equal(now, f.src.content[name]) {
		return fmt.Errorf("%s changed since it was loaded", f.d.relPath(name))
	}
	return nil
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
