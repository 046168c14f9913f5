package fixer

import (
	"go/ast"
	"go/token"
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
	// Local variables set to something holding the value, for
	// "c := &cache{l: r}; r.cache = c".
	holders := make(map[types.Object]bool)
	for _, f := range x.req.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			if as, ok := n.(*ast.AssignStmt); ok && len(as.Lhs) == len(as.Rhs) {
				for i, l := range as.Lhs {
					id, ok := l.(*ast.Ident)
					if !ok || x.isOurs(x.req.Info.TypeOf(id)) {
						continue // the value itself, not something holding it
					}
					if x.holdsSelf(as.Rhs[i], holders) {
						if obj := x.req.Info.ObjectOf(id); obj != nil {
							holders[obj] = true
						}
					}
				}
			}
			return true
		})
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
				if x.holdsSelf(as.Rhs[i], holders) {
					out[st.Field(s.Index()[0]).Name()] = true
				}
			}
			return true
		})
	}
	return out
}

// holdsSelf reports whether e contains a value of the type, or a method
// value of it, other than as the base of a selection or a call; a
// function literal that uses the value in any way; or a local variable
// among holders.
func (x *pkgIndex) holdsSelf(e ast.Expr, holders map[types.Object]bool) bool {
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
		if lit, ok := n.(*ast.FuncLit); ok && x.usesSelf(lit) {
			found = true // a closure that calls back into the value later
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
			if id, ok := ex.(*ast.Ident); ok && holders[info.ObjectOf(id)] {
				found = true
				return false
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

// blocking reports whether fd waits on something another goroutine must
// do (a channel operation, a select, a Wait call), and which functions of
// this package it starts as goroutines.
func (x *pkgIndex) blocking(fd *ast.FuncDecl) (waits bool, spawns []*ast.FuncDecl) {
	if fd.Body == nil {
		return false, nil
	}
	info := x.req.Info
	// Waiting is receiving (a notification, a result) or a Wait call:
	// what another goroutine must do first. A send, as on a semaphore,
	// is not counted, nor what function literals do (a deferred release).
	own := x.ownLocals(fd)
	var inLit, inSelect int
	var walk func(n ast.Node) bool
	walk = func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			inLit++
			ast.Inspect(n.Body, walk)
			inLit--
			return false
		case *ast.SelectStmt:
			waits = waits || (inLit == 0 && !hasDefault(n) && receives(n))
			inSelect++
			ast.Inspect(n.Body, walk)
			inSelect--
			return false
		case *ast.UnaryExpr:
			if n.Op == token.ARROW && inLit == 0 && inSelect == 0 {
				waits = waits || !own(n.X)
			}
		case *ast.CallExpr:
			if sel, ok := n.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Wait" && inLit == 0 {
				waits = waits || !own(sel.X)
			}
		case *ast.GoStmt:
			// go x.m(), or go func() { ... x.m() ... }(): every function
			// of the package it names may run on that goroutine.
			ast.Inspect(n.Call, func(m ast.Node) bool {
				if id, ok := m.(*ast.Ident); ok {
					if obj, ok := info.Uses[id].(*types.Func); ok {
						if d, ok := x.decls[obj.Origin()]; ok {
							spawns = append(spawns, d)
						}
					}
				}
				return true
			})
		}
		return true
	}
	ast.Inspect(fd.Body, walk)
	return waits, spawns
}

// receives reports whether a select has a receiving case.
func receives(s *ast.SelectStmt) bool {
	for _, c := range s.Body.List {
		cc, ok := c.(*ast.CommClause)
		if !ok || cc.Comm == nil {
			continue
		}
		if _, send := cc.Comm.(*ast.SendStmt); !send {
			return true
		}
	}
	return false
}

// usesSelf reports whether a function literal uses a value of the type.
func (x *pkgIndex) usesSelf(lit *ast.FuncLit) bool {
	found := false
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		if e, ok := n.(ast.Expr); ok && !found {
			if tv, ok := x.req.Info.Types[e]; ok && tv.IsValue() && x.isOurs(tv.Type) {
				found = true
			}
		}
		return !found
	})
	return found
}

// ownLocals returns a test of whether an expression is a local variable
// of fd that fd makes itself: a channel from make, or a WaitGroup or
// errgroup declared without a value. Waiting on those waits for work fd
// started, not for another goroutine's use of the value.
func (x *pkgIndex) ownLocals(fd *ast.FuncDecl) func(ast.Expr) bool {
	info := x.req.Info
	made := make(map[types.Object]bool)
	other := make(map[types.Object]bool)
	note := func(id *ast.Ident, value ast.Expr) {
		obj := info.ObjectOf(id)
		if obj == nil {
			return
		}
		call, ok := ast.Unparen(value).(*ast.CallExpr)
		if value == nil || ok && isMake(info, call) {
			made[obj] = true
		} else {
			other[obj] = true
		}
	}
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				if id, ok := l.(*ast.Ident); ok && len(n.Lhs) == len(n.Rhs) {
					note(id, n.Rhs[i])
				} else if ok {
					other[info.ObjectOf(id)] = true
				}
			}
		case *ast.ValueSpec:
			for i, id := range n.Names {
				var v ast.Expr
				if i < len(n.Values) {
					v = n.Values[i]
				}
				note(id, v)
			}
		}
		return true
	})
	return func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		if !ok {
			return false
		}
		obj := info.ObjectOf(id)
		return made[obj] && !other[obj]
	}
}

// isMake reports whether call is the builtin make.
func isMake(info *types.Info, call *ast.CallExpr) bool {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return false
	}
	b, ok := info.Uses[id].(*types.Builtin)
	return ok && b.Name() == "make"
}

// hasDefault reports whether a select has a default case, and so never
// waits.
func hasDefault(s *ast.SelectStmt) bool {
	for _, c := range s.Body.List {
		if cc, ok := c.(*ast.CommClause); ok && cc.Comm == nil {
			return true
		}
	}
	return false
}

// waitsLocked returns a method that would hold the lock while it waits
// on a channel or a Wait that another goroutine ends, or nil: that
// goroutine may need the lock first. It also returns a locked method
// that a goroutine of the package runs, if there is one (another than
// the waiter if it can): the likely goroutine to wait for.
func (x *pkgIndex) waitsLocked(locked map[*ast.FuncDecl]bool) (waiter, started *ast.FuncDecl) {
	isLocked := func(d *ast.FuncDecl) bool { return locked[d] }
	for _, m := range sortedDecls(locked) {
		waits := x.info[m].waits
		for c := range x.reach(m, isLocked) {
			waits = waits || (!locked[c] && x.info[c].waits)
		}
		if waits {
			waiter = m
			break
		}
	}
	if waiter == nil {
		return nil, nil
	}
	never := func(*ast.FuncDecl) bool { return false }
	onGoroutine := make(map[*ast.FuncDecl]bool)
	for _, fi := range x.info {
		for _, s := range fi.spawns {
			for _, c := range append([]*ast.FuncDecl{s}, sortedDecls(x.reach(s, never))...) {
				if locked[c] {
					onGoroutine[c] = true
				}
			}
		}
	}
	for _, g := range sortedDecls(onGoroutine) {
		started = g
		if g != waiter {
			break
		}
	}
	return waiter, started
}
