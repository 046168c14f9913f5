package readeratcheck

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// Private types used under their owner's lock
//
// An unexported type's ReadAt or WriteAt that no code outside the
// package can reach, that is never handed on as an interface or a method
// value, and that every caller in the package calls while holding a lock
// is not called in parallel: an in-memory file of a storage driver
// guarded by the driver's mutex, say. io.ReaderAt's promise is kept by
// the lock of its owner, and reporting the method would be a false alarm.
//
// The check is strict: one call without a lock, one call from a
// function literal, one use of the method or of a value of the type that
// the analysis cannot follow, and the method is reported as usual.

// A privateUse lists the calls of a candidate of an unexported type
// that is used only through direct calls in functions of the package.
type privateUse struct {
	calls   map[*ast.FuncDecl][]*ast.CallExpr
	guarded int // calls in literals run by the package's own guards
	handoff handoff

	// up maps each unexported helper among the callers (and their
	// callers, a few levels up) to its own callers and call sites, for
	// helpers called only directly: "writeLocked; mu must be held".
	up map[*ast.FuncDecl]map[*ast.FuncDecl][]*ast.CallExpr
}

// maxHelperDepth bounds how far up the callers of helpers are followed.
const maxHelperDepth = 3

// decls returns every function whose body the check needs.
func (u *privateUse) decls() []*ast.FuncDecl {
	var out []*ast.FuncDecl
	for d := range u.calls {
		out = append(out, d)
	}
	for d, callers := range u.up {
		out = append(out, d)
		for c := range callers {
			out = append(out, c)
		}
	}
	return out
}

// findHelperCallers fills u.up for the callers of the candidate.
func (u *privateUse) findHelperCallers(pass *analysis.Pass) {
	u.up = make(map[*ast.FuncDecl]map[*ast.FuncDecl][]*ast.CallExpr)
	decls := make(map[*types.Func]*ast.FuncDecl)
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok {
				if obj, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
					decls[obj] = fd
				}
			}
		}
	}
	level := make([]*ast.FuncDecl, 0, len(u.calls))
	for d := range u.calls {
		level = append(level, d)
	}
	for range maxHelperDepth {
		var next []*ast.FuncDecl
		for _, d := range level {
			if _, done := u.up[d]; done {
				continue
			}
			callers := directCallers(pass, d)
			u.up[d] = callers
			for c := range callers {
				next = append(next, c)
			}
		}
		level = next
	}
}

// directCallers returns the functions that call d and their calls of
// it, if d is unexported and every use of it is a direct call in a
// function declaration; else nil.
func directCallers(pass *analysis.Pass, d *ast.FuncDecl) map[*ast.FuncDecl][]*ast.CallExpr {
	obj, _ := pass.TypesInfo.Defs[d.Name].(*types.Func)
	if obj == nil || obj.Exported() {
		return nil
	}
	out := make(map[*ast.FuncDecl][]*ast.CallExpr)
	ok := true
	for _, f := range pass.Files {
		for _, decl := range f.Decls {
			fd, _ := decl.(*ast.FuncDecl)
			var stack []ast.Node
			ast.Inspect(decl, func(n ast.Node) bool {
				if n == nil {
					stack = stack[:len(stack)-1]
					return false
				}
				if !ok {
					return false
				}
				if id, isID := n.(*ast.Ident); isID && pass.TypesInfo.Uses[id] == obj {
					call := enclosingCall(stack, id)
					if call == nil || fd == nil || inFuncLit(stack) {
						ok = false
						return false
					}
					out[fd] = append(out[fd], call)
				}
				stack = append(stack, n)
				return true
			})
		}
	}
	if !ok {
		return nil
	}
	return out
}

// enclosingCall returns the call whose function id names, directly or
// as the selector of x.id, or nil.
func enclosingCall(stack []ast.Node, id *ast.Ident) *ast.CallExpr {
	var fun ast.Expr = id
	i := len(stack) - 1
	if i >= 0 {
		if sel, ok := stack[i].(*ast.SelectorExpr); ok && sel.Sel == id {
			fun, i = sel, i-1
		}
	}
	if i < 0 {
		return nil
	}
	if call, ok := stack[i].(*ast.CallExpr); ok && call.Fun == fun {
		return call
	}
	return nil
}

