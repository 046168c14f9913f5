package readeratcheck

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// An originKind says where a returned count comes from, as far as the
// contract check can tell.
type originKind int

const (
	originUnknown originKind = iota
	originRead               // one Read into p
	originLoop               // Read counts summed, in a loop or not
	originCopy               // copy between p and another slice
	originInner              // a call that fills its buffer or fails
	originPrefix             // a Read, copy or inner call on a prefix shorter than p
)

// An origin is where a returned count comes from.
type origin struct {
	kind  originKind
	call  *ssa.Call          // the Read, copy or inner call
	reads []*ssa.Call        // originLoop: the Reads summed
	heads map[ssa.Value]bool // originLoop: the loop-carried values of the sum
}

// countOrigin classifies count n on the path.
func (fs *pathFacts) countOrigin(n ssa.Value) origin {
	v := fs.cp.resolve(n)
	switch x := v.(type) {
	case *ssa.Extract:
		call, ok := x.Tuple.(*ssa.Call)
		if !ok || x.Index != 0 {
			break
		}
		buf, kind := readBuffer(call), originRead
		if buf == nil {
			buf, kind = fullBuffer(fs, call), originInner
		}
		switch {
		case buf == nil:
		case fs.cp.resolve(buf) == ssa.Value(fs.cp.f.p):
			return origin{kind: kind, call: call}
		case fs.shortPrefix(buf):
			return origin{kind: originPrefix, call: call}
		}
	case *ssa.Call:
		if b, ok := x.Call.Value.(*ssa.Builtin); ok && b.Name() == "copy" {
			switch side := fs.copySides(x)[0]; {
			case fs.cp.resolve(side) == ssa.Value(fs.cp.f.p):
				return origin{kind: originCopy, call: x}
			case fs.shortPrefix(side):
				return origin{kind: originPrefix, call: x}
			}
		}
	}
	o := origin{kind: originLoop, heads: make(map[ssa.Value]bool)}
	if fs.sum(v, &o) && len(o.reads) > 0 {
		return o
	}
	return origin{}
}

// sum reports whether v adds up constants and Reads into what is left of
// p, through values carried around a loop, recording both in o.
func (fs *pathFacts) sum(v ssa.Value, o *origin) bool {
	v = fs.cp.resolve(v)
	if o.heads[v] {
		return true
	}
	switch x := v.(type) {
	case *ssa.Const:
		return true
	case *ssa.BinOp:
		return x.Op == token.ADD && fs.sum(x.X, o) && fs.sum(x.Y, o)
	case *ssa.Extract:
		call, ok := x.Tuple.(*ssa.Call)
		if !ok || x.Index != 0 {
			return false
		}
		buf := readBuffer(call)
		if buf == nil || !fs.isRemainder(buf, make(map[ssa.Value]bool)) {
			return false
		}
		if !containsCall(o.reads, call) {
			o.reads = append(o.reads, call)
		}
		return true
	}
	ops, ok := fs.cp.mergeOps(v)
	if !ok {
		return false
	}
	o.heads[v] = true
	for _, op := range ops {
		if op == nil || !fs.sum(op, o) {
			return false
		}
	}
	return true
}

func containsCall(cs []*ssa.Call, c *ssa.Call) bool {
	for _, d := range cs {
		if d == c {
			return true
		}
	}
	return false
}

// copySides returns the arguments of a copy call: p's side first, then
// the other. A ReadAt copies into p; a WriteAt copies out of it.
func (fs *pathFacts) copySides(call *ssa.Call) [2]ssa.Value {
	args := call.Call.Args
	if fs.cp.f.writer {
		return [2]ssa.Value{args[1], args[0]}
	}
	return [2]ssa.Value{args[0], args[1]}
}

// callArgs returns the arguments of a call without its receiver.
func callArgs(c *ssa.CallCommon) []ssa.Value {
	if !c.IsInvoke() && c.Signature().Recv() != nil {
		return c.Args[1:]
	}
	return c.Args
}

// calledMethod returns the name of the method c calls, or "".
func calledMethod(c *ssa.CallCommon) string {
	if c.IsInvoke() {
		return c.Method.Name()
	}
	if fn := c.StaticCallee(); fn != nil && fn.Signature.Recv() != nil {
		return fn.Name()
	}
	return ""
}

// readBuffer returns the buffer of a call to a method with io.Reader's
// Read signature, or nil.
func readBuffer(call *ssa.Call) ssa.Value {
	c := call.Common()
	if calledMethod(c) != "Read" || !hasStreamShape(c.Signature()) {
		return nil
	}
	return callArgs(c)[0]
}

