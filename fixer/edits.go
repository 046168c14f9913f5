package fixer

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/token"
	"go/types"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// edits turns a plan into text edits: the new field and its import, a
// name for unnamed receivers, and the lock at the top of each method.
func (b *builder) edits(p *plan) ([]analysis.TextEdit, error) {
	var out []analysis.TextEdit
	if p.fresh {
		qual, imp, err := b.syncImport()
		if err != nil {
			return nil, err
		}
		e, err := b.addField(p.mutex, qual)
		if err != nil {
			return nil, err
		}
		out = append(out, e...)
		if imp != nil {
			out = append(out, *imp)
		}
	}
	for _, m := range p.methods {
		e, err := b.lockMethod(m, p)
		if err != nil {
			return nil, err
		}
		out = append(out, e...)
	}
	for _, m := range p.upgrade {
		entry, _ := b.pkg.lockedAtEntry(m, p.mutex)
		e, err := b.rewrite(m, []rawEditAt{
			{pos: entry.lock.Pos(), end: entry.lock.End(), text: "Lock"},
			{pos: entry.unlock.Pos(), end: entry.unlock.End(), text: "Unlock"},
		})
		if err != nil {
			return nil, err
		}
		out = append(out, e...)
	}
	return out, nil
}

// addField inserts the mutex as the first field of the struct.
func (b *builder) addField(name, qual string) ([]analysis.TextEdit, error) {
	gd := b.genDecl()
	fields := b.st.Fields
	typ := "Mutex"
	if qual != "" {
		typ = qual + ".Mutex"
	}
	at := fields.Opening + 1
	text := "\n" + name + " " + typ + "\n"
	tf := b.req.Fset.File(fields.Opening)
	if len(fields.List) > 0 && tf.Line(fields.List[0].Pos()) > tf.Line(fields.Opening) {
		// Above the first field, on a line of its own.
		at = b.lineStart(fields.List[0].Pos())
		text = name + " " + typ + "\n"
	}
	return b.rewrite(gd, []rawEditAt{{pos: at, text: text}})
}

// genDecl returns the declaration holding the struct's type spec.
func (b *builder) genDecl() *ast.GenDecl {
	for _, d := range b.sfile.Decls {
		if gd, ok := d.(*ast.GenDecl); ok {
			for _, s := range gd.Specs {
				if s == b.spec {
					return gd
				}
			}
		}
	}
	panic("type spec without declaration")
}

// lockMethod puts the lock and its deferred unlock at the top of m,
// naming the receiver first if it has no usable name.
func (b *builder) lockMethod(m *ast.FuncDecl, p *plan) ([]analysis.TextEdit, error) {
	var raw []rawEditAt
	recv := m.Recv.List[0]
	name := ""
	if len(recv.Names) > 0 && recv.Names[0].Name != "_" {
		name = recv.Names[0].Name
	} else {
		name = b.receiverName(m)
		if len(recv.Names) > 0 {
			id := recv.Names[0]
			raw = append(raw, rawEditAt{pos: id.Pos(), end: id.End(), text: name})
		} else {
			raw = append(raw, rawEditAt{pos: recv.Type.Pos(), text: name + " "})
		}
	}
	lock, unlock := p.calls(name, b)
	text := "\n" + lock + "\ndefer " + unlock + "\n"
	if len(m.Body.List) > 0 {
		text += "\n"
	}
	at := m.Body.Lbrace + 1
	if next, ok := b.lineEndsAfter(at); ok {
		// The brace ends its line (a comment may follow it): the lock
		// goes on lines of its own, indented as the body is, so that the
		// edit is a pure insertion that needs no formatting.
		indent := b.bodyIndent(m)
		lines := strings.Split(strings.TrimPrefix(text, "\n"), "\n")
		for i, l := range lines {
			if l != "" {
				lines[i] = indent + l
			}
		}
		at, text = next, strings.Join(lines, "\n")
	}
	raw = append(raw, rawEditAt{pos: at, text: text})
	return b.rewrite(m, raw)
}

// bodyIndent returns the indentation of m's body: that of its first
// statement, or one tab more than the func keyword's line.
func (b *builder) bodyIndent(m *ast.FuncDecl) string {
	if len(m.Body.List) > 0 {
		return b.indentOf(m.Body.List[0].Pos())
	}
	return b.indentOf(m.Pos()) + "\t"
}

// indentOf returns the spaces and tabs that start pos's line.
func (b *builder) indentOf(pos token.Pos) string {
	tf := b.req.Fset.File(pos)
	src, err := b.req.ReadFile(tf.Name())
	if err != nil {
		return "\t"
	}
	line := src[tf.Offset(b.lineStart(pos)):tf.Offset(pos)]
	return string(line[:len(line)-len(bytes.TrimLeft(line, " \t"))])
}

