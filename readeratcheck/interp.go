package readeratcheck

import (
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// Limits on the work spent on one candidate method. Past them the
// method is not reported: a partial analysis could miss a lock.
const (
	maxCallDepth = 12
	maxWork      = 200000 // instructions visited, summed over all calls
)

// An interp analyses the functions reachable from one candidate method,
// one call context at a time: a function, the abstract values of its
// parameters and free variables, and the locks held on entry.
type interp struct {
	pass     *analysis.Pass
	pkg      *ssa.Package
	memo     map[string]*summary
	active   map[string]bool
	activeFn map[*ssa.Function]bool
	work     int
	tooMuch  bool
	streams  streamCache
	caps     chanCaps // channel capacities, computed when first needed

	// Channels taken as locks, and those found not to be: a channel
	// "lock" still held when the candidate returns is a queue or a
	// signal, not a lock, and the candidate is analysed again without it.
	chanLocks map[string]bool
	notLocks  map[string]bool
	leaked    map[string]bool
}

// A summary is the outcome of analysing one call context.
type summary struct {
	effects []effect
	exit    lockset  // locks held when the function returns; nil if it never does
	rets    []absVal // what the results may be

	// For a function returning one bool that is a constant at every
	// return, the locks held when it returns true and when it returns
	// false, as in "if r.acquire() { ... }".
	exitTrue, exitFalse lockset
}

// An effect is a mutation of shared state.
type effect struct {
	loc   path      // what is mutated
	verb  string    // how, as a verb phrase: "writes", "closes"
	pos   token.Pos // where, in the function that performs it
	chain []hop     // the calls leading from the candidate to that function
	locks lockset   // the locks held at that point
	inGo  bool      // performed by a goroutine the candidate starts
}

// A hop is one call on the way from the candidate to an effect.
type hop struct {
	pos    token.Pos
	callee string
}

// A frame holds what is known of the values of one call context.
type frame struct {
	in       *interp
	fn       *ssa.Function
	depth    int
	bindings map[ssa.Value]absVal
	vals     map[ssa.Value]absVal
	stores   map[*ssa.Alloc][]*ssa.Store
	blockIn  []*flowState // lock states at block entries, as far as known
}

// flowState is the state at a program point: the locks held on every
// path, the deferred calls pushed on some path, and the outcome of the
// branches taken on every path.
type flowState struct {
	locks  lockset
	defers []*ssa.Defer
	conds  map[ssa.Value]bool
}

// withLocks returns st with its locks replaced.
func (st *flowState) withLocks(locks lockset) *flowState {
	return &flowState{locks: locks, defers: st.defers, conds: st.conds}
}

func newInterp(pass *analysis.Pass, pkg *ssa.Package) *interp {
	return &interp{
		pass:     pass,
		pkg:      pkg,
		memo:     make(map[string]*summary),
		active:   make(map[string]bool),
		activeFn: make(map[*ssa.Function]bool),
		streams:  make(streamCache),
	}
}

// call analyses fn called with the given parameter and free-variable
// values while the locks in entry are held.
func (in *interp) call(fn *ssa.Function, params, free []absVal, entry lockset, depth int) *summary {
	key := callKey(fn, params, free, entry)
	if s, ok := in.memo[key]; ok {
		return s
	}
	// Recursion and runaway depth: assume the call neither mutates nor
	// changes the locks. Precision over recall. A function already being
	// analysed is not entered again in another context: a recursive walk
	// of a tree would otherwise unfold it level by level.
	if in.active[key] || in.activeFn[fn] || depth > maxCallDepth || in.tooMuch {
		return &summary{exit: entry}
	}
	in.active[key] = true
	in.activeFn[fn] = true
	defer delete(in.active, key)
	defer delete(in.activeFn, fn)

	fr := &frame{
		in:       in,
		fn:       fn,
		depth:    depth,
		bindings: make(map[ssa.Value]absVal),
		vals:     make(map[ssa.Value]absVal),
	}
	for i, p := range fn.Params {
		if i < len(params) {
			fr.bindings[p] = params[i]
		}
	}
	for i, fv := range fn.FreeVars {
		if i < len(free) {
			fr.bindings[fv] = free[i]
		}
	}
	s := fr.run(entry)
	in.memo[key] = s
	return s
}

func callKey(fn *ssa.Function, params, free []absVal, entry lockset) string {
	var b strings.Builder
	b.WriteString(fn.String())
	b.WriteString("|")
	for _, p := range params {
		b.WriteString(shortKey(p))
		b.WriteString(",")
	}
	b.WriteString("|")
	for _, p := range free {
		b.WriteString(shortKey(p))
		b.WriteString(",")
	}
	b.WriteString("|")
	b.WriteString(entry.key())
	return b.String()
}

// maxKeySteps bounds the steps of a path that tell two call contexts
// apart. A recursive walk over a linked structure (r.root.left.right...)
// then meets a context it is already analysing, and stops there.
const maxKeySteps = 8

// shortKey is v's key with its path cut to maxKeySteps steps.
func shortKey(v absVal) string {
	if (v.kind == kAddr || v.kind == kRef) && len(v.loc.steps) > maxKeySteps {
		v.loc = path{root: v.loc.root, global: v.loc.global, steps: v.loc.steps[:maxKeySteps]}
	}
	return v.key()
}

// run computes the lock state at each block by forward iteration to a
// fixed point, then walks the blocks once more to record the effects.
func (fr *frame) run(entry lockset) *summary {
	fn := fr.fn
	if len(fn.Blocks) == 0 {
		return &summary{exit: entry}
	}

	// Step 1: the lock states at block entries.
	in := make([]*flowState, len(fn.Blocks))
	in[0] = &flowState{locks: entry}
	fr.blockIn = in
	for changed, rounds := true, 0; changed && rounds < 50; rounds++ {
		changed = false
		for _, b := range fn.Blocks {
			st := in[b.Index]
			if st == nil {
				continue
			}
			out := fr.transfer(b, st, nil)
			for _, e := range fr.successors(b, out) {
				if merged, grew := mergeState(in[e.to.Index], e.st); grew {
					in[e.to.Index] = merged
					changed = true
				}
			}
		}
		if fr.in.tooMuch {
			return &summary{exit: entry}
		}
	}

	// Step 2: record effects, the exit locks and the results. Values that
	// depend on the locks held where they are computed are computed anew.
	clear(fr.vals)
	s := &summary{}
	boolExits := boolResult(fn)
	for _, b := range fn.Blocks {
		st := in[b.Index]
		if st == nil {
			continue
		}
		out := fr.transfer(b, st, s)
		if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
			if fr.depth == 0 {
				fr.in.noteLeaks(out.locks, entry)
			}
			if s.exit == nil {
				s.exit = out.locks
			} else {
				s.exit = meet(s.exit, out.locks)
			}
			for i, r := range ret.Results {
				v := fr.value(r)
				if i < len(s.rets) {
					s.rets[i] = join(s.rets[i], v)
				} else {
					s.rets = append(s.rets, v)
				}
			}
			if boolExits {
				boolExits = s.addBoolExit(fr.value(ret.Results[0]), out.locks)
			}
		}
	}
	if !boolExits {
		s.exitTrue, s.exitFalse = nil, nil
	}
	return s
}