// findPrivateUse returns how candidate c is used, if its type is
// private in the sense above, or nil.
func findPrivateUse(pass *analysis.Pass, c *candidate) *privateUse {
	if c.named.Obj().Exported() || c.named.TypeParams().Len() > 0 {
		return nil
	}
	if exposed(pass, c.named) {
		return nil
	}
	u := &privateUse{calls: make(map[*ast.FuncDecl][]*ast.CallExpr)}
	u.handoff = handoff{name: c.obj.Name(), pkg: pass.Pkg, ifaces: make(map[types.Type]bool)}
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			if !u.scan(pass, c, d) {
				return nil
			}
		}
	}
	if len(u.calls)+u.guarded == 0 || assertsTo(pass, c.obj.Name(), u.handoff.ifaces) {
		return nil
	}
	u.findHelperCallers(pass)
	return u
}

// scan records the calls of c in declaration d, and reports whether d
// uses c and its type only in ways the analysis can follow.
func (u *privateUse) scan(pass *analysis.Pass, c *candidate, d ast.Decl) bool {
	fd, _ := d.(*ast.FuncDecl)
	ok := true
	var stack []ast.Node
	ast.Inspect(d, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return false
		}
		if !ok {
			return false
		}
		var parent ast.Node
		if len(stack) > 0 {
			parent = stack[len(stack)-1]
		}
		if e, isExpr := n.(ast.Expr); isExpr {
			tv, has := pass.TypesInfo.Types[e]
			if has && tv.IsValue() && isOurs(tv.Type, c.named) &&
				handedOn(pass, e, stack, u.handoff) {
				ok = false
				return false
			}
		}
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if pass.TypesInfo.Uses[n.Sel] == c.obj {
				call, isCall := parent.(*ast.CallExpr)
				if !isCall || call.Fun != n || fd == nil {
					ok = false // a method value
					return false
				}
				if inFuncLit(stack) {
					// Only in a literal handed to a guard of this package,
					// which runs it under its lock: s.locked(func() {...}).
					if !u.guardedLiteral(pass, stack) {
						ok = false
						return false
					}
					u.guarded++
				} else {
					u.calls[fd] = append(u.calls[fd], call)
				}
			}
		case *ast.StructType:
			for _, f := range n.Fields.List {
				if len(f.Names) == 0 && isOurs(pass.TypesInfo.TypeOf(f.Type), c.named) {
					ok = false // embedded: its methods are promoted
					return false
				}
			}
		}
		stack = append(stack, n)
		return true
	})
	return ok
}

// guardedLiteral reports whether the innermost function literal on the
// stack, with no goroutine or other literal around it, is an argument of
// a call of a function of this package that locks, defers the unlock and
// calls its function parameter: a "with the lock held" helper.
func (u *privateUse) guardedLiteral(pass *analysis.Pass, stack []ast.Node) bool {
	lits := 0
	at := -1
	for i, n := range stack {
		switch n.(type) {
		case *ast.FuncLit:
			lits++
			at = i
		case *ast.GoStmt, *ast.DeferStmt:
			return false
		}
	}
	if lits != 1 || at == 0 {
		return false
	}
	call, ok := stack[at-1].(*ast.CallExpr)
	if !ok || call.Fun == stack[at] {
		return false
	}
	fn := calledFunc(pass.TypesInfo, call)
	if fn == nil || fn.Pkg() != pass.Pkg {
		return false
	}
	fd := declOf(pass, fn.Origin())
	return fd != nil && guardsCallbacks(pass.TypesInfo, fd)
}

// declOf returns the declaration of fn among the package's files, or nil.
func declOf(pass *analysis.Pass, fn *types.Func) *ast.FuncDecl {
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && pass.TypesInfo.Defs[fd.Name] == fn {
				return fd
			}
		}
	}
	return nil
}

// inFuncLit reports whether the node stack is inside a function literal.
func inFuncLit(stack []ast.Node) bool {
	for _, n := range stack {
		if _, ok := n.(*ast.FuncLit); ok {
			return true
		}
	}
	return false
}

// isOurs reports whether t is named type n or a pointer to it.
func isOurs(t types.Type, n *types.Named) bool {
	if t == nil {
		return false
	}
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	tn, ok := types.Unalias(t).(*types.Named)
	return ok && tn.Origin() == n.Origin()
}

