package readeratcheck

import (
	"go/token"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// Goroutines started once
//
// "if !r.started { r.started = true; go r.loop() }" under a lock, or
// "if r.started.CompareAndSwap(false, true) { go r.load() }", starts one
// goroutine for the life of the value, not one per call. What such a
// goroutine writes it hands over by its own means (closing a channel when
// done, say), which this analysis does not follow, so it is not taken to
// race with the calls that follow. A goroutine that clears the flag
// itself may be started again, and is analysed as any other.

// onceGuard returns the key of the shared field whose test guards go
// statement g so that it runs once, given the state st before it, or
// false.
func (fr *frame) onceGuard(g *ssa.Go, st *flowState) (string, bool) {
	for _, b := range fr.fn.Blocks {
		iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok || !b.Dominates(g.Block()) {
			continue
		}
		// The side of the test that leads to the go statement.
		var taken *ssa.BasicBlock
		for _, s := range b.Succs {
			if len(s.Preds) == 1 && s.Dominates(g.Block()) {
				taken = s
			}
		}
		if taken == nil {
			continue
		}
		if k, ok := fr.casField(iff.Cond); ok && taken == b.Succs[0] {
			return k, true
		}
		if !st.locks.writeHeld() {
			continue
		}
		if k, ok := fr.testedField(iff.Cond); ok && fr.storedOnTheWay(taken, g.Block(), k) {
			return k, true
		}
	}
	return "", false
}

// storedOnTheWay reports whether the shared field with key k is stored
// on every path from block from to block to, or in block to itself: the
// flag is set whenever the goroutine starts.
func (fr *frame) storedOnTheWay(from, to *ssa.BasicBlock, k string) bool {
	for _, c := range fr.fn.Blocks {
		if !from.Dominates(c) || !c.Dominates(to) {
			continue
		}
		for _, instr := range c.Instrs {
			if st, ok := instr.(*ssa.Store); ok {
				if a := fr.value(st.Addr); a.kind == kAddr && a.loc.key() == k {
					return true
				}
			}
		}
	}
	return false
}

// casField returns the key of the shared atomic that condition c swaps:
// a CompareAndSwap method of a sync/atomic type, or the function of that
// name, on a field.
func (fr *frame) casField(c ssa.Value) (string, bool) {
	call, ok := c.(*ssa.Call)
	if !ok || call.Call.IsInvoke() || len(call.Call.Args) == 0 {
		return "", false
	}
	fn := call.Call.StaticCallee()
	if fn == nil || fn.Pkg == nil || fn.Pkg.Pkg.Path() != "sync/atomic" ||
		!strings.HasPrefix(fn.Name(), "CompareAndSwap") {
		return "", false
	}
	a := fr.value(call.Call.Args[0])
	if a.kind != kAddr || !a.loc.shared() || perElement(a.loc) {
		return "", false
	}
	return a.loc.key(), true
}

// testedField returns the key of the shared field that condition c
// tests: a load of it, its negation, or its comparison with a constant.
func (fr *frame) testedField(c ssa.Value) (string, bool) {
	if not, ok := c.(*ssa.UnOp); ok && not.Op == token.NOT {
		c = not.X
	}
	if cmp, ok := c.(*ssa.BinOp); ok && (cmp.Op == token.EQL || cmp.Op == token.NEQ) {
		if _, isConst := cmp.Y.(*ssa.Const); isConst {
			c = cmp.X
		} else if _, isConst := cmp.X.(*ssa.Const); isConst {
			c = cmp.Y
		}
	}
	ld, ok := c.(*ssa.UnOp)
	if !ok || ld.Op != token.MUL {
		return "", false
	}
	a := fr.value(ld.X)
	if a.kind != kAddr || !a.loc.shared() || perElement(a.loc) {
		return "", false
	}
	return a.loc.key(), true
}

// perElement reports whether loc goes through an element of a slice,
// array or map: a flag per block starts one goroutine per block, not
// one for the value.
func perElement(loc path) bool {
	for _, s := range loc.steps {
		if s.kind == stepElem || s.kind == stepMapElem {
			return true
		}
	}
	return false
}

// goEffects records into s what goroutine g does, unless it is started
// once and leaves its guard alone.
func (fr *frame) goEffects(g *ssa.Go, st *flowState, s *summary) {
	var sub summary
	fr.doCall(&g.Call, g, &flowState{locks: lockset{}}, &sub, true)
	if k, once := fr.onceGuard(g, st); once {
		restarts := false
		for _, e := range sub.effects {
			if e.loc.key() == k {
				restarts = true
			}
		}
		if !restarts {
			return
		}
	}
	s.effects = append(s.effects, sub.effects...)
}