// fullBuffer returns the buffer of a call that fills it or returns an
// error, or nil: io.ReadFull, io.ReadAtLeast with len(buf) as minimum, a
// ReadAt or WriteAt, and a Write, which io.Writer requires to fail when
// it writes less.
func fullBuffer(fs *pathFacts, call *ssa.Call) ssa.Value {
	c := call.Common()
	fn := c.StaticCallee()
	switch {
	case isFunc(fn, "io", "ReadFull"):
		return c.Args[1]
	case isFunc(fn, "io", "ReadAtLeast"):
		if d := fs.form(c.Args[2]).plus(fs.lenForm(c.Args[1]), -1); d.isConst() && d.konst == 0 {
			return c.Args[1]
		}
	}
	switch calledMethod(c) {
	case "ReadAt", "WriteAt":
		if hasAtShape(c.Signature()) {
			return callArgs(c)[0]
		}
	case "Write":
		if hasStreamShape(c.Signature()) {
			return callArgs(c)[0]
		}
	}
	return nil
}

// hasStreamShape reports whether sig is func([]byte) (int, error), the
// signature of Read and Write.
func hasStreamShape(sig *types.Signature) bool {
	return sig.Params().Len() == 1 && !sig.Variadic() &&
		isBytes(sig.Params().At(0).Type()) && hasCountErr(sig.Results())
}

// hasAtShape reports whether sig is func([]byte, int64) (int, error),
// the signature of ReadAt and WriteAt.
func hasAtShape(sig *types.Signature) bool {
	return sig.Params().Len() == 2 && !sig.Variadic() &&
		isBytes(sig.Params().At(0).Type()) &&
		types.Identical(sig.Params().At(1).Type(), types.Typ[types.Int64]) &&
		hasCountErr(sig.Results())
}

func hasCountErr(res *types.Tuple) bool {
	return res.Len() == 2 && types.Identical(res.At(0).Type(), types.Typ[types.Int]) &&
		types.Identical(res.At(1).Type(), types.Universe.Lookup("error").Type())
}

func isBytes(t types.Type) bool {
	s, ok := t.Underlying().(*types.Slice)
	if !ok {
		return false
	}
	b, ok := s.Elem().Underlying().(*types.Basic)
	return ok && b.Kind() == types.Byte
}

// An errKind says what the error returned on a path can be.
type errKind int

const (
	errUnknown  errKind = iota
	errIsNil            // nil on this path
	errNotNil           // not nil on this path
	errOfCall           // the error result of a call, nil or not
	errMaybeNil         // carried around a loop from values that may be nil
)

// errState classifies error value e on the path. For errOfCall it also
// returns the call.
func (fs *pathFacts) errState(e ssa.Value) (errKind, *ssa.Call) {
	e = fs.cp.resolve(e)
	if !isMemoryLoad(e) {
		k := fs.key(e)
		if _, ok := fs.isNil[k]; ok {
			return errIsNil, nil
		}
		if _, ok := fs.nonNil[k]; ok {
			return errNotNil, nil
		}
	}
	switch x := e.(type) {
	case *ssa.Const:
		if x.IsNil() {
			return errIsNil, nil
		}
	case *ssa.Extract:
		if call, ok := x.Tuple.(*ssa.Call); ok && x.Index == 1 {
			return errOfCall, call
		}
	}
	if fs.nonNilValue(e) {
		return errNotNil, nil
	}
	if fs.mayBeNil(e, make(map[ssa.Value]bool)) {
		return errMaybeNil, nil
	}
	return errUnknown, nil
}

// mayBeNil reports whether a merged error value has among its operands
// the nil constant or the error result of a call.
func (fs *pathFacts) mayBeNil(v ssa.Value, seen map[ssa.Value]bool) bool {
	ops, ok := fs.cp.mergeOps(v)
	if !ok || seen[v] {
		return false
	}
	seen[v] = true
	for _, op := range ops {
		switch x := fs.cp.resolve(op).(type) {
		case *ssa.Const:
			if x.IsNil() {
				return true
			}
		case *ssa.Extract:
			if _, ok := x.Tuple.(*ssa.Call); ok && x.Index == 1 {
				return true
			}
		default:
			if fs.mayBeNil(x, seen) {
				return true
			}
		}
	}
	return false
}

