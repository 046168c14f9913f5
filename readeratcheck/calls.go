package readeratcheck

import (
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// doCall applies a call to the flow state: the locks it takes or
// releases, and, if s is not nil, the mutations it performs.
func (fr *frame) doCall(c *ssa.CallCommon, instr ssa.Instruction, st *flowState, s *summary,
	inGo bool) *flowState {

	pos := instrPos(instr)
	if b, ok := c.Value.(*ssa.Builtin); ok {
		if s != nil {
			fr.builtin(b, c.Args, pos, st.locks, s, inGo)
		}
		return st
	}
	if c.IsInvoke() {
		return fr.invoke(c, pos, st, s, inGo)
	}

	// A function or closure of this package: analyse its body in the
	// caller's context; a function value that may be one of several:
	// each of them.
	callee := c.StaticCallee()
	fv := fr.value(c.Value)
	if fv.kind == kClosure {
		out := fr.callClosures(fv, c.Args, pos, st, s, inGo)
		if len(fv.alts) == 0 && out.locks.equal(st.locks) {
			// A lock of the package's own making whose body the
			// analysis does not see as locking (a spin lock on
			// atomics, say) still locks.
			out = fr.customLock(fv.fn, c.Args, out)
		}
		return out
	}
	if callee == nil {
		// An unknown function value: what it calls back runs now.
		fr.callbacks(c.Args, pos, st, s, inGo)
		return st
	}
	if fr.in.isLocal(callee) {
		out := fr.callLocal(callee, c.Args, nil, pos, st, s, inGo)
		if out.locks.equal(st.locks) {
			out = fr.customLock(callee, c.Args, out)
		}
		return out
	}
	return fr.callExternal(callee, c.Args, pos, st, s, inGo)
}

// customLock applies a call of a Lock, Unlock, RLock or RUnlock method
// of a mutex type that is not one of the sync package's.
func (fr *frame) customLock(callee *ssa.Function, args []ssa.Value, st *flowState) *flowState {
	obj, _ := callee.Object().(*types.Func)
	if obj == nil || len(args) == 0 {
		return st
	}
	if o := obj.Origin(); o != nil {
		obj = o
	}
	if !isLockShaped(obj) || (callee.Blocks != nil && fileLock(callee, 2)) {
		return st
	}
	var f mutatesFact
	if obj.Pkg() != fr.in.pass.Pkg && importSummary(fr.in.pass, obj, &f) && f.FileLock {
		return st
	}
	r := fr.value(args[0])
	if r.kind != kAddr {
		return st
	}
	switch obj.Name() {
	case "Lock":
		return st.withLocks(st.locks.acquire(r.loc, false))
	case "RLock":
		return st.withLocks(st.locks.acquire(r.loc, true))
	default:
		return st.withLocks(st.locks.release(r.loc))
	}
}

// callClosures analyses a call of fv, a function value that may be any of
// its alternatives. The locks after the call are those held after all.
func (fr *frame) callClosures(fv absVal, args []ssa.Value, pos token.Pos, st *flowState,
	s *summary, inGo bool) *flowState {

	var out *flowState
	for _, alt := range append([]absVal{fv}, fv.alts...) {
		next := fr.callLocal(alt.fn, args, alt.bindings, pos, st, s, inGo)
		if out == nil {
			out = next
		} else {
			out = st.withLocks(meet(out.locks, next.locks))
		}
	}
	return out
}

// callbacks analyses the functions of this package passed to a call the
// analysis cannot follow, such as sort.Slice or an iterator of another
// package: they are assumed to run during the call, with the caller's
// locks held.
func (fr *frame) callbacks(args []ssa.Value, pos token.Pos, st *flowState, s *summary, inGo bool) {
	if s == nil {
		return
	}
	for _, a := range args {
		fv := fr.value(a)
		if fv.kind != kClosure {
			continue
		}
		// The callback's parameters are whatever the callee passes,
		// which the analysis does not know: nothing shared.
		for _, alt := range append([]absVal{fv}, fv.alts...) {
			sub := fr.in.call(alt.fn, nil, alt.bindings, st.locks, fr.depth+1)
			h := hop{pos: pos, callee: calleeName(alt.fn)}
			for _, e := range sub.effects {
				e.chain = append([]hop{h}, e.chain...)
				e.inGo = e.inGo || inGo
				s.add(e)
			}
		}
	}
}

// callbackState returns the state in which the functions passed to obj,
// a function of another package, run: the caller's, and, if obj takes a
// lock and may call them while holding it, that lock as well. Which lock
// is not known, so it stands for itself and guards any write.
func (fr *frame) callbackState(obj *types.Func, st *flowState) *flowState {
	var f mutatesFact
	if !importSummary(fr.in.pass, obj, &f) || !f.Syncs {
		return st
	}
	held := path{root: "lock of " + funcName(obj), global: true}
	return st.withLocks(st.locks.acquire(held, false))
}

// spawns reports whether obj, a function of another package, runs the
// functions it is passed on goroutines of its own, by its summary or
// because it is one of the standard functions that call them later, on
// another goroutine.
func (fr *frame) spawns(obj *types.Func) bool {
	if obj.Pkg() != nil && obj.Signature().Recv() == nil {
		switch obj.Pkg().Path() + "." + obj.Name() {
		case "time.AfterFunc", "context.AfterFunc", "runtime.SetFinalizer",
			"runtime.AddCleanup", "os/signal.Notify":
			return true
		}
	}
	var f mutatesFact
	return importSummary(fr.in.pass, obj, &f) && f.Spawns
}

// callLocal analyses a call of a function whose body is in this package.
func (fr *frame) callLocal(callee *ssa.Function, args []ssa.Value, free []absVal, pos token.Pos,
	st *flowState, s *summary, inGo bool) *flowState {

	target := callee
	if o := callee.Origin(); o != nil && o.Blocks != nil && callee.Blocks == nil {
		target = o
	}
	params := make([]absVal, len(args))
	for i, a := range args {
		params[i] = fr.value(a)
	}
	sub := fr.in.call(target, params, free, st.locks, fr.depth+1)
	if s != nil {
		h := hop{pos: pos, callee: calleeName(callee)}
		for _, e := range sub.effects {
			e.chain = append([]hop{h}, e.chain...)
			e.inGo = e.inGo || inGo
			s.effects = append(s.effects, e)
		}
	}
	if inGo || sub.exit == nil {
		return st
	}
	return st.withLocks(sub.exit)
}

// callExternal applies a call of a function of another package: a lock
// operation, a known stream method, or what its summary fact says.
func (fr *frame) callExternal(callee *ssa.Function, args []ssa.Value, pos token.Pos,
	st *flowState, s *summary, inGo bool) *flowState {

	obj, _ := callee.Object().(*types.Func)
	if obj == nil || obj.Pkg() == nil {
		return st
	}
	if o := obj.Origin(); o != nil {
		obj = o
	}
	sig := obj.Signature()

	// The sync and sync/atomic packages: locks, and operations that are
	// safe for concurrent use by design (Once.Do, Pool, Map, WaitGroup).
	switch obj.Pkg().Path() {
	case "sync":
		if sig.Recv() != nil && len(args) > 0 {
			return fr.syncMethod(recvTypeName(sig), obj.Name(), args[0], st)
		}
		return st
	case "sync/atomic":
		return st
	}
	if isLockShaped(obj) {
		return fr.customLock(callee, args, st)
	}

	if fr.spawns(obj) {
		// Run on goroutines of their own, holding none of our locks.
		fr.callbacks(args, pos, &flowState{locks: lockset{}}, s, true)
	} else {
		fr.callbacks(args, pos, fr.callbackState(obj, st), s, inGo)
	}
	var recv absVal
	var rest []ssa.Value
	if sig.Recv() != nil && len(args) > 0 {
		recv, rest = fr.value(args[0]), args[1:]
	} else {
		rest = args
	}
	if s != nil {
		if sig.Recv() != nil {
			fr.methodEffects(obj, sig.Recv().Type(), recv, rest, pos, st.locks, s, inGo)
		} else {
			fr.applyFact(obj, nil, rest, pos, st.locks, s, inGo)
		}
	}
	return fr.applyFactLocks(obj, args, st)
}

// methodEffects records the mutations of a call of method obj, of
// another package or of an interface, on receiver recv.
func (fr *frame) methodEffects(obj *types.Func, recvType types.Type, recv absVal, args []ssa.Value,
	pos token.Pos, locks lockset, s *summary, inGo bool) {

	// ReadAt and WriteAt are safe for parallel use by contract, but a
	// shared buffer passed as the destination of ReadAt is written.
	if isAtMethod(obj) {
		if obj.Name() == "ReadAt" && len(args) > 0 {
			fr.destination(args[0], pos, locks, s, inGo)
		}
		return
	}
	verb := fr.in.streams.verb(obj, recvType)
	if verb != "" && seekQuery(obj, recvType, args) {
		verb = "" // asks where the stream is, or how long a file is
	}
	if verb != "" && recv.isShared() && !foreignGlobal(recv, fr) {
		s.add(effect{loc: recv.object(), verb: verb, pos: pos, locks: locks, inGo: inGo})
	}
	if isReadMethod(obj) && len(args) > 0 {
		fr.destination(args[0], pos, locks, s, inGo)
	}
	if verb == "" {
		fr.applyFact(obj, &recv, args, pos, locks, s, inGo)
	}
}

// destination records a read into buf if buf is a shared buffer.
func (fr *frame) destination(buf ssa.Value, pos token.Pos, locks lockset, s *summary, inGo bool) {
	if b := fr.value(buf); b.kind == kRef {
		s.add(effect{loc: b.loc, verb: "reads into", pos: pos, locks: locks, inGo: inGo})
	}
}

// foreignGlobal reports whether v is rooted at a variable of another
// package, such as crypto/rand.Reader or os.Stdin: such streams are that
// package's business.
func foreignGlobal(v absVal, fr *frame) bool {
	return v.loc.global && len(v.loc.root) > 0 && containsDot(v.loc.root)
}

func containsDot(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '.' {
			return true
		}
	}
	return false
}