// boolResult reports whether fn returns exactly one bool.
func boolResult(fn *ssa.Function) bool {
	res := fn.Signature.Results()
	if res.Len() != 1 {
		return false
	}
	b, ok := res.At(0).Type().Underlying().(*types.Basic)
	return ok && b.Kind() == types.Bool
}

// addBoolExit adds the locks held at a return of the constant v to the
// exit of its value, and reports whether v was a constant.
func (s *summary) addBoolExit(v absVal, locks lockset) bool {
	if v.kind != kConst || v.cnst.Kind() != constant.Bool {
		return false
	}
	exit := &s.exitFalse
	if constant.BoolVal(v.cnst) {
		exit = &s.exitTrue
	}
	if *exit == nil {
		*exit = locks
	} else {
		*exit = meet(*exit, locks)
	}
	return true
}

// mergeState joins st into old and reports whether old changed.
func mergeState(old, st *flowState) (*flowState, bool) {
	if old == nil {
		return st, true
	}
	locks := meetGuarded(old, st)
	conds := meetConds(old.conds, st.conds)
	defers := old.defers
	for _, d := range st.defers {
		if !containsDefer(defers, d) {
			defers = append(append([]*ssa.Defer(nil), defers...), d)
		}
	}
	if locks.equal(old.locks) && len(defers) == len(old.defers) && len(conds) == len(old.conds) {
		return old, false
	}
	return &flowState{locks: locks, defers: defers, conds: conds}, true
}