// lineEndsAfter reports whether the rest of pos's line holds only spaces
// or a comment, and returns the start of the next line if so.
func (b *builder) lineEndsAfter(pos token.Pos) (token.Pos, bool) {
	tf := b.req.Fset.File(pos)
	src, err := b.req.ReadFile(tf.Name())
	if err != nil {
		return pos, false
	}
	off := tf.Offset(pos)
	rest, _, found := bytes.Cut(src[off:], []byte("\n"))
	if !found {
		return pos, false
	}
	t := bytes.TrimSpace(rest)
	if len(t) > 0 && !bytes.HasPrefix(t, []byte("//")) {
		return pos, false
	}
	return tf.Pos(off + len(rest) + 1), true
}

// calls spells the lock and unlock calls on receiver recv.
func (p *plan) calls(recv string, b *builder) (string, string) {
	target := recv + "." + p.mutex
	if p.embed && embeddedLockPromoted(b.req) {
		target = recv
	}
	return target + ".Lock()", target + ".Unlock()"
}

// embeddedLockPromoted reports whether Lock on the type reaches an
// embedded sync mutex, so that recv.Lock() can be written.
func embeddedLockPromoted(req *Request) bool {
	obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(req.Type), true, req.Pkg, "Lock")
	fn, ok := obj.(*types.Func)
	return ok && fn.Pkg() != nil && fn.Pkg().Path() == "sync"
}

// receiverName picks a name for an unnamed receiver: the type's initial,
// or a longer name if that is taken inside the method.
func (b *builder) receiverName(m *ast.FuncDecl) string {
	base := strings.ToLower(b.req.Type.Obj().Name()[:1])
	for _, name := range []string{base, "recv", "self", "this"} {
		if !b.nameUsed(m, name) {
			return name
		}
	}
	return "recv_"
}

// nameUsed reports whether name is declared or used in m, so that a
// receiver of that name would shadow or be shadowed.
func (b *builder) nameUsed(m *ast.FuncDecl, name string) bool {
	used := false
	ast.Inspect(m, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && id.Name == name {
			used = true
		}
		return !used
	})
	return used
}

// A rawEditAt replaces the source from pos to end (or inserts at pos if
// end is not valid) with text.
type rawEditAt struct {
	pos, end token.Pos
	text     string
}

// rewrite applies raw edits within node, formats the node as gofmt
// would, and returns one edit covering only the lines that changed.
func (b *builder) rewrite(node ast.Node, raw []rawEditAt) ([]analysis.TextEdit, error) {
	fset := b.req.Fset
	tf := fset.File(node.Pos())
	src, err := b.req.ReadFile(tf.Name())
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %v", tf.Name(), err)
	}
	start, end := tf.Offset(node.Pos()), tf.Offset(node.End())
	if end > len(src) || start > end {
		return nil, fmt.Errorf("%s changed since it was parsed", tf.Name())
	}
	frag := src[start:end]

	// Apply the raw edits to the fragment, last first.
	sort.Slice(raw, func(i, j int) bool { return raw[i].pos > raw[j].pos })
	edited := append([]byte(nil), frag...)
	for _, r := range raw {
		from := tf.Offset(r.pos) - start
		to := from
		if r.end.IsValid() {
			to = tf.Offset(r.end) - start
		}
		edited = append(edited[:from], append([]byte(r.text), edited[to:]...)...)
	}

	// If the raw edits leave gofmt-clean code, they are the fix: the
	// smallest edits, which other fixes of the same lines can merge with.
	// Otherwise format, unless the original was not gofmt-clean either:
	// then the fix changes only what it must and leaves formatting to the
	// driver.
	formatted, ferr := format.Source(edited)
	if ferr == nil && bytes.Equal(formatted, edited) {
		out := make([]analysis.TextEdit, len(raw))
		for i, r := range raw {
			end := r.end
			if !end.IsValid() {
				end = r.pos
			}
			out[len(raw)-1-i] = analysis.TextEdit{Pos: r.pos, End: end, NewText: []byte(r.text)}
		}
		return out, nil
	}
	if clean, err := format.Source(frag); err == nil && bytes.Equal(clean, frag) {
		if ferr != nil {
			return nil, fmt.Errorf("the fix would not format: %v", ferr)
		}
		edited = formatted
	}
	from, to, text := changedLines(frag, edited)
	return []analysis.TextEdit{{
		Pos:     tf.Pos(start + from),
		End:     tf.Pos(start + to),
		NewText: text,
	}}, nil
}

// changedLines returns the byte range [from, to) of the lines of old that
// differ from new, and what replaces them.
func changedLines(old, new []byte) (from, to int, text []byte) {
	// Common prefix, in whole lines.
	n := 0
	for n < len(old) && n < len(new) && old[n] == new[n] {
		n++
	}
	from = bytes.LastIndexByte(old[:n], '\n') + 1
	// Common suffix, in whole lines, not overlapping the prefix.
	m := 0
	for m < len(old)-from && m < len(new)-from && old[len(old)-1-m] == new[len(new)-1-m] {
		m++
	}
	tail := old[len(old)-m:]
	if i := bytes.IndexByte(tail, '\n'); i >= 0 {
		m -= i + 1
	} else {
		m = 0
	}
	to = len(old) - m
	return from, to, append([]byte(nil), new[from:len(new)-m]...)
}

