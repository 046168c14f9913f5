package readeratcheck

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"
)

// readFullFix returns a fix that reads the whole buffer with io.ReadFull
// in place of a single x.Read(buf), mapping io.ErrUnexpectedEOF to
// io.EOF as io.ReaderAt callers expect; nil when the edit would not be
// mechanical.
//
// Two shapes qualify, each a statement of its own line outside any loop:
// "return x.Read(buf)", which becomes a read into fresh variables (or the
// named results) and a return of them, and "n, err := x.Read(buf)" (or
// "="), whose call is replaced and which is followed by the mapping.
func readFullFix(pass *analysis.Pass, c *candidate, call *ssa.Call) *analysis.SuggestedFix {
	// Step 1: the call as written, on a receiver that is an io.Reader.
	ce := callExprAt(c.decl, call.Pos())
	if ce == nil || len(ce.Args) != 1 || ce.Ellipsis.IsValid() {
		return nil
	}
	sel, ok := ce.Fun.(*ast.SelectorExpr)
	if !ok || !hasReadInMethodSet(pass, sel) {
		return nil
	}

	// Step 2: the statement holding it, alone on its line.
	stmt := fixableStmt(c, ce)
	if stmt == nil {
		return nil
	}
	src, indent, ok := lineOf(pass, stmt.Pos())
	if !ok {
		return nil
	}

	// Step 3: the name of package io here, and an import if needed.
	io, imp, ok := ioName(pass, c.file, stmt.Pos())
	if !ok {
		return nil
	}
	text := func(n ast.Node) string { return src(n.Pos(), n.End()) }
	readFull := fmt.Sprintf("%s.ReadFull(%s, %s)", io, text(sel.X), text(ce.Args[0]))
	mapEOF := func(errName string) string {
		return fmt.Sprintf("if %s == %s.ErrUnexpectedEOF {\n%s\t%s = %s.EOF\n%s}",
			errName, io, indent, errName, io, indent)
	}

	// Step 4: the edits.
	var edits []analysis.TextEdit
	switch s := stmt.(type) {
	case *ast.ReturnStmt:
		n, e, tok := resultNames(pass, c, s.Pos())
		edits = append(edits, analysis.TextEdit{
			Pos: s.Pos(),
			End: s.End(),
			NewText: []byte(fmt.Sprintf("%s, %s %s %s\n%s%s\n%sreturn %s, %s",
				n, e, tok, readFull, indent, mapEOF(e), indent, n, e)),
		})
	case *ast.AssignStmt:
		e := s.Lhs[1].(*ast.Ident).Name
		after := "\n" + indent + mapEOF(e)
		edits = append(edits,
			analysis.TextEdit{Pos: ce.Pos(), End: ce.End(), NewText: []byte(readFull)},
			analysis.TextEdit{Pos: s.End(), End: s.End(), NewText: []byte(after)})
	}
	if imp != nil {
		edits = append(edits, *imp)
	}
	return &analysis.SuggestedFix{
		Message:   "Read the whole buffer with io.ReadFull",
		TextEdits: edits,
	}
}

// hasReadInMethodSet reports whether sel is a method value x.Read whose
// receiver x, as typed, has Read in its method set, so that it can be
// passed as an io.Reader.
func hasReadInMethodSet(pass *analysis.Pass, sel *ast.SelectorExpr) bool {
	s := pass.TypesInfo.Selections[sel]
	if s == nil || s.Kind() != types.MethodVal || sel.Sel.Name != "Read" {
		return false
	}
	t := pass.TypesInfo.TypeOf(sel.X)
	return t != nil && types.NewMethodSet(t).Lookup(nil, "Read") != nil
}

// fixableStmt returns the statement holding call ce when it is "return
// ce" or "n, err := ce" (or "="), in a statement list, in no loop or
// function literal; nil otherwise.
func fixableStmt(c *candidate, ce *ast.CallExpr) ast.Stmt {
	path, _ := astutil.PathEnclosingInterval(c.file, ce.Pos(), ce.End())
	var stmt ast.Stmt
	for i, n := range path {
		switch n := n.(type) {
		case *ast.ForStmt, *ast.RangeStmt, *ast.FuncLit:
			return nil
		case *ast.ReturnStmt:
			if stmt == nil && len(n.Results) == 1 && n.Results[0] == ce && inStmtList(path, i) {
				stmt = n
			}
		case *ast.AssignStmt:
			if stmt == nil && len(n.Lhs) == 2 && len(n.Rhs) == 1 && n.Rhs[0] == ce &&
				assignsErr(n) && inStmtList(path, i) {
				stmt = n
			}
		}
		if n == c.decl {
			break
		}
	}
	return stmt
}

// assignsErr reports whether the second left-hand side of as is a named
// variable, not the blank identifier.
func assignsErr(as *ast.AssignStmt) bool {
	id, ok := as.Lhs[1].(*ast.Ident)
	return ok && id.Name != "_"
}