// meetConds keeps the branch outcomes that agree on both paths.
func meetConds(a, b map[ssa.Value]bool) map[ssa.Value]bool {
	var out map[ssa.Value]bool
	for c, v := range a {
		if w, ok := b[c]; ok && w == v {
			if out == nil {
				out = make(map[ssa.Value]bool)
			}
			out[c] = v
		}
	}
	return out
}

// meetGuarded joins the locks of two paths. A lock held on one path only
// survives as a guarded lock when the paths differ in the outcome of a
// branch: held if that branch goes the way it went on the locking path.
// A later branch on the same condition turns it back into a lock, as in
//
//	if need { mu.Lock() }
//	...
//	if need { write; mu.Unlock() }
func meetGuarded(a, b *flowState) lockset {
	out := meet(a.locks, b.locks)
	guard := func(x, y *flowState) {
		for k, l := range x.locks {
			if m, ok := y.locks[k]; ok {
				// Held on one path, guarded on the other: still guarded
				// if the holding path went the guard's way.
				if l.guard == nil && m.guard != nil {
					if w, ok := x.conds[m.guard]; ok && w == m.guardVal {
						out[k] = m
					}
				}
				continue
			}
			if l.guard != nil {
				// Still guarded if the other path went the other way.
				if w, ok := y.conds[l.guard]; ok && w != l.guardVal {
					out[k] = l
				}
				continue
			}
			for c, v := range x.conds {
				if w, ok := y.conds[c]; ok && w != v {
					out[k] = heldLock{loc: l.loc, read: l.read, guard: c, guardVal: v}
					break
				}
			}
		}
	}
	guard(a, b)
	guard(b, a)
	return out
}

func containsDefer(ds []*ssa.Defer, d *ssa.Defer) bool {
	for _, x := range ds {
		if x == d {
			return true
		}
	}
	return false
}

type edge struct {
	to *ssa.BasicBlock
	st *flowState
}

// successors returns the state flowing along each feasible edge out of
// b. A branch on a constant follows one edge only, and the success edge
// of TryLock holds the lock.
func (fr *frame) successors(b *ssa.BasicBlock, out *flowState) []edge {
	iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		edges := make([]edge, len(b.Succs))
		for i, s := range b.Succs {
			edges[i] = edge{s, out}
		}
		return edges
	}
	if c := fr.value(iff.Cond); c.kind == kConst && c.cnst.Kind() == constant.Bool {
		if constant.BoolVal(c.cnst) {
			return []edge{{b.Succs[0], out}}
		}
		return []edge{{b.Succs[1], out}}
	}
	cond, negated := iff.Cond, false
	if not, ok := cond.(*ssa.UnOp); ok && not.Op == token.NOT {
		cond, negated = not.X, true
	}
	// A condition already decided on every path decides this branch.
	if v, ok := out.conds[cond]; ok {
		if v != negated {
			return []edge{{b.Succs[0], out}}
		}
		return []edge{{b.Succs[1], out}}
	}
	thenSt, elseSt := out.decide(cond, !negated), out.decide(cond, negated)
	if call, ok := cond.(*ssa.Call); ok {
		if loc, read, ok := fr.tryLock(&call.Call); ok {
			held := out.withLocks(out.locks.acquire(loc, read))
			if negated {
				elseSt = held
			} else {
				thenSt = held
			}
		} else if t, f, ok := fr.lockResult(call, b); ok {
			thenSt = thenSt.withLocks(t)
			elseSt = elseSt.withLocks(f)
			if negated {
				thenSt, elseSt = elseSt.withLocks(t), thenSt.withLocks(f)
			}
		}
	}
	if sel, k, ok := selectCase(cond); ok {
		// The branch taken when case k of a select was chosen: its
		// channel operation happened.
		if negated {
			elseSt = fr.chanOp(sel.States[k].Chan, elseSt)
		} else {
			thenSt = fr.chanOp(sel.States[k].Chan, thenSt)
		}
	}
	return []edge{{b.Succs[0], thenSt}, {b.Succs[1], elseSt}}
}

