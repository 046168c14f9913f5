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
// with another capacity (a semaphore for several, or a queue) is not.
// One whose make the package does not show, or shows with a capacity
// that is not constant, may be a lock: the analysis cannot be sure that
// it is not, so it takes it as one.

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

// chanCapacities scans the package's files for channels made and stored
// in a field or a package variable.
func (in *interp) chanCapacities() chanCaps {
	if in.caps != nil {
		return in.caps
	}
	in.caps = make(chanCaps)
	info := in.pass.TypesInfo
	note := func(target ast.Expr, value ast.Expr) {
		v := varOf(info, target)
		if v == nil {
			return
		}
		c := makeCap(info, value)
		if c == capUnknown {
			return
		}
		if old, ok := in.caps[v]; ok && old != c {
			c = capOther
		}
		in.caps[v] = c
	}
	for _, f := range in.pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				if len(n.Lhs) == len(n.Rhs) {
					for i := range n.Lhs {
						note(n.Lhs[i], n.Rhs[i])
					}
				}
			case *ast.KeyValueExpr:
				note(n.Key, n.Value)
			case *ast.ValueSpec:
				if len(n.Names) == len(n.Values) {
					for i := range n.Names {
						note(n.Names[i], n.Values[i])
					}
				}
			}
			return true
		})
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
		return capUnknown
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
	if !c.isShared() {
		return st
	}
	if _, held := st.locks[c.loc.key()]; held {
		return st.withLocks(st.locks.release(c.loc))
	}
	cap := capUnknown
	if v := chanVar(ch); v != nil {
		cap = fr.in.chanCapacities()[v]
	}
	if cap != capOther {
		return st.withLocks(st.locks.acquire(c.loc, false))
	}
	return st
}

// selectOp applies a blocking select whose only case on a shared
// channel may take or release a channel lock. Whichever case is chosen,
// the state after it is taken to hold what that case would: a reader
// that waits on a context as well as on its lock returns from the other
// case.
func (fr *frame) selectOp(sel *ssa.Select, st *flowState) *flowState {
	if !sel.Blocking {
		return st
	}
	var only *ssa.SelectState
	for _, s := range sel.States {
		if fr.value(s.Chan).isShared() {
			if only != nil {
				return st
			}
			only = s
		}
	}
	if only == nil {
		return st
	}
	return fr.chanOp(only.Chan, st)
}