// handedOn reports whether e, a value of the type, may become a value of
// an interface type or of a type parameter through its parent, where
// the analysis loses sight of the calls made on it. Parents that only
// select from it, dereference it, take its address or compare it keep
// it in sight; any other parent counts as handing it on unless the
// destination's type is known not to be an interface.
func handedOn(pass *analysis.Pass, e ast.Expr, stack []ast.Node, h handoff) bool {
	info := pass.TypesInfo
	if len(stack) == 0 {
		return true
	}
	switch p := stack[len(stack)-1].(type) {
	case *ast.SelectorExpr, *ast.StarExpr, *ast.ParenExpr, *ast.UnaryExpr, *ast.ExprStmt,
		*ast.IncDecStmt:
		return false
	case *ast.BinaryExpr:
		return p.Op != token.EQL && p.Op != token.NEQ
	case *ast.CallExpr:
		if p.Fun == e {
			return false
		}
		return !concreteParam(info, p, e, h)
	case *ast.AssignStmt:
		if len(p.Lhs) != len(p.Rhs) {
			return true
		}
		for i, r := range p.Rhs {
			if r == e {
				return !keeps(info.TypeOf(p.Lhs[i]), h)
			}
		}
		return false // on the left: assigned to, not handed on
	case *ast.ValueSpec:
		// var _ io.WriterAt = (*memFile)(nil) checks a type at compile
		// time and hands nothing on.
		if allBlank(p.Names) {
			return false
		}
		return p.Type != nil && !keeps(info.TypeOf(p.Type), h)
	case *ast.ReturnStmt:
		return !concreteResult(info, e, stack, h)
	case *ast.KeyValueExpr:
		if p.Key == e {
			return true
		}
		return !concreteElem(info, stack, h)
	case *ast.CompositeLit:
		return !concreteElem(info, stack, h)
	}
	return true
}

// A handoff describes the method whose calls must stay in sight: its
// name, the package, and whether the package asserts any value to an
// interface offering that method.
type handoff struct {
	name   string
	pkg    *types.Package
	ifaces map[types.Type]bool // this package's interfaces the value goes into
}

// keeps reports whether a value stored in a variable of type t keeps the
// calls of the method in sight: t is not a type parameter, and not an
// interface, unless one of this package's own with methods, none of them
// that one, in a package that never asserts a value back to an interface
// offering it. An interface of another package goes to code that may
// assert it to io.WriterAt, as download helpers do.
func keeps(t types.Type, h handoff) bool {
	if t == nil {
		return false
	}
	if _, isParam := types.Unalias(t).(*types.TypeParam); isParam {
		return false
	}
	iface, ok := t.Underlying().(*types.Interface)
	if !ok {
		return true
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || named.Obj().Pkg() != h.pkg || iface.NumMethods() == 0 {
		return false
	}
	for m := range iface.Methods() {
		if m.Name() == h.name {
			return false
		}
	}
	h.ifaces[named] = true
	return true
}

// assertsTo reports whether the package asserts a value of one of the
// interfaces in from, or switches on its type, to an interface with a
// method called name.
func assertsTo(pass *analysis.Pass, name string, from map[types.Type]bool) bool {
	found := false
	operand := func(x ast.Expr) bool {
		t := pass.TypesInfo.TypeOf(x)
		return t != nil && from[types.Unalias(t)]
	}
	offers := func(e ast.Expr) {
		if e == nil {
			return
		}
		if iface, ok := pass.TypesInfo.TypeOf(e).Underlying().(*types.Interface); ok {
			for m := range iface.Methods() {
				if m.Name() == name {
					found = true
				}
			}
		}
	}
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.TypeAssertExpr:
				if operand(n.X) {
					offers(n.Type)
				}
			case *ast.TypeSwitchStmt:
				var x ast.Expr
				switch a := n.Assign.(type) {
				case *ast.ExprStmt:
					x = a.X
				case *ast.AssignStmt:
					x = a.Rhs[0]
				}
				if ta, ok := x.(*ast.TypeAssertExpr); ok && operand(ta.X) {
					for _, c := range n.Body.List {
						for _, e := range c.(*ast.CaseClause).List {
							offers(e)
						}
					}
				}
			}
			return !found
		})
	}
	return found
}