// decide returns st on the edge where cond is v: the outcome recorded,
// and the locks guarded by cond held or dropped.
func (st *flowState) decide(cond ssa.Value, v bool) *flowState {
	conds := make(map[ssa.Value]bool, len(st.conds)+1)
	for c, w := range st.conds {
		conds[c] = w
	}
	conds[cond] = v
	locks := make(lockset, len(st.locks))
	for k, l := range st.locks {
		switch {
		case l.guard == nil:
			locks[k] = l
		case l.guard == cond && l.guardVal == v:
			locks[k] = heldLock{loc: l.loc, read: l.read}
		case l.guard != cond:
			locks[k] = l
		}
	}
	return &flowState{locks: locks, defers: st.defers, conds: conds}
}

// lockResult returns the locks held after call when it returns true and
// when it returns false, if call is a function of this package whose
// result says whether it left a lock held, and b branches on it right
// after the call.
func (fr *frame) lockResult(call *ssa.Call, b *ssa.BasicBlock) (t, f lockset, ok bool) {
	n := len(b.Instrs)
	if call.Block() != b || (b.Instrs[n-2] != call && (n < 3 || b.Instrs[n-3] != call)) {
		return nil, nil, false
	}
	c := &call.Call
	if c.IsInvoke() {
		return nil, nil, false
	}
	callee, free := c.StaticCallee(), []absVal(nil)
	if fv := fr.value(c.Value); fv.kind == kClosure && len(fv.alts) == 0 {
		callee, free = fv.fn, fv.bindings
	}
	if callee == nil || !fr.in.isLocal(callee) {
		return nil, nil, false
	}
	if o := callee.Origin(); o != nil && o.Blocks != nil && callee.Blocks == nil {
		callee = o
	}
	params := make([]absVal, len(c.Args))
	for i, a := range c.Args {
		params[i] = fr.value(a)
	}
	sub := fr.in.call(callee, params, free, fr.locksAt(call), fr.depth+1)
	if sub.exitTrue == nil || sub.exitFalse == nil {
		return nil, nil, false
	}
	return sub.exitTrue, sub.exitFalse, true
}

// transfer applies the instructions of b to st. If s is not nil, it
// also records the effects into s.
func (fr *frame) transfer(b *ssa.BasicBlock, st *flowState, s *summary) *flowState {
	in := fr.in
	for _, instr := range b.Instrs {
		in.work++
		if in.work > maxWork {
			in.tooMuch = true
			return st
		}
		st = fr.step(instr, st, s)
	}
	return st
}

// step applies one instruction to st, recording its effects into s if s
// is not nil.
func (fr *frame) step(instr ssa.Instruction, st *flowState, s *summary) *flowState {
	switch instr := instr.(type) {
	case *ssa.Store:
		if s != nil {
			if a := fr.value(instr.Addr); a.kind == kAddr && a.loc.shared() {
				fr.record(s, a.loc, "writes", instr.Pos(), st.locks, instr)
			}
		}
	case *ssa.MapUpdate:
		if s != nil {
			if m := fr.value(instr.Map); m.isShared() {
				fr.record(s, m.loc.mapElem(), "writes", instr.Pos(), st.locks, instr)
			}
		}
	case *ssa.Call:
		return fr.doCall(&instr.Call, instr, st, s, false)
	case *ssa.Send:
		return fr.chanOp(instr.Chan, st)
	case *ssa.UnOp:
		if instr.Op == token.ARROW {
			return fr.chanOp(instr.X, st)
		}
	case *ssa.Select:
		return fr.selectOp(instr, st)
	case *ssa.Go:
		if s != nil {
			// A goroutine runs concurrently with everything: it holds
			// none of the caller's locks.
			fr.goEffects(instr, st, s)
		}
	case *ssa.Defer:
		if !containsDefer(st.defers, instr) {
			defers := append(append([]*ssa.Defer(nil), st.defers...), instr)
			return &flowState{locks: st.locks, defers: defers, conds: st.conds}
		}
	case *ssa.RunDefers, *ssa.Panic:
		// Deferred calls run on return and when panicking alike.
		for i := len(st.defers) - 1; i >= 0; i-- {
			d := st.defers[i]
			st = fr.doCall(&d.Call, d, st, s, false)
		}
	}
	return st
}

// writeLockedAt reports whether a write lock is known to be held just
// before instr.
func (fr *frame) writeLockedAt(instr ssa.Instruction) bool {
	return fr.locksAt(instr).writeHeld()
}

