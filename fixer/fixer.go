// Package fixer builds the suggested fix for a type whose ReadAt or
// WriteAt methods mutate shared state without a lock: a mutex, reused
// from the type's fields or added to it, held for the whole of each
// method that touches that state.
//
// The fixer reports nothing itself. It returns the edits, or the reason
// why no correct fix can be made, for the analyzer to attach to its
// diagnostic.
package fixer

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// A Request describes a type and what its unsafe methods mutate.
type Request struct {
	Fset     *token.FileSet
	Files    []*ast.File
	Info     *types.Info
	Pkg      *types.Package
	ReadFile func(filename string) ([]byte, error)

	Type   *types.Named    // the receiver's base type
	Unsafe []*ast.FuncDecl // its ReadAt/WriteAt methods found unsafe
	Fields []string        // the receiver's fields they mutate, at the first level
	Global bool            // some mutation is of package-level state
}

// A Fix is either a set of edits with its message, or, if Edits is
// empty, the reason no fix is offered.
type Fix struct {
	Message string
	Edits   []analysis.TextEdit
	Reason  string
}

// Build computes the fix for req.
func Build(req *Request) (fix Fix) {
	defer func() {
		// A fixer failure must not lose the diagnostic: offer no fix.
		if r := recover(); r != nil {
			fix = Fix{Reason: fmt.Sprintf("internal error: %v", r)}
		}
	}()
	b := &builder{req: req}
	return b.build()
}

// builder holds the state of one Build call.
type builder struct {
	req   *Request
	pkg   *pkgIndex
	spec  *ast.TypeSpec
	st    *ast.StructType
	sfile *ast.File // the file declaring the struct
}

func (b *builder) build() Fix {
	req := b.req
	if req.Global {
		return Fix{Reason: "it mutates package-level state, which a mutex field cannot guard"}
	}
	b.pkg = indexPackage(req)
	name := req.Type.Obj().Name()

	// Step 1: the struct declaration must be ours to edit.
	b.spec, b.sfile = b.pkg.typeSpec(req.Type.Obj())
	if b.spec == nil {
		return Fix{Reason: fmt.Sprintf("%s is not declared in this package", name)}
	}
	st, ok := b.spec.Type.(*ast.StructType)
	if !ok {
		// type peBiobuf bio.Reader: the struct to add a field to is
		// another type's, often in another package.
		n, ok := types.Unalias(req.Info.TypeOf(b.spec.Type)).(*types.Named)
		if ok && n.Obj().Pkg() != nil {
			if _, isStruct := n.Underlying().(*types.Struct); isStruct && n.Obj().Pkg() != req.Pkg {
				return Fix{Reason: fmt.Sprintf("%s's struct is %s, declared in package %s",
					name, n.Obj().Name(), n.Obj().Pkg().Name())}
			}
		}
		return Fix{Reason: fmt.Sprintf("%s is not declared as a struct type", name)}
	}
	b.st = st
	if ast.IsGenerated(b.sfile) {
		return Fix{Reason: fmt.Sprintf("%s is declared in a generated file", name)}
	}

	// Step 2: which methods to lock, and with which mutex. A mutex must
	// never be copied: not by a value receiver, and, if the field is new,
	// not by any copy of the type's values.
	if reason := b.receiverProblem(); reason != "" {
		return Fix{Reason: reason}
	}
	plan, reason := b.plan()
	if reason != "" {
		return Fix{Reason: reason}
	}
	if plan.fresh {
		if reason := b.copyProblem(); reason != "" {
			return Fix{Reason: reason}
		}
	}
	for _, m := range append(append([]*ast.FuncDecl(nil), plan.methods...), plan.upgrade...) {
		if ast.IsGenerated(b.pkg.fileOf(m)) {
			return Fix{Reason: fmt.Sprintf("%s is in a generated file", methodName(req.Type, m))}
		}
	}

	// Step 3: the edits.
	edits, err := b.edits(plan)
	if err != nil {
		return Fix{Reason: err.Error()}
	}
	return Fix{Message: plan.message(req.Type), Edits: edits}
}

// A plan says which methods to lock and with which mutex field.
type plan struct {
	methods []*ast.FuncDecl // methods to lock on entry
	upgrade []*ast.FuncDecl // methods whose entry read lock becomes a write lock
	mutex   string          // field name, or "" to use the embedded mutex
	embed   bool            // the mutex is an embedded field: call recv.Lock()
	fresh   bool            // the field must be added
	rw      bool            // the mutex is a sync.RWMutex (always locked for writing)
}

func (p *plan) message(t *types.Named) string {
	all := append(append([]*ast.FuncDecl(nil), p.methods...), p.upgrade...)
	sortDecls(all)
	var names []string
	for _, m := range all {
		names = append(names, m.Name.Name)
	}
	where := list(names)
	if len(names) > 4 {
		where = strings.Join(names[:3], ", ") + fmt.Sprintf(" and %d other methods", len(names)-3)
	}
	if p.fresh {
		return fmt.Sprintf("Add a mutex to %s and hold it in %s", t.Obj().Name(), where)
	}
	return fmt.Sprintf("Hold %s in %s", p.lockName(), where)
}

// lockName spells the reused mutex for the fix message.
func (p *plan) lockName() string {
	if p.embed {
		return "the embedded " + p.mutex
	}
	return p.mutex
}

func list(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

func methodName(t *types.Named, d *ast.FuncDecl) string {
	recv := d.Recv.List[0].Type
	if _, ok := recv.(*ast.StarExpr); ok {
		return "(*" + t.Obj().Name() + ")." + d.Name.Name
	}
	return t.Obj().Name() + "." + d.Name.Name
}

func sortDecls(ds []*ast.FuncDecl) {
	sort.Slice(ds, func(i, j int) bool { return ds[i].Pos() < ds[j].Pos() })
}
