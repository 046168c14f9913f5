package readeratcheck

import (
	"go/ast"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// directivePrefix starts a comment that suppresses the diagnostics of the
// method it is attached to. A reason must follow.
const directivePrefix = "//readeratcheck:ignore"

// A directive is one //readeratcheck:ignore comment.
type directive struct {
	comment *ast.Comment
	reason  string
	decl    *ast.FuncDecl // the method it is attached to, if any
	used    bool
}

// directives holds the suppression directives of a package.
type directives struct {
	list []*directive
}

// parseDirectives finds the directives of the package and the method
// declarations they are attached to: as part of the doc comment, or on
// the line of the func keyword.
func parseDirectives(pass *analysis.Pass) *directives {
	ds := &directives{}
	for _, file := range pass.Files {
		var found []*directive
		for _, cg := range file.Comments {
			for _, c := range cg.List {
				if rest, ok := strings.CutPrefix(c.Text, directivePrefix); ok {
					if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
						continue // another word, such as ignored
					}
					found = append(found, &directive{comment: c, reason: strings.TrimSpace(rest)})
				}
			}
		}
		if len(found) == 0 {
			continue
		}
		for _, d := range found {
			d.decl = attachedDecl(pass.Fset, file, d.comment)
		}
		ds.list = append(ds.list, found...)
	}
	return ds
}

// attachedDecl returns the function declaration a directive comment
// belongs to, or nil.
func attachedDecl(fset *token.FileSet, file *ast.File, c *ast.Comment) *ast.FuncDecl {
	line := fset.Position(c.Pos()).Line
	for _, decl := range file.Decls {
		fd, ok := decl.(*ast.FuncDecl)
		if !ok {
			continue
		}
		if fd.Doc != nil && fd.Doc.Pos() <= c.Pos() && c.End() <= fd.Doc.End() {
			return fd
		}
		if fset.Position(fd.Pos()).Line == line {
			return fd
		}
	}
	return nil
}

// suppressed reports whether a directive with a reason suppresses the
// diagnostics of decl, and marks it used.
func (ds *directives) suppressed(pass *analysis.Pass, decl *ast.FuncDecl) bool {
	for _, d := range ds.list {
		if d.decl == decl && d.reason != "" {
			d.used = true
			return true
		}
	}
	return false
}

// reportUnused reports directives without a reason, and those that
// suppressed nothing. The latter can only be known when every check ran.
func (ds *directives) reportUnused(pass *analysis.Pass) {
	for _, d := range ds.list {
		switch {
		case d.reason == "":
			pass.Report(analysis.Diagnostic{
				Pos:      d.comment.Pos(),
				End:      d.comment.End(),
				Category: "directive",
				Message:  "readeratcheck:ignore directive needs a reason after it",
			})
		case !d.used && checkRace && checkContract:
			pass.Report(analysis.Diagnostic{
				Pos:      d.comment.Pos(),
				End:      d.comment.End(),
				Category: "directive",
				Message:  "readeratcheck:ignore directive suppresses nothing",
			})
		}
	}
}
