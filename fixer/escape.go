package fixer

import (
	"go/ast"
	"go/types"
)

// Values of the type handed to code that cannot be followed
//
// A method that passes its receiver to io.NewSectionReader, stores it in
// an interface or sends it on a channel lets other code call any method
// of the type: the section reader calls ReadAt, io.Copy looks for
// WriteTo, fmt for String. If that method holds the lock the fix adds
// or reuses, and the method called locks it too, the fix deadlocks. The
// index marks such functions, and the deadlock checks take them to reach
// every method of the type.

// escapes reports whether fd's body hands a value of the type (or a
// pointer to it) to a call, a composite literal, a channel or a variable
// or result of interface type, where other code may call its methods.
func (x *pkgIndex) escapes(fd *ast.FuncDecl) bool {
	if fd.Body == nil {
		return false
	}
	info := x.req.Info
	found := false
	var stack []ast.Node
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return false
		}
		if found {
			return false
		}
		if e, ok := n.(ast.Expr); ok && len(stack) > 0 {
			if tv, ok := info.Types[e]; ok && tv.IsValue() && x.isOurs(tv.Type) &&
				x.handedOff(e, stack[len(stack)-1]) {
				found = true
				return false
			}
		}
		stack = append(stack, n)
		return true
	})
	return found
}

// handedOff reports whether e, a value of the type, leaves the code the
// index follows through its parent node.
func (x *pkgIndex) handedOff(e ast.Expr, parent ast.Node) bool {
	info := x.req.Info
	switch p := parent.(type) {
	case *ast.CallExpr:
		if p.Fun == e {
			return false
		}
		// An argument: safe only if the parameter has the type itself,
		// in a function whose body the index sees.
		return !x.ownParam(p, e)
	case *ast.CompositeLit, *ast.SendStmt:
		return true
	case *ast.KeyValueExpr:
		return p.Value == e
	case *ast.AssignStmt:
		for i, r := range p.Rhs {
			if r == e && i < len(p.Lhs) && len(p.Lhs) == len(p.Rhs) {
				return isInterface(info.TypeOf(p.Lhs[i]))
			}
		}
	case *ast.ValueSpec:
		return p.Type != nil && isInterface(info.TypeOf(p.Type))
	case *ast.ReturnStmt:
		return true
	}
	return false
}

// ownParam reports whether e, an argument of call, is passed to a
// parameter of the type's own (pointer) type of a function declared in
// this package, whose uses the index sees.
func (x *pkgIndex) ownParam(call *ast.CallExpr, e ast.Expr) bool {
	info := x.req.Info
	var obj types.Object
	shift := 0 // 1 for a method expression, whose first argument is the receiver
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		obj = info.Uses[f]
	case *ast.SelectorExpr:
		obj = info.Uses[f.Sel]
		if sel := info.Selections[f]; sel != nil && sel.Kind() == types.MethodExpr {
			shift = 1
		}
	}
	fn, ok := obj.(*types.Func)
	if !ok {
		return false
	}
	if _, ok := x.decls[fn.Origin()]; !ok {
		return false
	}
	sig := fn.Signature()
	for i, a := range call.Args {
		if a != e {
			continue
		}
		if i < shift {
			return x.isOurs(sig.Recv().Type())
		}
		i -= shift
		if sig.Variadic() && i >= sig.Params().Len()-1 {
			return false
		}
		return i < sig.Params().Len() && x.isOurs(sig.Params().At(i).Type())
	}
	return false
}

func isInterface(t types.Type) bool { return t != nil && types.IsInterface(t) }

// selfRefFields returns the fields of the type that some assignment in
// the package sets to an expression holding a value of the type, or a
// method value of it, other than as the base of a selection.
func (x *pkgIndex) selfRefFields() map[string]bool {
	out := make(map[string]bool)
	st, ok := x.req.Type.Underlying().(*types.Struct)
	if !ok {
		return out
	}
	for _, f := range x.req.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			as, ok := n.(*ast.AssignStmt)
			if !ok || len(as.Lhs) != len(as.Rhs) {
				return true
			}
			for i, l := range as.Lhs {
				sel, ok := ast.Unparen(l).(*ast.SelectorExpr)
				if !ok {
					continue
				}
				s := x.req.Info.Selections[sel]
				if s == nil || s.Kind() != types.FieldVal || !x.isOurs(s.Recv()) ||
					len(s.Index()) != 1 || s.Index()[0] >= st.NumFields() {
					continue
				}
				if x.holdsSelf(as.Rhs[i]) {
					out[st.Field(s.Index()[0]).Name()] = true
				}
			}
			return true
		})
	}
	return out
}

// holdsSelf reports whether e contains a value of the type, or a method
// value of it, other than as the base of a selection or a call.
func (x *pkgIndex) holdsSelf(e ast.Expr) bool {
	info := x.req.Info
	found := false
	var stack []ast.Node
	ast.Inspect(e, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return false
		}
		if found {
			return false
		}
		var parent ast.Node
		if len(stack) > 0 {
			parent = stack[len(stack)-1]
		}
		if ex, ok := n.(ast.Expr); ok {
			if sel, ok := parent.(*ast.SelectorExpr); ok && sel.X == ex {
				stack = append(stack, n)
				return true // a selection from the value, not the value
			}
			if sel, ok := ex.(*ast.SelectorExpr); ok {
				s := info.Selections[sel]
				call, called := parent.(*ast.CallExpr)
				if s != nil && s.Kind() == types.MethodVal && x.isOurs(s.Recv()) &&
					(!called || call.Fun != ex) {
					found = true
					return false
				}
			}
			if tv, ok := info.Types[ex]; ok && tv.IsValue() && x.isOurs(tv.Type) {
				found = true
				return false
			}
		}
		stack = append(stack, n)
		return true
	})
	return found
}

// selectsSelfRef returns a field that refers back to the value and that
// fd selects, or "".
func (x *pkgIndex) selectsSelfRef(fd *ast.FuncDecl) string {
	for f := range x.info[fd].fields {
		if x.selfRef[f] {
			return f
		}
	}
	return ""
}

// reachCalls is reach, with a function that hands a value of the type
// away, or calls through a field that refers back to it, taken to reach
// every method of the type.
func (x *pkgIndex) reachCalls(fd *ast.FuncDecl,
	stop func(*ast.FuncDecl) bool) map[*ast.FuncDecl]bool {

	seen := x.reach(fd, stop)
	handsOff := x.info[fd].escapes || x.selectsSelfRef(fd) != ""
	for c := range seen {
		if !stop(c) && (x.info[c].escapes || x.selectsSelfRef(c) != "") {
			handsOff = true
		}
	}
	if !handsOff {
		return seen
	}
	for _, m := range x.methods {
		if seen[m] {
			continue
		}
		seen[m] = true
		if stop(m) {
			continue
		}
		for c := range x.reach(m, stop) {
			seen[c] = true
		}
	}
	return seen
}
