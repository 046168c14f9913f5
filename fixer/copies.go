package fixer

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
)

// receiverProblem returns why the type's methods cannot hold a mutex: a
// method with a value receiver would lock a copy. It returns "" if there
// is no such method.
func (b *builder) receiverProblem() string {
	name := b.req.Type.Obj().Name()
	for _, m := range b.pkg.methods {
		if _, ptr := m.Recv.List[0].Type.(*ast.StarExpr); !ptr {
			return fmt.Sprintf(
				"%s has methods with value receivers (%s), which would copy the mutex",
				name, m.Name.Name)
		}
	}
	return ""
}

// copyProblem returns why a new mutex field would be wrong for the type:
// a copy of a value of the type (or of a type that contains it) anywhere
// in the package, or a composite literal without field names, which a
// new field would break. It returns "" if there is none.
func (b *builder) copyProblem() string {
	name := b.req.Type.Obj().Name()
	holders := b.holders()
	for _, f := range b.req.Files {
		pos, what := b.findCopy(f, holders)
		if !pos.IsValid() {
			continue
		}
		p := b.req.Fset.Position(pos)
		if what == unkeyed {
			const msg = "the composite literal at %s:%d lists %s's fields without names, " +
				"which a new field would break"
			return fmt.Sprintf(msg, shortFile(p.Filename), p.Line, name)
		}
		return fmt.Sprintf("%s at %s:%d copies a %s value, and with it the mutex",
			what, shortFile(p.Filename), p.Line, name)
	}
	return ""
}

const unkeyed = "unkeyed"

// holders returns the types whose values hold a value of the type: the
// type itself and, transitively, the package's struct and array types
// that contain it by value.
func (b *builder) holders() map[types.Type]bool {
	out := map[types.Type]bool{b.req.Type.Origin(): true}
	scope := b.req.Pkg.Scope()
	for changed := true; changed; {
		changed = false
		for _, n := range scope.Names() {
			tn, ok := scope.Lookup(n).(*types.TypeName)
			if !ok || out[tn.Type()] {
				continue
			}
			if containsByValue(tn.Type().Underlying(), out) {
				out[tn.Type()] = true
				changed = true
			}
		}
	}
	return out
}

func containsByValue(t types.Type, holders map[types.Type]bool) bool {
	switch t := t.(type) {
	case *types.Struct:
		for f := range t.Fields() {
			if isHolder(f.Type(), holders) || containsByValue(f.Type().Underlying(), holders) {
				return true
			}
		}
	case *types.Array:
		return isHolder(t.Elem(), holders) || containsByValue(t.Elem().Underlying(), holders)
	}
	return false
}

// isHolder reports whether t is one of holders, generic instances
// included.
func isHolder(t types.Type, holders map[types.Type]bool) bool {
	t = types.Unalias(t)
	if n, ok := t.(*types.Named); ok {
		t = n.Origin()
	}
	return holders[t]
}

// findCopy returns the first place in f that copies a holder value, and
// what kind of place it is.
func (b *builder) findCopy(f *ast.File, holders map[types.Type]bool) (pos token.Pos, what string) {
	info := b.req.Info
	isCopy := func(e ast.Expr) bool {
		if e == nil {
			return false
		}
		tv, ok := info.Types[e]
		if !ok || tv.IsType() || !isHolder(tv.Type, holders) {
			return false
		}
		_, lit := ast.Unparen(e).(*ast.CompositeLit)
		return !lit
	}
	found := func(p token.Pos, w string) bool {
		if !pos.IsValid() {
			pos, what = p, w
		}
		return false
	}
	ast.Inspect(f, func(n ast.Node) bool {
		if pos.IsValid() {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncDecl:
			// A method with a value receiver of a type holding the
			// value copies it at each call.
			if n.Recv != nil && len(n.Recv.List) == 1 {
				if t := info.TypeOf(n.Recv.List[0].Type); t != nil && isHolder(t, holders) {
					return found(n.Recv.Pos(), "the value receiver of "+n.Name.Name)
				}
			}
		case *ast.FuncType:
			for _, fl := range []*ast.FieldList{n.Params, n.Results} {
				if fl == nil {
					continue
				}
				for _, fd := range fl.List {
					if t := info.TypeOf(fd.Type); t != nil && isHolder(t, holders) {
						return found(fd.Pos(), "a parameter or result")
					}
				}
			}
		case *ast.AssignStmt:
			for _, r := range n.Rhs {
				if isCopy(r) {
					return found(r.Pos(), "an assignment")
				}
			}
		case *ast.ValueSpec:
			for _, v := range n.Values {
				if isCopy(v) {
					return found(v.Pos(), "a declaration")
				}
			}
		case *ast.RangeStmt:
			if n.Value != nil {
				if t := info.TypeOf(n.Value); t != nil && isHolder(t, holders) {
					return found(n.Value.Pos(), "a range loop")
				}
			}
		case *ast.CallExpr:
			if tv, ok := info.Types[n.Fun]; ok && tv.IsType() {
				break // a conversion is checked where its result goes
			}
			for _, a := range n.Args {
				if isCopy(a) {
					return found(a.Pos(), "a call")
				}
			}
		case *ast.ReturnStmt:
			for _, r := range n.Results {
				if isCopy(r) {
					return found(r.Pos(), "a return")
				}
			}
		case *ast.SendStmt:
			if isCopy(n.Value) {
				return found(n.Value.Pos(), "a send")
			}
		case *ast.CompositeLit:
			if isHolder(info.TypeOf(n), holders) && len(n.Elts) > 0 {
				if _, keyed := n.Elts[0].(*ast.KeyValueExpr); !keyed {
					return found(n.Pos(), unkeyed)
				}
			}
			for _, e := range n.Elts {
				if kv, ok := e.(*ast.KeyValueExpr); ok {
					e = kv.Value
				}
				if isCopy(e) {
					return found(e.Pos(), "a composite literal")
				}
			}
		}
		return true
	})
	return pos, what
}

func shortFile(name string) string {
	for i := len(name) - 1; i >= 0; i-- {
		if name[i] == '/' || name[i] == '\\' {
			return name[i+1:]
		}
	}
	return name
}