// locksAt returns the locks known to be held just before instr.
func (fr *frame) locksAt(instr ssa.Instruction) lockset {
	b := instr.Block()
	if b == nil || fr.blockIn == nil || fr.blockIn[b.Index] == nil {
		return lockset{}
	}
	st := fr.blockIn[b.Index]
	for _, x := range b.Instrs {
		if x == instr {
			return st.locks
		}
		st = fr.step(x, st, nil)
	}
	return lockset{}
}

// checkedOut returns v, a pointer or interface value read from an element
// of a shared slice, array or map by instr, unless a write lock is held
// there: then the reader has taken the element out of a pool the lock
// guards, and it is its own. The pattern is that of a pool of streams.
func (fr *frame) checkedOut(v absVal, from path, instr ssa.Instruction) absVal {
	if !v.isShared() || len(from.steps) == 0 {
		return v
	}
	switch from.steps[len(from.steps)-1].kind {
	case stepElem, stepMapElem:
	default:
		return v
	}
	if fr.writeLockedAt(instr) {
		return none
	}
	return v
}

// add appends e to the effects of s.
func (s *summary) add(e effect) { s.effects = append(s.effects, e) }

// record adds an effect found in this frame to s.
func (fr *frame) record(s *summary, loc path, verb string, pos token.Pos, locks lockset,
	instr ssa.Instruction) {

	if !pos.IsValid() {
		pos = instrPos(instr)
	}
	s.effects = append(s.effects, effect{loc: loc, verb: verb, pos: pos, locks: locks})
}

// instrPos finds a position for an instruction that has none of its own:
// that of an operand, or of the enclosing function.
func instrPos(instr ssa.Instruction) token.Pos {
	if p := instr.Pos(); p.IsValid() {
		return p
	}
	var ops []*ssa.Value
	for _, op := range instr.Operands(ops) {
		if op != nil && *op != nil {
			if p := (*op).Pos(); p.IsValid() {
				return p
			}
		}
	}
	if fn := instr.Parent(); fn != nil {
		return fn.Pos()
	}
	return token.NoPos
}

// value returns what is known of v in this frame.
func (fr *frame) value(v ssa.Value) absVal {
	if a, ok := fr.vals[v]; ok {
		return a
	}
	fr.vals[v] = none // cut cycles through phis
	a := fr.compute(v)
	fr.vals[v] = a
	return a
}

func (fr *frame) compute(v ssa.Value) absVal {
	switch v := v.(type) {
	case *ssa.Parameter, *ssa.FreeVar:
		return fr.bindings[v]
	case *ssa.Global:
		return addrOf(path{root: globalName(fr.in.pass.Pkg, v), global: true})
	case *ssa.Const:
		if v.Value != nil {
			return absVal{kind: kConst, cnst: v.Value}
		}
		return none
	case *ssa.Alloc:
		return localOf(fr, v, nil)
	case *ssa.Function:
		if fr.in.isLocal(v) {
			return absVal{kind: kClosure, fn: v}
		}
		return none
	case *ssa.MakeClosure:
		fn := v.Fn.(*ssa.Function)
		bs := make([]absVal, len(v.Bindings))
		for i, b := range v.Bindings {
			bs[i] = fr.value(b)
		}
		return absVal{kind: kClosure, fn: fn, bindings: bs}
	case *ssa.Phi:
		var a absVal
		for _, e := range v.Edges {
			a = join(a, fr.value(e))
		}
		return a
	case *ssa.UnOp:
		return fr.unop(v)
	case *ssa.BinOp:
		return fr.binop(v)
	case *ssa.FieldAddr:
		x := fr.value(v.X)
		name := fieldName(v.X.Type(), v.Field)
		switch x.kind {
		case kAddr:
			return addrOf(x.loc.field(name))
		case kLocal:
			return x.cell.plus(step{kind: stepField, name: name})
		}
	case *ssa.Field:
		x := fr.value(v.X)
		if st, ok := v.X.Type().Underlying().(*types.Struct); ok {
			return fieldOf(x, st, v.Field)
		}
	case *ssa.IndexAddr:
		x := fr.value(v.X)
		switch x.kind {
		case kAddr, kRef:
			// &s[i] of a shared slice, or &a[i] of a shared array.
			return addrOf(x.loc.elem())
		case kLocal:
			// An element of a local array, or of a slice of one (as
			// made for a variadic call).
			return x.cell.plus(step{kind: stepElem})
		}
	case *ssa.Index:
		if x := fr.value(v.X); x.kind == kRef {
			return contentOf(x.loc.elem(), v.Type())
		}
	case *ssa.Lookup:
		if _, isMap := v.X.Type().Underlying().(*types.Map); isMap {
			if x := fr.value(v.X); x.kind == kRef {
				t := v.Type()
				if v.CommaOk {
					t = t.(*types.Tuple).At(0).Type()
				}
				return fr.checkedOut(contentOf(x.loc.mapElem(), t), x.loc.mapElem(), v)
			}
		}
	case *ssa.Slice:
		x := fr.value(v.X)
		switch x.kind {
		case kAddr:
			// Slicing a pointer to an array.
			return refOf(x.loc)
		case kRef, kLocal:
			return x
		}
	case *ssa.Extract:
		return fr.extract(v)
	case *ssa.ChangeType:
		return fr.value(v.X)
	case *ssa.Convert:
		return fr.value(v.X)
	case *ssa.ChangeInterface:
		return fr.value(v.X)
	case *ssa.MakeInterface:
		return fr.value(v.X)
	case *ssa.SliceToArrayPointer:
		if x := fr.value(v.X); x.kind == kRef {
			return addrOf(x.loc)
		}
	case *ssa.TypeAssert:
		if !v.CommaOk {
			return fr.asserted(fr.value(v.X), v.AssertedType)
		}
	case *ssa.Call:
		if b, ok := v.Call.Value.(*ssa.Builtin); ok {
			return fr.builtinValue(b, v.Call.Args)
		}
		if rets := fr.results(&v.Call); len(rets) == 1 {
			return rets[0]
		}
	}
	return none
}

