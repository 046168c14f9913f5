package readeratcheck

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// Channels as locks
//
// A buffered channel of capacity one is a mutex: a send takes it and the
// receive that follows gives it back (or, with a channel filled with one
// token, the receive takes it and the send gives it back). The analysis
// models an operation on a shared channel as taking that lock when it is
// not held and releasing it when it is. Whether a channel is a lock
// depends on its capacity, which the package's make calls tell: a
// channel made only with capacity one is a lock either way; one made
// with another capacity, constant or computed (a semaphore for several,
// or a queue), is not. One whose make the package does not show may be a
// lock: the analysis cannot be sure that it is not, so it takes it as
// one, unless it is still held when the method returns.

// chanCap says what the package shows of a channel variable's capacity.
type chanCap int

const (
	capUnknown chanCap = iota // no make seen, or a capacity not constant
	capOne                    // every make has capacity one
	capOther                  // some make has a capacity other than one
)

// chanCaps maps channel fields and package variables to what their make
// calls say of their capacity.
type chanCaps map[*types.Var]chanCap

// merge records c for v in m, where two different answers make capOther.
func (m chanCaps) merge(v *types.Var, c chanCap) {
	if old, ok := m[v]; ok && old != c {
		c = capOther
	}
	m[v] = c
}

// byName returns what m says of the fields named name, merged: a channel
// reached through a parameter (the receiver of a method of a channel
// type, say) is known by the field it was loaded from only by name.
func (m chanCaps) byName(name string) chanCap {
	out := capUnknown
	for v, c := range m {
		if v.Name() != name {
			continue
		}
		if out != capUnknown && out != c {
			return capOther
		}
		out = c
	}
	return out
}

// chanCapacities scans the package's files for channels made and stored
// in a field or a package variable.
func (in *interp) chanCapacities() chanCaps {
	if in.caps != nil {
		return in.caps
	}
	in.caps = make(chanCaps)
	info := in.pass.TypesInfo
	// Local variables first, so that "sem := make(...); r.sem = sem"
	// tells the field's capacity; and what the package's functions
	// return, for "r.sem = newSemaphore(4)".
	locals := make(map[*types.Var]chanCap)
	returned := in.returnedCaps()
	note := func(target ast.Expr, value ast.Expr, local bool) {
		var v *types.Var
		if local {
			id, ok := ast.Unparen(target).(*ast.Ident)
			if !ok {
				return
			}
			if v, _ = info.ObjectOf(id).(*types.Var); v == nil || v.IsField() {
				return
			}
		} else if v = varOf(info, target); v == nil {
			return
		}
		c := makeCap(info, value)
		if id, ok := ast.Unparen(value).(*ast.Ident); ok && c == capUnknown {
			if lv, ok := info.ObjectOf(id).(*types.Var); ok {
				c = locals[lv]
			}
		}
		if call, ok := ast.Unparen(value).(*ast.CallExpr); ok && c == capUnknown {
			if fn := calledFunc(info, call); fn != nil {
				c = returned[fn]
			}
		}
		if c == capUnknown {
			return
		}
		if local {
			if old, ok := locals[v]; ok && old != c {
				c = capOther
			}
			locals[v] = c
		} else {
			in.caps.merge(v, c)
		}
	}
	for _, local := range []bool{true, false} {
		for _, f := range in.pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.AssignStmt:
					if len(n.Lhs) == len(n.Rhs) {
						for i := range n.Lhs {
							note(n.Lhs[i], n.Rhs[i], local)
						}
					}
				case *ast.KeyValueExpr:
					if !local {
						note(n.Key, n.Value, false)
					}
				case *ast.ValueSpec:
					if len(n.Names) == len(n.Values) {
						for i := range n.Names {
							note(n.Names[i], n.Values[i], local)
						}
					}
				}
				return true
			})
		}
	}
	return in.caps
}

// varOf returns the field or package variable that e names, or nil.
func varOf(info *types.Info, e ast.Expr) *types.Var {
	var obj types.Object
	switch e := ast.Unparen(e).(type) {
	case *ast.SelectorExpr:
		if sel := info.Selections[e]; sel != nil {
			obj = sel.Obj()
		} else {
			obj = info.Uses[e.Sel]
		}
	case *ast.Ident:
		obj = info.ObjectOf(e)
	}
	v, _ := obj.(*types.Var)
	if v == nil || (!v.IsField() && v.Parent() != v.Pkg().Scope()) {
		return nil
	}
	return v
}

// makeCap returns what e, if it is make(chan T[, n]), says of the
// channel's capacity.
func makeCap(info *types.Info, e ast.Expr) chanCap {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) == 0 {
		return capUnknown
	}
	if b, ok := info.Uses[astIdent(call.Fun)].(*types.Builtin); !ok || b.Name() != "make" {
		return capUnknown
	}
	if _, ok := info.TypeOf(call.Args[0]).Underlying().(*types.Chan); !ok {
		return capUnknown
	}
	if len(call.Args) < 2 {
		return capOther // unbuffered: a send waits for a receiver
	}
	tv := info.Types[call.Args[1]]
	if tv.Value == nil {
		// A capacity computed at run time is a limit on how many
		// callers go in at once, not a lock.
		return capOther
	}
	if n, ok := constant.Int64Val(constant.ToInt(tv.Value)); ok && n == 1 {
		return capOne
	}
	return capOther
}