// invoke applies a call of an interface method.
func (fr *frame) invoke(c *ssa.CallCommon, pos token.Pos, st *flowState, s *summary,
	inGo bool) *flowState {

	recv := fr.value(c.Value)
	m := c.Method
	if isLockerMethod(m) {
		// A shared sync.Locker, or a mutex passed as one (&r.mu); the
		// Locker of RWMutex.RLocker takes the read lock.
		if !recv.isShared() {
			return st
		}
		switch m.Name() {
		case "Lock":
			return st.withLocks(st.locks.acquire(recv.loc, recv.rlocker))
		case "RLock":
			return st.withLocks(st.locks.acquire(recv.loc, true))
		case "Unlock", "RUnlock":
			return st.withLocks(st.locks.release(recv.loc))
		}
	}
	fr.callbacks(c.Args, pos, st, s, inGo)
	if s != nil {
		fr.methodEffects(m, c.Value.Type(), recv, c.Args, pos, st.locks, s, inGo)
	}
	return st
}

// syncMethod applies a method of a sync type to the lock state.
func (fr *frame) syncMethod(typeName, name string, recvArg ssa.Value, st *flowState) *flowState {
	if typeName != "Mutex" && typeName != "RWMutex" {
		return st
	}
	r := fr.value(recvArg)
	if r.kind != kAddr {
		// A mutex local to the call protects nothing shared.
		return st
	}
	switch name {
	case "Lock":
		return st.withLocks(st.locks.acquire(r.loc, false))
	case "RLock":
		return st.withLocks(st.locks.acquire(r.loc, true))
	case "Unlock", "RUnlock":
		return st.withLocks(st.locks.release(r.loc))
	}
	return st
}

