package readeratcheck

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
)

// A candidate is a method with the exact signature of io.ReaderAt's
// ReadAt or io.WriterAt's WriteAt, declared with a body in the package.
type candidate struct {
	decl  *ast.FuncDecl
	obj   *types.Func
	named *types.Named // the receiver's base type
	ptr   bool         // pointer receiver
	file  *ast.File

	// private lists the calls of a method of an unexported type that
	// the package alone uses, by direct calls; nil for the others.
	private *privateUse
}

// writer reports whether the candidate is a WriteAt method.
func (c *candidate) writer() bool { return c.obj.Name() == "WriteAt" }

// iface names the interface whose contract the candidate must keep.
func (c *candidate) iface() string {
	if c.writer() {
		return "io.WriterAt"
	}
	return "io.ReaderAt"
}

// recvName returns the receiver's name as written, or "" if it has none.
func (c *candidate) recvName() string {
	if names := c.decl.Recv.List[0].Names; len(names) > 0 && names[0].Name != "_" {
		return names[0].Name
	}
	return ""
}

// displayName spells the method as diagnostics do: "(*Blob).ReadAt".
func (c *candidate) displayName() string {
	name := c.named.Obj().Name()
	if c.ptr {
		return "(*" + name + ")." + c.obj.Name()
	}
	return name + "." + c.obj.Name()
}

// findCandidates walks the package's declarations for candidate methods.
// It looks at syntax and types only: most packages have none, and must
// cost nothing more.
func findCandidates(pass *analysis.Pass) []*candidate {
	var out []*candidate
	for _, file := range pass.Files {
		for _, decl := range file.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Recv == nil || fd.Body == nil || len(fd.Recv.List) != 1 {
				continue
			}
			if fd.Name.Name != "ReadAt" && fd.Name.Name != "WriteAt" {
				continue
			}
			obj, _ := pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if obj == nil || !isAtSignature(obj.Signature()) {
				continue
			}
			named, ptr := receiverNamed(obj.Signature().Recv().Type())
			if named == nil {
				continue
			}
			out = append(out, &candidate{decl: fd, obj: obj, named: named, ptr: ptr, file: file})
		}
	}
	return out
}

// receiverNamed returns the named type of a receiver type T or *T.
func receiverNamed(t types.Type) (*types.Named, bool) {
	ptr := false
	if p, ok := t.(*types.Pointer); ok {
		t, ptr = p.Elem(), true
	}
	n, _ := types.Unalias(t).(*types.Named)
	return n, ptr
}