func astIdent(e ast.Expr) *ast.Ident {
	id, _ := ast.Unparen(e).(*ast.Ident)
	return id
}

// chanVar returns the field or package variable a channel value was
// loaded from, or nil.
func chanVar(v ssa.Value) *types.Var {
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		if f, ok := v.(*ssa.Field); ok {
			return structField(f.X.Type(), f.Field)
		}
		return nil
	}
	switch a := load.X.(type) {
	case *ssa.FieldAddr:
		return structField(a.X.Type(), a.Field)
	case *ssa.Global:
		obj, _ := a.Object().(*types.Var)
		return obj
	}
	return nil
}

// structField returns field i of the struct that t is or points to.
func structField(t types.Type, i int) *types.Var {
	t = t.Underlying()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem().Underlying()
	}
	if st, ok := t.(*types.Struct); ok && i < st.NumFields() {
		return st.Field(i)
	}
	return nil
}

// chanOp applies a send (send true) or a receive on ch to the locks: it
// releases the channel's lock if it is held, and takes it if the
// channel may serve as a lock. Sends and receives are alike: which one
// takes the lock depends on whether the channel starts empty or full.
func (fr *frame) chanOp(ch ssa.Value, st *flowState) *flowState {
	c := fr.value(ch)
	if !c.isShared() || fr.in.notLocks[c.loc.key()] {
		return st
	}
	if _, held := st.locks[c.loc.key()]; held {
		return st.withLocks(st.locks.release(c.loc))
	}
	cap := capUnknown
	if v := chanVar(ch); v != nil {
		cap = fr.in.chanCapacities()[v]
	} else if n := len(c.loc.steps); n > 0 && c.loc.steps[n-1].kind == stepField {
		cap = fr.in.chanCapacities().byName(c.loc.steps[n-1].name)
	}
	if cap != capOther {
		if fr.in.chanLocks == nil {
			fr.in.chanLocks = make(map[string]bool)
		}
		fr.in.chanLocks[c.loc.key()] = true
		return st.withLocks(st.locks.acquire(c.loc, false))
	}
	return st
}

// noteLeaks records the channel locks held at a return of the candidate
// that were not held on entry.
func (in *interp) noteLeaks(exit, entry lockset) {
	for k := range exit {
		if _, before := entry[k]; !before && in.chanLocks[k] {
			if in.leaked == nil {
				in.leaked = make(map[string]bool)
			}
			in.leaked[k] = true
		}
	}
}

// selectOp applies a select with a single case, which is always the one
// chosen when it blocks. The cases of other selects are applied on the
// branches that test which case was chosen (see selectCase).
func (fr *frame) selectOp(sel *ssa.Select, st *flowState) *flowState {
	if !sel.Blocking || len(sel.States) != 1 {
		return st
	}
	return fr.chanOp(sel.States[0].Chan, st)
}

// selectCase reports whether cond tests that a select chose case k, as
// the branches after a select do: "index == k".
func selectCase(cond ssa.Value) (*ssa.Select, int, bool) {
	cmp, ok := cond.(*ssa.BinOp)
	if !ok || cmp.Op != token.EQL {
		return nil, 0, false
	}
	x, ok := cmp.X.(*ssa.Extract)
	if !ok || x.Index != 0 {
		return nil, 0, false
	}
	sel, ok := x.Tuple.(*ssa.Select)
	if !ok {
		return nil, 0, false
	}
	k, ok := cmp.Y.(*ssa.Const)
	if !ok || k.Value == nil {
		return nil, 0, false
	}
	i, exact := constant.Int64Val(k.Value)
	if !exact || i < 0 || int(i) >= len(sel.States) {
		return nil, 0, false
	}
	return sel, int(i), true
}

// returnedCaps returns, for each function of the package that returns a
// channel it makes, what those makes say of its capacity.
func (in *interp) returnedCaps() map[*types.Func]chanCap {
	info := in.pass.TypesInfo
	out := make(map[*types.Func]chanCap)
	for _, f := range in.pass.Files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			obj, _ := info.Defs[fd.Name].(*types.Func)
			if obj == nil {
				continue
			}
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				if _, lit := n.(*ast.FuncLit); lit {
					return false
				}
				ret, ok := n.(*ast.ReturnStmt)
				if !ok || len(ret.Results) != 1 {
					return true
				}
				if c := makeCap(info, ret.Results[0]); c != capUnknown {
					if old, seen := out[obj]; seen && old != c {
						c = capOther
					}
					out[obj] = c
				}
				return true
			})
		}
	}
	return out
}