// lineStart returns the position of the first byte of pos's line.
func (b *builder) lineStart(pos token.Pos) token.Pos {
	tf := b.req.Fset.File(pos)
	return tf.LineStart(tf.Line(pos))
}

// syncImport returns the name by which the struct's file can refer to
// package sync, and the edit that imports it if the file does not yet.
func (b *builder) syncImport() (string, *analysis.TextEdit, error) {
	f := b.sfile
	for _, imp := range f.Imports {
		path, _ := strconv.Unquote(imp.Path.Value)
		if path != "sync" {
			continue
		}
		if imp.Name == nil {
			return "sync", nil, nil
		}
		switch imp.Name.Name {
		case "_":
			continue
		case ".":
			return "", nil, nil
		}
		return imp.Name.Name, nil, nil
	}
	name := "sync"
	for _, cand := range []string{"sync", "gosync", "stdsync"} {
		if !b.fileNameTaken(cand) {
			name = cand
			break
		}
		name = ""
	}
	if name == "" {
		file := shortFile(b.req.Fset.File(f.Pos()).Name())
		return "", nil, fmt.Errorf("%s has no free name under which to import sync", file)
	}
	e, err := b.importEdit(name)
	return name, &e, err
}

// fileNameTaken reports whether name is declared at package scope or by
// an import of the struct's file.
func (b *builder) fileNameTaken(name string) bool {
	if b.req.Pkg.Scope().Lookup(name) != nil {
		return true
	}
	for _, imp := range b.sfile.Imports {
		if imp.Name != nil && imp.Name.Name == name {
			return true
		}
		if imp.Name == nil {
			pkgName, ok := b.req.Info.Implicits[imp].(*types.PkgName)
			if ok && pkgName.Name() == name {
				return true
			}
		}
	}
	return false
}

// importEdit adds `name "sync"` (or just "sync") to the struct's file:
// into its first import block, in order among the standard library's
// paths, or as a new declaration after the package clause.
func (b *builder) importEdit(name string) (analysis.TextEdit, error) {
	f := b.sfile
	spec := strconv.Quote("sync")
	if name != "sync" {
		spec = name + " " + spec
	}
	var first *ast.GenDecl
	for _, d := range f.Decls {
		if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.IMPORT {
			first = gd
			break
		}
	}
	if first == nil {
		at := f.Name.End()
		return analysis.TextEdit{Pos: at, End: at, NewText: []byte("\n\nimport " + spec)}, nil
	}
	if !first.Lparen.IsValid() {
		// import "io" becomes a block.
		old := first.Specs[0].(*ast.ImportSpec)
		oldText := b.text(old.Pos(), old.End())
		specs := []string{oldText, spec}
		if sortsAfter(old, name) {
			specs[0], specs[1] = spec, oldText
		}
		text := "import (\n\t" + specs[0] + "\n\t" + specs[1] + "\n)"
		return analysis.TextEdit{Pos: first.Pos(), End: first.End(), NewText: []byte(text)}, nil
	}

	// Insert before the first standard-library path that sorts after
	// sync, in the first group of the block; else after its last
	// standard-library path; else at the top of the block.
	tf := b.req.Fset.File(first.Pos())
	var after *ast.ImportSpec
	for i, s := range first.Specs {
		is := s.(*ast.ImportSpec)
		if i > 0 && tf.Line(is.Pos()) > tf.Line(first.Specs[i-1].End())+1 {
			break // a blank line ends the group
		}
		if !isStdPath(importPath(is)) {
			continue
		}
		if sortsAfter(is, name) {
			at := b.lineStart(is.Pos())
			return analysis.TextEdit{Pos: at, End: at, NewText: []byte("\t" + spec + "\n")}, nil
		}
		after = is
	}
	if after != nil {
		at := tf.LineStart(tf.Line(after.End()) + 1)
		return analysis.TextEdit{Pos: at, End: at, NewText: []byte("\t" + spec + "\n")}, nil
	}
	at := first.Lparen + 1
	return analysis.TextEdit{Pos: at, End: at, NewText: []byte("\n\t" + spec)}, nil
}

// sortsAfter reports whether gofmt puts import s after the import of
// sync under name: by path, then by name, no name first.
func sortsAfter(s *ast.ImportSpec, name string) bool {
	if p := importPath(s); p != "sync" {
		return p > "sync"
	}
	own := ""
	if name != "sync" {
		own = name
	}
	other := ""
	if s.Name != nil {
		other = s.Name.Name
	}
	return other > own
}

func importPath(s *ast.ImportSpec) string {
	p, _ := strconv.Unquote(s.Path.Value)
	return p
}

// isStdPath reports whether path looks like a standard library path: no
// dot in its first element.
func isStdPath(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

// text returns the source between two positions.
func (b *builder) text(from, to token.Pos) string {
	tf := b.req.Fset.File(from)
	src, err := b.req.ReadFile(tf.Name())
	if err != nil {
		panic(err)
	}
	return string(src[tf.Offset(from):tf.Offset(to)])
}