// errResult returns the extraction of call's error result, or nil when
// the call's error is never looked at.
func errResult(call *ssa.Call) *ssa.Extract {
	for _, r := range *call.Referrers() {
		if x, ok := r.(*ssa.Extract); ok && x.Index == 1 {
			return x
		}
	}
	return nil
}

// A shortfall is a return that may come up short with a nil error on
// some path.
type shortfall struct {
	ret      *ssa.Return
	origin   origin
	replaced bool      // originInner: the call's error was seen non-nil
	swapped  *ssa.Call // originInner: the call whose error is returned instead
	cause    pathCond  // the condition the shortfall hinges on, if any
	hasCause bool
}

// judge decides whether return ret may come up short with a nil error on
// the path, and why.
func (fs *pathFacts) judge(ret *ssa.Return) *shortfall {
	n, e := ret.Results[0], ret.Results[1]
	o := fs.countOrigin(n)
	if o.kind == originUnknown || fs.infeasible() || fs.full(n) {
		return nil
	}
	ek, ecall := fs.errState(e)
	sf := &shortfall{ret: ret, origin: o}
	switch o.kind {
	case originRead:
		if ek == errIsNil || ek == errOfCall && ecall == o.call {
			return sf
		}
	case originLoop:
		if fs.undecidedLoop(o) {
			return nil
		}
		if ek == errIsNil || ek == errMaybeNil || ek == errOfCall && containsCall(o.reads, ecall) {
			if len(o.heads) > 0 {
				sf.cause, sf.hasCause = fs.loopExit(o)
			}
			return sf
		}
	case originCopy:
		sides := fs.copySides(o.call)
		if ek == errIsNil && !fs.copyFills(o.call, sides) {
			return sf
		}
	case originPrefix:
		if ek == errIsNil || ek == errMaybeNil || ek == errOfCall && ecall == o.call {
			return sf
		}
	case originInner:
		return fs.judgeInner(sf, ek, ecall)
	}
	return nil
}

// copyStoppedByP reports whether the path shows that copy call stopped
// before the end of other, the side that is not p: copy stops at the end
// of the shorter side, so it filled p. Code that sets io.EOF when off+n
// reaches the end of its data, and nil otherwise, says just that.
func (fs *pathFacts) copyStoppedByP(call *ssa.Call, other ssa.Value) bool {
	slack := fs.lenForm(other).plus(fs.form(call), -1) // >= 0: copy's count is at most len(other)
	return fs.positive(slack)
}

// copyFills reports whether the path shows, or leaves undecided,
// that copy call, between p and its other side, fills p.
func (fs *pathFacts) copyFills(call *ssa.Call, sides [2]ssa.Value) bool {
	return fs.implies(fs.lenForm(sides[1]).plus(fs.lenForm(sides[0]), -1)) ||
		fs.boundsLenP() || fs.cp.setByCall(sides[1]) || fs.copyStoppedByP(call, sides[1]) ||
		fs.sizedByCalls(sides[1])
}

// sizedByCalls reports whether slice side, or the slice it is cut from,
// is the result of a call, and a condition on the path weighs len(p)
// against the result of a call, as "if off+len(p) > buf.Cap() {
// w.grow(...) }" does before copying into buf.Bytes(): the code manages
// the size of what it copies through functions this check does not look
// into, so the copy is left undecided.
func (fs *pathFacts) sizedByCalls(side ssa.Value) bool {
	v := side
	for range 8 {
		v = fs.cp.resolve(v)
		s, ok := v.(*ssa.Slice)
		if !ok {
			break
		}
		v = s.X
	}
	if c, ok := v.(*ssa.Call); !ok || isBuiltinCall(c) {
		return false
	}
	lp := fs.lenForm(fs.cp.f.p)
	for _, f := range append(append([]lform(nil), fs.ge...), fs.ne...) {
		withP, withCall := false, false
		for k, c := range f.coef {
			if c == 0 {
				continue
			}
			if lp.coef[k] != 0 {
				withP = true
			}
			if call, ok := fs.atoms[k].v.(*ssa.Call); ok && !isBuiltinCall(call) {
				withCall = true
			}
		}
		if withP && withCall {
			return true
		}
	}
	return false
}

func isBuiltinCall(c *ssa.Call) bool {
	_, ok := c.Call.Value.(*ssa.Builtin)
	return ok
}

