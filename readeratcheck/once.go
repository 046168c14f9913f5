package readeratcheck

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// startedOnce reports whether go statement g runs only on a path that a
// test of a shared field guards, a field that the same function also
// stores: "if !r.started { r.started = true; go r.loop() }", or a nil
// test of a channel it then makes. Run under a lock, such a statement
// starts one goroutine for the life of the value, not one per call; what
// that goroutine writes, it hands over by its own means (a channel it
// sends on when done, say), which this analysis does not follow. The
// goroutine is then not taken to race with the calls that follow.
func (fr *frame) startedOnce(g *ssa.Go) bool {
	stored := make(map[string]bool)
	for _, b := range fr.fn.Blocks {
		for _, instr := range b.Instrs {
			if st, ok := instr.(*ssa.Store); ok {
				if a := fr.value(st.Addr); a.kind == kAddr && a.loc.shared() {
					stored[a.loc.key()] = true
				}
			}
		}
	}
	if len(stored) == 0 {
		return false
	}
	for _, b := range fr.fn.Blocks {
		iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok || !b.Dominates(g.Block()) {
			continue
		}
		if k, ok := fr.testedField(iff.Cond); ok && stored[k] {
			return true
		}
	}
	return false
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
	if a.kind != kAddr || !a.loc.shared() {
		return "", false
	}
	return a.loc.key(), true
}