// builtinValue returns what is known of the result of unsafe.Add and
// unsafe.Slice: they point into the memory their pointer points into.
func (fr *frame) builtinValue(b *ssa.Builtin, args []ssa.Value) absVal {
	if len(args) == 0 {
		return none
	}
	p := fr.value(args[0])
	switch b.Name() {
	case "Add":
		return p
	case "Slice":
		if p.kind == kAddr {
			loc := p.loc
			if n := len(loc.steps); n > 0 && loc.steps[n-1].kind == stepElem {
				loc = path{root: loc.root, global: loc.global, steps: loc.steps[:n-1]}
			}
			return refOf(loc)
		}
	}
	return none
}

// asserted returns what is known of the value of x asserted to type t.
func (fr *frame) asserted(x absVal, t types.Type) absVal {
	if x.kind != kRef {
		return x
	}
	return contentOf(x.loc, t)
}

func (fr *frame) extract(v *ssa.Extract) absVal {
	switch t := v.Tuple.(type) {
	case *ssa.TypeAssert:
		if v.Index == 0 {
			return fr.asserted(fr.value(t.X), t.AssertedType)
		}
	case *ssa.Lookup:
		if v.Index == 0 {
			return fr.value(t)
		}
	case *ssa.Call:
		if rets := fr.results(&t.Call); v.Index < len(rets) {
			return rets[v.Index]
		}
	case *ssa.Next:
		// Ranging over a shared map yields shared values.
		if r, ok := t.Iter.(*ssa.Range); ok && v.Index == 2 {
			if x := fr.value(r.X); x.kind == kRef {
				return contentOf(x.loc.mapElem(), v.Type())
			}
		}
	}
	return none
}

func (fr *frame) unop(v *ssa.UnOp) absVal {
	x := fr.value(v.X)
	switch v.Op {
	case token.MUL:
		a := fr.load(x, v.Type())
		if x.kind == kAddr {
			a = fr.checkedOut(a, x.loc, v)
		}
		return a
	case token.NOT, token.SUB, token.XOR:
		if x.kind == kConst {
			return foldUnary(v.Op, x.cnst)
		}
	}
	return none
}

func (fr *frame) binop(v *ssa.BinOp) absVal {
	x, y := fr.value(v.X), fr.value(v.Y)
	if x.kind != kConst || y.kind != kConst {
		return none
	}
	return foldBinary(v.Op, x.cnst, y.cnst)
}