// concreteParam reports whether argument e of call goes to a parameter
// that keeps the method called name in sight, of a function whose
// signature is known.
func concreteParam(info *types.Info, call *ast.CallExpr, e ast.Expr, h handoff) bool {
	if tv, ok := info.Types[call.Fun]; ok && tv.IsType() {
		return keeps(tv.Type, h) // a conversion
	}
	// io.NewSectionReader and io.NewOffsetWriter call only the method
	// their parameter names, and keep the value to themselves.
	if fn := calledFunc(info, call); fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "io" {
		switch {
		case fn.Name() == "NewSectionReader" && h.name != "ReadAt",
			fn.Name() == "NewOffsetWriter" && h.name != "WriteAt":
			return true
		}
	}
	sig, ok := info.TypeOf(call.Fun).(*types.Signature)
	if !ok {
		return false // a builtin such as append
	}
	// The declared parameters, not those of the instance: a type
	// parameter instantiated with the type calls its methods all the same.
	if fn := calledFunc(info, call); fn != nil {
		sig = fn.Origin().Signature()
	}
	for i, a := range call.Args {
		if a != e {
			continue
		}
		params := sig.Params()
		switch {
		case sig.Variadic() && i >= params.Len()-1:
			if call.Ellipsis.IsValid() {
				return keeps(params.At(params.Len()-1).Type(), h)
			}
			s, ok := params.At(params.Len() - 1).Type().(*types.Slice)
			return ok && keeps(s.Elem(), h)
		case i < params.Len():
			return keeps(params.At(i).Type(), h)
		}
	}
	return false
}

// concreteResult reports whether e, a result of the return statement at
// the top of stack, goes to a result that keeps the method called name
// in sight.
func concreteResult(info *types.Info, e ast.Expr, stack []ast.Node, h handoff) bool {
	ret := stack[len(stack)-1].(*ast.ReturnStmt)
	idx := -1
	for i, r := range ret.Results {
		if r == e {
			idx = i
		}
	}
	for i := len(stack) - 1; i >= 0 && idx >= 0; i-- {
		var ft *ast.FuncType
		switch f := stack[i].(type) {
		case *ast.FuncDecl:
			ft = f.Type
		case *ast.FuncLit:
			ft = f.Type
		default:
			continue
		}
		if ft.Results == nil {
			return false
		}
		k := 0
		for _, r := range ft.Results.List {
			n := max(len(r.Names), 1)
			if idx < k+n {
				return keeps(info.TypeOf(r.Type), h)
			}
			k += n
		}
		return false
	}
	return false
}

// concreteElem reports whether the composite literal at the top of stack
// (under a key-value pair, if any) holds elements that keep the method
// called name in sight.
func concreteElem(info *types.Info, stack []ast.Node, h handoff) bool {
	for i := len(stack) - 1; i >= 0; i-- {
		lit, ok := stack[i].(*ast.CompositeLit)
		if !ok {
			continue
		}
		switch t := info.TypeOf(lit).Underlying().(type) {
		case *types.Struct:
			for f := range t.Fields() {
				if !keeps(f.Type(), h) {
					return false
				}
			}
			return true
		case *types.Slice:
			return keeps(t.Elem(), h)
		case *types.Array:
			return keeps(t.Elem(), h)
		case *types.Map:
			return keeps(t.Key(), h) && keeps(t.Elem(), h)
		}
		return false
	}
	return false
}

// exposed reports whether the package's exported declarations mention
// type n, so that other packages may get hold of its values.
func exposed(pass *analysis.Pass, n *types.Named) bool {
	scope := pass.Pkg.Scope()
	seen := make(map[types.Type]bool)
	for _, name := range scope.Names() {
		obj := scope.Lookup(name)
		if !obj.Exported() {
			continue
		}
		if mentions(obj.Type(), n, seen) {
			return true
		}
		tn, ok := obj.(*types.TypeName)
		if !ok {
			continue
		}
		if named, ok := types.Unalias(tn.Type()).(*types.Named); ok {
			for m := range named.Methods() {
				if m.Exported() && mentions(m.Type(), n, seen) {
					return true
				}
			}
		}
	}
	return false
}