// inStmtList reports whether path[i] is a statement of a block or a case
// clause, where one statement can become several.
func inStmtList(path []ast.Node, i int) bool {
	if i+1 >= len(path) {
		return false
	}
	switch path[i+1].(type) {
	case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
		return true
	}
	return false
}

// lineOf returns a function giving the source text between two
// positions of the file holding pos, and the indentation of pos's line,
// provided pos is the first thing on it.
func lineOf(pass *analysis.Pass, pos token.Pos) (func(a, b token.Pos) string, string, bool) {
	tf := pass.Fset.File(pos)
	if tf == nil {
		return nil, "", false
	}
	content, err := pass.ReadFile(tf.Name())
	if err != nil || tf.Size() != len(content) {
		return nil, "", false
	}
	start := tf.Offset(tf.LineStart(tf.Line(pos)))
	indent := string(content[start:tf.Offset(pos)])
	if strings.TrimLeft(indent, " \t") != "" {
		return nil, "", false
	}
	src := func(a, b token.Pos) string { return string(content[tf.Offset(a):tf.Offset(b)]) }
	return src, indent, true
}

// resultNames returns the names to read into at pos and the assignment
// token: the method's named results when they are in scope there, or
// fresh variables otherwise.
func resultNames(pass *analysis.Pass, c *candidate, pos token.Pos) (n, err, tok string) {
	scope := pass.TypesInfo.Scopes[c.file].Innermost(pos)
	res := c.obj.Signature().Results()
	named := res.At(0).Name() != "" && res.At(0).Name() != "_" &&
		res.At(1).Name() != "" && res.At(1).Name() != "_"
	if named {
		_, o0 := scope.LookupParent(res.At(0).Name(), pos)
		_, o1 := scope.LookupParent(res.At(1).Name(), pos)
		if o0 == res.At(0) && o1 == res.At(1) {
			return res.At(0).Name(), res.At(1).Name(), "="
		}
	}
	return freeName(pass, scope, pos, "n"), freeName(pass, scope, pos, "err"), ":="
}

// freeName returns base, or base followed by a number, such that
// declaring it at pos in scope hides and clashes with nothing local.
func freeName(pass *analysis.Pass, scope *types.Scope, pos token.Pos, base string) string {
	for i := 0; ; i++ {
		name := base
		if i > 0 {
			name += strconv.Itoa(i)
		}
		if scope.Lookup(name) != nil {
			continue
		}
		_, obj := scope.LookupParent(name, pos)
		if obj == nil || obj.Parent() == pass.Pkg.Scope() || obj.Parent() == types.Universe {
			return name
		}
	}
}

// ioName returns the name package io goes by at pos in file, and
// an edit importing it when the file does not; ok is false when that
// name is taken by something else.
func ioName(pass *analysis.Pass, file *ast.File, pos token.Pos) (string, *analysis.TextEdit, bool) {
	scope := pass.TypesInfo.Scopes[file].Innermost(pos)
	for _, imp := range file.Imports {
		if path, _ := strconv.Unquote(imp.Path.Value); path != "io" {
			continue
		}
		name := "io"
		if imp.Name != nil {
			name = imp.Name.Name
		}
		if name == "_" || name == "." {
			continue
		}
		_, obj := scope.LookupParent(name, pos)
		if pn, ok := obj.(*types.PkgName); ok && pn.Imported().Path() == "io" {
			return name, nil, true
		}
		return "", nil, false
	}
	if _, obj := scope.LookupParent("io", pos); obj != nil {
		return "", nil, false
	}
	return "io", importEdit(pass.Fset, file), true
}

// importEdit returns an edit adding import "io" to file where gofmt
// would keep it: in sorted place in the first group of the first
// parenthesised import declaration, or as a declaration of its own.
func importEdit(fset *token.FileSet, file *ast.File) *analysis.TextEdit {
	insert := func(pos token.Pos, text string) *analysis.TextEdit {
		return &analysis.TextEdit{Pos: pos, End: pos, NewText: []byte(text)}
	}
	for _, decl := range file.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.IMPORT {
			continue
		}
		if !gd.Lparen.IsValid() {
			return insert(gd.End(), "\nimport \"io\"")
		}
		var last ast.Spec
		for _, spec := range gd.Specs {
			if last != nil && fset.Position(spec.Pos()).Line > fset.Position(last.End()).Line+1 {
				break // the first group ends at a blank line
			}
			if path, _ := strconv.Unquote(spec.(*ast.ImportSpec).Path.Value); path > "io" {
				return insert(spec.Pos(), "\"io\"\n\t")
			}
			last = spec
		}
		if last == nil {
			return insert(gd.Lparen+1, "\n\t\"io\"")
		}
		return insert(last.End(), "\n\t\"io\"")
	}
	return insert(file.Name.End(), "\n\nimport \"io\"")
}