// load returns what is known of a value of type t loaded from address a.
func (fr *frame) load(a absVal, t types.Type) absVal {
	switch a.kind {
	case kAddr:
		return contentOf(a.loc, t)
	case kLocal:
		return a.cell.frame.cellContent(a.cell, t)
	}
	return none
}

// cellContent returns what may have been stored in a local variable, or
// in part of one: the join of the stores to that part, and of the parts
// of whole values stored to an enclosing part.
func (fr *frame) cellContent(c *cell, t types.Type) absVal {
	var a absVal
	for _, st := range fr.storesTo(c.alloc) {
		dst := fr.value(st.Addr)
		if dst.kind != kLocal || dst.cell.alloc != c.alloc {
			continue
		}
		rest, ok := stepsAfter(dst.cell.steps, c.steps)
		if !ok {
			continue
		}
		v := fr.value(st.Val)
		a = join(a, project(v, rest, t))
	}
	if a.kind == kConst {
		// A constant stored in a variable may be overwritten where the
		// analysis does not look (a closure, a pointer): unknown.
		return none
	}
	return a
}

// storesTo returns the stores into alloc or into parts of it made in this
// frame's function.
func (fr *frame) storesTo(alloc *ssa.Alloc) []*ssa.Store {
	if fr.stores == nil {
		fr.stores = make(map[*ssa.Alloc][]*ssa.Store)
	}
	if s, ok := fr.stores[alloc]; ok {
		return s
	}
	var out []*ssa.Store
	var walk func(v ssa.Value, depth int)
	walk = func(v ssa.Value, depth int) {
		if depth > 6 || v.Referrers() == nil {
			return
		}
		for _, r := range *v.Referrers() {
			switch r := r.(type) {
			case *ssa.Store:
				if r.Addr == v {
					out = append(out, r)
				}
			case *ssa.FieldAddr:
				walk(r, depth+1)
			case *ssa.IndexAddr:
				walk(r, depth+1)
			}
		}
	}
	walk(alloc, 0)
	fr.stores[alloc] = out
	return out
}

// stepsAfter reports whether prefix is a prefix of steps, and the rest.
func stepsAfter(prefix, steps []step) ([]step, bool) {
	if len(prefix) > len(steps) {
		return nil, false
	}
	for i, s := range prefix {
		if steps[i] != s {
			return nil, false
		}
	}
	return steps[len(prefix):], true
}

// project returns the part of value v reached by following field and
// element steps, as a value of type t.
func project(v absVal, rest []step, t types.Type) absVal {
	if len(rest) == 0 {
		return v
	}
	if v.kind != kRef {
		return none
	}
	loc := v.loc
	for _, s := range rest {
		loc = loc.with(s)
	}
	return contentOf(loc, t)
}

// isLocal reports whether fn's body belongs to the package under
// analysis (or is a wrapper the SSA builder made), so it can be analysed.
func (in *interp) isLocal(fn *ssa.Function) bool {
	if fn.Blocks == nil {
		return false
	}
	if o := fn.Origin(); o != nil {
		fn = o
	}
	return fn.Pkg == in.pkg || (fn.Pkg == nil && fn.Synthetic != "")
}

func fieldName(ptrOrStruct types.Type, i int) string {
	t := ptrOrStruct.Underlying()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem().Underlying()
	}
	if st, ok := t.(*types.Struct); ok && i < st.NumFields() {
		return st.Field(i).Name()
	}
	return "?"
}

func globalName(pkg *types.Package, g *ssa.Global) string {
	if g.Pkg != nil && g.Pkg.Pkg != pkg {
		return g.Pkg.Pkg.Name() + "." + g.Name()
	}
	return g.Name()
}

func foldUnary(op token.Token, x constant.Value) (v absVal) {
	defer func() {
		if recover() != nil {
			v = none
		}
	}()
	return absVal{kind: kConst, cnst: constant.UnaryOp(op, x, 0)}
}

func foldBinary(op token.Token, x, y constant.Value) (v absVal) {
	defer func() {
		if recover() != nil {
			v = none
		}
	}()
	switch op {
	case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
		return absVal{kind: kConst, cnst: constant.MakeBool(constant.Compare(x, op, y))}
	case token.SHL, token.SHR, token.AND_NOT:
		return none
	}
	return absVal{kind: kConst, cnst: constant.BinaryOp(x, op, y)}
}