// mentions reports whether t refers to n, looking through composite
// types and the exported parts of named ones.
func mentions(t types.Type, n *types.Named, seen map[types.Type]bool) bool {
	if t == nil || seen[t] {
		return false
	}
	seen[t] = true
	switch t := types.Unalias(t).(type) {
	case *types.Named:
		if t.Origin() == n.Origin() {
			return true
		}
		for a := range t.TypeArgs().Types() {
			if mentions(a, n, seen) {
				return true
			}
		}
		if t.Obj().Pkg() != n.Obj().Pkg() {
			return false
		}
		// A type of the package that other packages can get hold of
		// offers its exported methods to them too.
		for m := range t.Methods() {
			if m.Exported() && mentions(m.Type(), n, seen) {
				return true
			}
		}
		return mentions(t.Underlying(), n, seen)
	case *types.Pointer:
		return mentions(t.Elem(), n, seen)
	case *types.Slice:
		return mentions(t.Elem(), n, seen)
	case *types.Array:
		return mentions(t.Elem(), n, seen)
	case *types.Map:
		return mentions(t.Key(), n, seen) || mentions(t.Elem(), n, seen)
	case *types.Chan:
		return mentions(t.Elem(), n, seen)
	case *types.Signature:
		for v := range t.Params().Variables() {
			if mentions(v.Type(), n, seen) {
				return true
			}
		}
		for v := range t.Results().Variables() {
			if mentions(v.Type(), n, seen) {
				return true
			}
		}
	case *types.Struct:
		for f := range t.Fields() {
			if (f.Exported() || f.Embedded()) && mentions(f.Type(), n, seen) {
				return true
			}
		}
	case *types.Interface:
		for m := range t.Methods() {
			if mentions(m.Type(), n, seen) {
				return true
			}
		}
	}
	return false
}

// calledUnderLock reports whether every call of the candidate that u
// lists is made while its caller holds a write lock, or from a helper
// every call of which is.
func calledUnderLock(pass *analysis.Pass, pkg *ssa.Package, u *privateUse) bool {
	in := newInterp(pass, pkg)
	frames := make(map[*ast.FuncDecl]*frame)
	var under func(decl *ast.FuncDecl, calls []*ast.CallExpr, depth int) bool
	under = func(decl *ast.FuncDecl, calls []*ast.CallExpr, depth int) bool {
		fr := frames[decl]
		if fr == nil {
			if fr = lockFrame(pass, pkg, in, decl); fr == nil {
				return false
			}
			frames[decl] = fr
		}
		unlocked := false
		for _, call := range calls {
			instr := callAt(fr.fn, call.Lparen)
			if instr == nil {
				return false
			}
			if !fr.locksAt(instr).writeHeld() {
				unlocked = true
			}
		}
		if !unlocked {
			return true
		}
		// A helper whose callers all hold a lock when they call it.
		callers := u.up[decl]
		if depth >= maxHelperDepth || len(callers) == 0 {
			return false
		}
		for c, sites := range callers {
			if c == decl || !under(c, sites, depth+1) {
				return false
			}
		}
		return true
	}
	for decl, calls := range u.calls {
		if !under(decl, calls, 0) {
			return false
		}
	}
	return true
}

// lockFrame analyses the locks of decl from its entry, holding nothing,
// and returns its frame, or nil if that cannot be done.
func lockFrame(pass *analysis.Pass, pkg *ssa.Package, in *interp, decl *ast.FuncDecl) *frame {
	obj, _ := pass.TypesInfo.Defs[decl.Name].(*types.Func)
	if obj == nil {
		return nil
	}
	fn := pkg.Prog.FuncValue(obj)
	if fn == nil || len(fn.Blocks) == 0 || fn.TypeParams().Len() > 0 {
		return nil
	}
	fr := &frame{
		in:       in,
		fn:       fn,
		bindings: make(map[ssa.Value]absVal),
		vals:     make(map[ssa.Value]absVal),
	}
	for _, p := range fn.Params {
		fr.bindings[p] = contentOf(path{root: p.Name()}, p.Type())
	}
	fr.run(lockset{})
	if in.tooMuch {
		return nil
	}
	return fr
}

// callAt returns the call instruction of fn at position lparen, or nil.
func callAt(fn *ssa.Function, lparen token.Pos) ssa.Instruction {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if c, ok := instr.(*ssa.Call); ok && c.Pos() == lparen {
				return c
			}
		}
	}
	return nil
}

// calledFunc returns the function or method a call names, or nil.
func calledFunc(info *types.Info, call *ast.CallExpr) *types.Func {
	fun := ast.Unparen(call.Fun)
	if ix, ok := fun.(*ast.IndexExpr); ok {
		fun = ix.X
	} else if ix, ok := fun.(*ast.IndexListExpr); ok {
		fun = ix.X
	}
	var obj types.Object
	switch f := fun.(type) {
	case *ast.Ident:
		obj = info.Uses[f]
	case *ast.SelectorExpr:
		obj = info.Uses[f.Sel]
	}
	fn, _ := obj.(*types.Func)
	return fn
}

// allBlank reports whether every name is the blank identifier.
func allBlank(names []*ast.Ident) bool {
	for _, n := range names {
		if n.Name != "_" {
			return false
		}
	}
	return len(names) > 0
}