// tryLock reports whether c is a TryLock or TryRLock call on a shared
// mutex, and which.
func (fr *frame) tryLock(c *ssa.CallCommon) (loc path, read bool, ok bool) {
	callee := c.StaticCallee()
	if callee == nil || len(c.Args) == 0 {
		return path{}, false, false
	}
	obj, _ := callee.Object().(*types.Func)
	if obj == nil || obj.Pkg() == nil || obj.Pkg().Path() != "sync" {
		return path{}, false, false
	}
	if obj.Name() != "TryLock" && obj.Name() != "TryRLock" {
		return path{}, false, false
	}
	r := fr.value(c.Args[0])
	if r.kind != kAddr {
		return path{}, false, false
	}
	return r.loc, obj.Name() == "TryRLock", true
}

// builtin records the mutations of delete, clear and copy on shared
// maps and slices.
func (fr *frame) builtin(b *ssa.Builtin, args []ssa.Value, pos token.Pos, locks lockset,
	s *summary, inGo bool) {

	verbs := map[string]string{"delete": "deletes from", "clear": "clears", "copy": "copies into"}
	verb := verbs[b.Name()]
	if b.Name() == "append" && len(args) > 0 {
		// append(r.buf[:0], ...) cuts r.buf to reuse its array: it
		// writes there. A plain append(r.buf, ...) writes in place only
		// if there is room, which the analysis cannot tell.
		// append(r.buf[:n:n], ...) has no room: it always copies.
		if sl, ok := args[0].(*ssa.Slice); ok && sl.High != nil &&
			(sl.Max == nil || !sameInt(sl.High, sl.Max)) {
			verb = "appends into"
		}
	}
	if verb == "" || len(args) == 0 {
		return
	}
	if a := fr.value(args[0]); a.kind == kRef {
		s.add(effect{loc: a.loc, verb: verb, pos: pos, locks: locks, inGo: inGo})
	}
}