// judgeInner decides for a count from a call that fills its buffer or
// fails: only a nil error in place of the call's own can come up short.
func (fs *pathFacts) judgeInner(sf *shortfall, ek errKind, ecall *ssa.Call) *shortfall {
	if ek == errOfCall && ecall != sf.origin.call && calledMethod(ecall.Common()) != "" {
		return fs.judgeSwapped(sf, ecall)
	}
	if ek != errIsNil {
		return nil
	}
	x := errResult(sf.origin.call)
	if x == nil {
		return sf
	}
	switch k, _ := fs.errState(x); k {
	case errIsNil:
		return nil
	case errNotNil:
		sf.replaced = true
		sf.cause, sf.hasCause = fs.nonNil[fs.key(x)]
	}
	return sf
}

// judgeSwapped decides for a count from a call that fills its buffer or
// fails, returned with the error of another call, as in a ReadAt that
// seeks after an inner ReadAt and returns the Seek's error: the inner
// call's error is lost, and the other may be nil. That is short only if
// the inner error is dropped or known to be non-nil on the path.
func (fs *pathFacts) judgeSwapped(sf *shortfall, other *ssa.Call) *shortfall {
	x := errResult(sf.origin.call)
	if x != nil && used(x) {
		k, _ := fs.errState(x)
		if k != errNotNil {
			return nil
		}
		sf.cause, sf.hasCause = fs.nonNil[fs.key(x)]
	}
	sf.replaced, sf.swapped = true, other
	return sf
}

// used reports whether v is used by an instruction other than a debug
// reference: n, _ := f() extracts the error and drops it.
func used(v ssa.Value) bool {
	for _, r := range *v.Referrers() {
		if _, ok := r.(*ssa.DebugRef); !ok {
			return true
		}
	}
	return false
}

// boundsLenP reports whether a condition on the path bounds len(p) from
// above, as "off+len(p) <= end" does. Such a test shows the code keeping
// the read within something this check cannot relate to the source of a
// copy, so that the copy is left undecided.
func (fs *pathFacts) boundsLenP() bool {
	lp := fs.lenForm(fs.cp.f.p)
	for _, f := range fs.ge {
		for k, c := range lp.coef {
			if f.coef[k]*c < 0 {
				return true
			}
		}
	}
	return false
}

// shortPrefix reports whether buf is p[:k] (or p[0:k]) with the path
// showing k < len(p), so that filling buf leaves p short.
func (fs *pathFacts) shortPrefix(buf ssa.Value) bool {
	s, ok := fs.cp.resolve(buf).(*ssa.Slice)
	if !ok || s.High == nil || fs.cp.resolve(s.X) != ssa.Value(fs.cp.f.p) {
		return false
	}
	if s.Low != nil && !fs.form(s.Low).isConst() || s.Low != nil && fs.form(s.Low).konst != 0 {
		return false
	}
	return fs.implies(fs.lenForm(fs.cp.f.p).plus(fs.form(s.High), -1).plus(constForm(1), -1))
}

// undecidedLoop reports whether the conditions on the path test a value
// carried around a loop that the count's sum does not explain, such as a
// separate counter of what is left: such exits are beyond this check.
func (fs *pathFacts) undecidedLoop(o origin) bool {
	for _, k := range sortedAtoms(fs.atoms) {
		a := fs.atoms[k]
		v := fs.cp.resolve(a.v)
		if _, merged := fs.cp.mergeOps(v); !merged || o.heads[v] {
			continue
		}
		if !a.length && isIntegerType(v.Type()) {
			return true
		}
		if a.length && !fs.isRemainder(v, make(map[ssa.Value]bool)) {
			return true
		}
	}
	return false
}

// loopExit returns the condition nearest the return that tests what the
// loop reads: where it can end with p not yet full.
func (fs *pathFacts) loopExit(o origin) (pathCond, bool) {
	for _, c := range fs.conds {
		if fs.dependsOnLoop(c.cond, o, 6) {
			return c, true
		}
	}
	return pathCond{}, false
}

// dependsOnLoop reports whether v is computed, within depth steps, from a
// result of one of the loop's Reads or from a value the loop carries.
func (fs *pathFacts) dependsOnLoop(v ssa.Value, o origin, depth int) bool {
	v = fs.cp.resolve(v)
	if depth == 0 || v == nil {
		return false
	}
	if o.heads[v] {
		return true
	}
	if x, ok := v.(*ssa.Extract); ok {
		if call, ok := x.Tuple.(*ssa.Call); ok && containsCall(o.reads, call) {
			return true
		}
	}
	instr, ok := v.(ssa.Instruction)
	if !ok {
		return false
	}
	for _, op := range instr.Operands(nil) {
		if *op != nil && fs.dependsOnLoop(*op, o, depth-1) {
			return true
		}
	}
	return false
}