// results returns what is known of the results of a call: for functions
// of this package, what their bodies return.
func (fr *frame) results(c *ssa.CallCommon) []absVal {
	if c.IsInvoke() {
		return nil
	}
	callee := c.StaticCallee()
	var free []absVal
	if fv := fr.value(c.Value); fv.kind == kClosure {
		callee, free = fv.fn, fv.bindings
	}
	if callee == nil {
		return nil
	}
	if isRLocker(callee) && len(c.Args) == 1 {
		if mu := fr.value(c.Args[0]); mu.kind == kAddr {
			return []absVal{{kind: kAddr, loc: mu.loc, rlocker: true}}
		}
	}
	if !fr.in.isLocal(callee) {
		return nil
	}
	if o := callee.Origin(); o != nil && o.Blocks != nil && callee.Blocks == nil {
		callee = o
	}
	params := make([]absVal, len(c.Args))
	for i, a := range c.Args {
		params[i] = fr.value(a)
	}
	return fr.in.call(callee, params, free, lockset{}, fr.depth+1).rets
}

// isRLocker reports whether fn is sync.(*RWMutex).RLocker.
func isRLocker(fn *ssa.Function) bool {
	obj, _ := fn.Object().(*types.Func)
	return obj != nil && obj.Pkg() != nil && obj.Pkg().Path() == "sync" && obj.Name() == "RLocker"
}

// calleeName spells a function of this package for a message, without
// the suffixes of the SSA builder's wrappers ($bound, $thunk).
func calleeName(fn *ssa.Function) string {
	if o := fn.Origin(); o != nil {
		fn = o
	}
	if obj, ok := fn.Object().(*types.Func); ok && fn.Synthetic != "" {
		return funcName(obj)
	}
	if fn.Parent() != nil {
		return "a function literal in " + calleeName(fn.Parent())
	}
	if recv := fn.Signature.Recv(); recv != nil {
		return "(" + typeString(recv.Type()) + ")." + fn.Name()
	}
	return fn.Name()
}

// typeString spells a receiver type without its package: "*Blob".
func typeString(t types.Type) string {
	return types.TypeString(t, func(*types.Package) string { return "" })
}

func recvTypeName(sig *types.Signature) string {
	t := sig.Recv().Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := t.(*types.Named); ok {
		return n.Obj().Name()
	}
	return ""
}

// fileLock reports whether fn, the body of a Lock or Unlock method,
// calls into the system (flock, fcntl): a lock on a file excludes other
// processes, not the goroutines of this one.
func fileLock(fn *ssa.Function, depth int) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			callee := call.Common().StaticCallee()
			if callee == nil || callee.Pkg == nil {
				continue
			}
			switch callee.Pkg.Pkg.Path() {
			case "syscall", "golang.org/x/sys/unix", "golang.org/x/sys/windows", "os":
				return true
			}
			local := callee.Pkg == fn.Pkg && callee.Blocks != nil
			if depth > 0 && local && fileLock(callee, depth-1) {
				return true
			}
		}
	}
	return false
}

// sameInt reports whether integer values a and b are the same: one
// value, equal constants, or len of one value.
func sameInt(a, b ssa.Value) bool {
	if a == b {
		return true
	}
	if ca, ok := a.(*ssa.Const); ok {
		if cb, ok := b.(*ssa.Const); ok && ca.Value != nil && cb.Value != nil {
			return constant.Compare(ca.Value, token.EQL, cb.Value)
		}
	}
	la, ok1 := a.(*ssa.Call)
	lb, ok2 := b.(*ssa.Call)
	if !ok1 || !ok2 || len(la.Call.Args) != 1 || len(lb.Call.Args) != 1 {
		return false
	}
	ba, ok1 := la.Call.Value.(*ssa.Builtin)
	bb, ok2 := lb.Call.Value.(*ssa.Builtin)
	return ok1 && ok2 && ba.Name() == "len" && bb.Name() == "len" &&
		la.Call.Args[0] == lb.Call.Args[0]
}

// seekQuery reports whether a Seek call only asks: Seek(0,
// io.SeekCurrent) does not move, and Seek(0, io.SeekEnd) on an *os.File
// is the usual way to learn its size, harmless to a file only read with
// ReadAt (os.File's methods are safe for concurrent use; a moved offset
// matters to Read, which the analysis reports where it is used).
func seekQuery(obj *types.Func, recvType types.Type, args []ssa.Value) bool {
	if obj.Name() != "Seek" || len(args) != 2 {
		return false
	}
	off, ok1 := args[0].(*ssa.Const)
	whence, ok2 := args[1].(*ssa.Const)
	if !ok1 || !ok2 || off.Value == nil || whence.Value == nil {
		return false
	}
	o, _ := constant.Int64Val(off.Value)
	w, _ := constant.Int64Val(whence.Value)
	if o != 0 {
		return false
	}
	if w == 1 {
		return true
	}
	return w == 2 && isOSFile(recvType)
}

// isOSFile reports whether t is *os.File.
func isOSFile(t types.Type) bool {
	p, ok := t.(*types.Pointer)
	if !ok {
		return false
	}
	n, ok := types.Unalias(p.Elem()).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "os" && n.Obj().Name() == "File"
}
