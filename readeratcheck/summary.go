package readeratcheck

import (
	"cmp"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// summariesFact is the analysis fact of a package: the summaries of the
// functions and methods other packages can call, sorted by name. One fact
// per package rather than one per function keeps the drivers' books
// small: the x/tools checker copies every dependency's object facts into
// each package it analyses, and go vet encodes each object's path.
type summariesFact struct {
	Funcs []funcFact
}

// A funcFact is the summary of one function, named as funcFactName does.
type funcFact struct {
	Name string
	Fact mutatesFact
}

func (*summariesFact) AFact() {}

func (f *summariesFact) String() string {
	parts := make([]string, len(f.Funcs))
	for i, ff := range f.Funcs {
		parts[i] = ff.Name + ": " + ff.Fact.String()
	}
	return "summaries(" + strings.Join(parts, "; ") + ")"
}

// funcFactName names a function in its package's summaries: "F" for a
// function, "T.M" for a method of T or *T, or "" for an interface's.
func funcFactName(fn *types.Func) string {
	fn = fn.Origin()
	recv := fn.Signature().Recv()
	if recv == nil {
		return fn.Name()
	}
	named, _ := receiverNamed(recv.Type())
	if named == nil || types.IsInterface(named) {
		return ""
	}
	return named.Obj().Name() + "." + fn.Name()
}

// importSummary sets *f to the summary of fn, a function of this package
// or of one it depends on, and reports whether there is one.
func importSummary(pass *analysis.Pass, fn *types.Func, f *mutatesFact) bool {
	if fn.Pkg() == nil {
		return false
	}
	name := funcFactName(fn)
	if name == "" {
		return false
	}
	var sf summariesFact
	if !pass.ImportPackageFact(fn.Pkg(), &sf) {
		return false
	}
	i, ok := slices.BinarySearchFunc(sf.Funcs, name, func(ff funcFact, name string) int {
		return strings.Compare(ff.Name, name)
	})
	if !ok {
		return false
	}
	*f = sf.Funcs[i].Fact
	return true
}

// mutatesFact summarises, for a function or method, what it mutates
// through its parameters (the receiver is parameter 0) and which locks
// on parameter-reachable mutexes it leaves acquired or released.
//
// Summaries come from syntax and type information only, so that
// packages without candidates never pay for SSA. A function that takes
// any lock is assumed to synchronise itself and exports no mutations.
type mutatesFact struct {
	Muts  []factMut
	Locks []factLock

	// Syncs says that the function takes a lock and has a parameter of
	// function type: the functions passed to it may run under its lock,
	// as in a guard's Do(func()).
	Syncs bool

	// Spawns says that the function starts a goroutine that calls one
	// of its function parameters: what that function does, it does in
	// parallel with the caller.
	Spawns bool

	// FileLock says that the function is the Lock or Unlock method of a
	// lock on a file (it calls into the system): it excludes other
	// processes, not goroutines, and is no mutex.
	FileLock bool
}

// A factMut is one mutation: of the location reached from parameter
// Param by Steps, or, if Ref, of what the reference stored there refers
// to.
type factMut struct {
	Param int
	Steps []string
	Verb  string
	Ref   bool
}

// A factLock is a lock left acquired (or, if Release, released) on the
// mutex reached from parameter Param by Steps.
type factLock struct {
	Param   int
	Steps   []string
	Read    bool
	Release bool
}

func (f *mutatesFact) String() string {
	var parts []string
	for _, m := range f.Muts {
		parts = append(parts, fmt.Sprintf("%s p%d%s", m.Verb, m.Param, strings.Join(m.Steps, "")))
	}
	for _, l := range f.Locks {
		verb := "locks"
		if l.Release {
			verb = "unlocks"
		}
		parts = append(parts, fmt.Sprintf("%s p%d%s", verb, l.Param, strings.Join(l.Steps, "")))
	}
	if f.Syncs {
		parts = append(parts, "runs callbacks under its lock")
	}
	if f.Spawns {
		parts = append(parts, "runs callbacks on goroutines")
	}
	if f.FileLock {
		parts = append(parts, "locks a file")
	}
	return "mutates(" + strings.Join(parts, ", ") + ")"
}

// noArg is the param of a call argument that is not parameter-based.
const noArg = -1

// Bounds on summaries, to keep facts small.
const (
	maxFactMuts   = 16
	maxSummRounds = 8
)

// A vpath is a value computed from a parameter: the value stored at the
// location reached by steps, or, if addr, the address of that location.
// As a call's argument, param noArg marks a value that is not
// parameter-based.
type vpath struct {
	param int
	steps []step
	addr  bool
}

// A funcSumm is the summary of one function being computed.
type funcSumm struct {
	arena   *summArena
	obj     *types.Func
	params  []*types.Var // receiver first
	aliases map[*types.Var]vpath
	names   []string  // the names of the parameters' aliases
	muts    []summMut // without duplicates, at most maxFactMuts
	sorted  []summMut // muts in a fixed order, once asked for
	calls   []summCall

	// byCallee indexes calls by callee, once there are many.
	byCallee map[*types.Func][]int

	callers []*funcSumm // the summarised functions that call this one
	queued  bool        // waiting for its callees to be substituted again

	locks    bool // synchronises (takes a lock, swaps atomically): exports no mutations
	guards   bool // calls a function parameter under a deferred unlock
	spawns   bool // starts a goroutine that calls a function parameter
	fileLock bool // a Lock or Unlock that locks a file
	acq      map[string]factLock
	rel      map[string]factLock
}

// A summCall is a call whose callee's summary is substituted into the
// caller's once known.
type summCall struct {
	callee  *types.Func
	args    []vpath // by callee parameter index, receiver first; param noArg if not parameter-based
	applied int     // how many of the callee's mutations were last substituted; -1: none yet
}

// summarize computes the summaries of the package's functions and
// exports those that other packages can call as facts. It keeps *where,
// the function at hand, up to date for internal error messages.
func summarize(pass *analysis.Pass, where **types.Func) {
	// The variant of a package compiled with its tests is imported only by
	// its own external tests: its facts are not worth computing again.
	for _, f := range pass.Files {
		if isTestFile(pass, f) {
			return
		}
	}

	arena := arenas.Get().(*summArena)
	defer arena.release()
	sm := &summarizer{
		pass:     pass,
		arena:    arena,
		sums:     arena.sums,
		external: make(map[*types.Func][]summMut),
		streams:  make(streamCache),
	}
	// Summarise the functions other packages can call, and, on demand,
	// the functions of this package that they call: the others can
	// never matter to a fact.
	decls := arena.decls
	var roots []*types.Func
	embedded := &embeddedSet{pass: pass}
	for _, file := range pass.Files {
		for _, decl := range file.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			obj, _ := pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if obj == nil || !mayMutateParams(obj) {
				// Nothing it does can reach its caller's memory.
				continue
			}
			decls[obj] = fd
			if callableElsewhere(obj, embedded) {
				roots = append(roots, obj)
			}
		}
	}
	// A callee that some summarised function passes parameter-based
	// values to is summarised in full; one that is only called without
	// them can matter to its callers only by synchronising, and only
	// that is looked for (after all full summaries, so that a function
	// needed in full is never scanned for locks alone).
	var order []*funcSumm
	var lockOnly []*types.Func
	summ := func(obj *types.Func, full bool) {
		*where = obj
		fs := newFuncSumm(sm, obj, decls[obj], !full)
		sm.sums[obj] = fs
		order = append(order, fs)
		for _, c := range fs.calls {
			if _, ok := decls[c.callee]; !ok {
				continue
			}
			if _, done := sm.sums[c.callee]; done {
				continue
			}
			if full && c.args != nil {
				roots = append(roots, c.callee)
			} else {
				lockOnly = append(lockOnly, c.callee)
			}
		}
	}
	for len(roots) > 0 || len(lockOnly) > 0 {
		var obj *types.Func
		full := len(roots) > 0
		if full {
			obj, roots = roots[len(roots)-1], roots[:len(roots)-1]
		} else {
			obj, lockOnly = lockOnly[len(lockOnly)-1], lockOnly[:len(lockOnly)-1]
		}
		if _, done := sm.sums[obj]; !done {
			summ(obj, full)
		}
	}

	// Substitute callee summaries into callers until nothing changes,
	// revisiting only the callers of what changed.
	for _, fs := range order {
		for _, c := range fs.calls {
			if cs, ok := sm.sums[c.callee]; ok {
				cs.callers = append(cs.callers, fs)
			}
		}
		fs.queued = true
	}
	work := append([]*funcSumm(nil), order...)
	for budget := 20 * (len(order) + 1); len(work) > 0 && budget > 0; budget-- {
		fs := work[len(work)-1]
		work = work[:len(work)-1]
		fs.queued = false
		*where = fs.obj
		if !sm.substitute(fs) {
			continue
		}
		for _, c := range fs.callers {
			if !c.queued {
				c.queued = true
				work = append(work, c)
			}
		}
	}

	var funcs []funcFact
	for _, fs := range order {
		if !fs.hasFact() || !callableElsewhere(fs.obj, embedded) {
			continue
		}
		funcs = append(funcs, funcFact{Name: funcFactName(fs.obj), Fact: *fs.fact()})
	}
	if len(funcs) > 0 {
		slices.SortFunc(funcs, func(a, b funcFact) int { return strings.Compare(a.Name, b.Name) })
		pass.ExportPackageFact(&summariesFact{Funcs: funcs})
	}
}

// A summarizer holds the state of summarising one package.
type summarizer struct {
	pass     *analysis.Pass
	arena    *summArena
	sums     map[*types.Func]*funcSumm
	external map[*types.Func][]summMut // decoded facts of other packages' functions
	streams  streamCache
}

// isTestFile reports whether file is a _test.go file.
func isTestFile(pass *analysis.Pass, file *ast.File) bool {
	return strings.HasSuffix(pass.Fset.File(file.Pos()).Name(), "_test.go")
}

// externalMuts returns the mutations that the fact of fn, a function of
// another package, records, decoded once.
func (sm *summarizer) externalMuts(fn *types.Func) []summMut {
	if muts, ok := sm.external[fn]; ok {
		return muts
	}
	var muts []summMut
	var f mutatesFact
	if importSummary(sm.pass, fn, &f) {
		for _, m := range f.Muts {
			steps := decodeSteps(m.Steps)
			muts = append(muts, summMut{param: m.Param, steps: steps, verb: m.Verb, ref: m.Ref})
		}
	}
	sm.external[fn] = muts
	return muts
}

// callableElsewhere reports whether other packages can call fn directly,
// so that its summary is worth a fact: an exported function, or an
// exported method of an exported type or of a type embedded in another.
// ReadAt and WriteAt are left out: callers rely on their contract.
func callableElsewhere(fn *types.Func, embedded *embeddedSet) bool {
	if !fn.Exported() || isAtMethod(fn) {
		return false
	}
	recv := fn.Signature().Recv()
	if recv == nil {
		return true
	}
	named, _ := receiverNamed(recv.Type())
	return named != nil && (named.Obj().Exported() || embedded.has(named.Obj()))
}

// An embeddedSet is the set of embeddedTypes, computed when first needed.
type embeddedSet struct {
	pass *analysis.Pass
	set  map[*types.TypeName]bool
}

func (e *embeddedSet) has(tn *types.TypeName) bool {
	if e.set == nil {
		e.set = embeddedTypes(e.pass)
	}
	return e.set[tn]
}

// embeddedTypes returns the package's named types that some struct type
// of the package embeds: their methods are promoted to other types.
func embeddedTypes(pass *analysis.Pass) map[*types.TypeName]bool {
	out := make(map[*types.TypeName]bool)
	for _, file := range pass.Files {
		for _, decl := range file.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.TYPE {
				continue
			}
			for _, spec := range gd.Specs {
				tn, _ := pass.TypesInfo.Defs[spec.(*ast.TypeSpec).Name].(*types.TypeName)
				if tn == nil {
					continue
				}
				st, ok := tn.Type().Underlying().(*types.Struct)
				if !ok {
					continue
				}
				for f := range st.Fields() {
					if !f.Embedded() {
						continue
					}
					if n, _ := receiverNamed(f.Type()); n != nil && n.Obj().Pkg() == pass.Pkg {
						out[n.Obj()] = true
					}
				}
			}
		}
	}
	return out
}

// newFuncSumm summarises fd, or with locksOnly, finds only whether it
// synchronises and which functions of the package it calls.
func newFuncSumm(sm *summarizer, obj *types.Func, fd *ast.FuncDecl, locksOnly bool) *funcSumm {
	// The maps are made when first written: most functions need none.
	fs := sm.arena.newSumm()
	fs.arena = sm.arena
	fs.obj = obj
	sig := obj.Signature()
	if sig.Recv() != nil {
		fs.params = append(fs.params, sig.Recv())
	}
	for p := range sig.Params().Variables() {
		fs.params = append(fs.params, p)
	}
	w := &summWalker{pass: sm.pass, arena: sm.arena, fs: fs, streams: sm.streams,
		locksOnly: locksOnly}
	w.block(fd.Body)
	if hasFuncParam(sig) {
		fs.guards = guardsCallbacks(sm.pass.TypesInfo, fd)
		fs.spawns = spawnsCallbacks(sm.pass.TypesInfo, fd)
	}
	fs.fileLock = isLockShaped(obj) && callsSystem(sm.pass.TypesInfo, fd.Body)
	return fs
}

// param returns the index of v among fs's parameters, or -1.
func (fs *funcSumm) param(v *types.Var) int {
	for i, p := range fs.params {
		if p == v {
			return i
		}
	}
	return -1
}

func (fs *funcSumm) hasFact() bool {
	return (!fs.locks && len(fs.muts) > 0) || len(fs.acq) > 0 || len(fs.rel) > 0 ||
		fs.syncsCallbacks() || fs.spawns || fs.fileLock
}

// syncsCallbacks reports whether fs takes a lock and calls the functions
// it is passed while holding it.
func (fs *funcSumm) syncsCallbacks() bool { return fs.locks && fs.guards }

// guardsCallbacks reports whether fd is a guard: it locks a mutex, defers
// its unlock, never unlocks it otherwise, and calls a parameter of
// function type directly after the lock, not from a goroutine or a
// function literal. singleflight's Do, which unlocks before it calls,
// and a pool that starts the function on a goroutine are not guards.
func guardsCallbacks(info *types.Info, fd *ast.FuncDecl) bool {
	if fd.Body == nil {
		return false
	}
	var mu string
	locked := -1
	for i, st := range fd.Body.List {
		switch st := st.(type) {
		case *ast.ExprStmt:
			if x, name := lockCallOf(st.X); name == "Lock" && mu == "" {
				mu, locked = x, i
			}
		case *ast.DeferStmt:
			if x, name := lockCallOf(st.Call); name == "Unlock" && x == mu && mu != "" {
				return callsFuncParam(info, fd, fd.Body.List[locked+1:]) &&
					!unlocksElsewhere(fd.Body, mu, st)
			}
		}
	}
	return false
}

// hasFuncParam reports whether sig has a parameter of function type.
func hasFuncParam(sig *types.Signature) bool {
	for p := range sig.Params().Variables() {
		if _, ok := p.Type().Underlying().(*types.Signature); ok {
			return true
		}
	}
	return false
}

// spawnsCallbacks reports whether fd starts a goroutine that calls a
// parameter of function type: go f(), or go func() { ... f() ... }().
func spawnsCallbacks(info *types.Info, fd *ast.FuncDecl) bool {
	if fd.Body == nil {
		return false
	}
	found := false
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		g, ok := n.(*ast.GoStmt)
		if !ok || found {
			return !found
		}
		if callsParam(info, fd, g.Call) {
			found = true
		} else if lit, ok := g.Call.Fun.(*ast.FuncLit); ok {
			found = callsFuncParamIn(info, fd, lit.Body)
		}
		return !found
	})
	return found
}

// callsFuncParamIn reports whether body calls a function parameter of
// fd directly, function literals inside it included.
func callsFuncParamIn(info *types.Info, fd *ast.FuncDecl, body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && callsParam(info, fd, call) {
			found = true
		}
		return !found
	})
	return found
}

// callsParam reports whether call calls a parameter of fd of function
// type.
func callsParam(info *types.Info, fd *ast.FuncDecl, call *ast.CallExpr) bool {
	id, ok := call.Fun.(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := info.Uses[id].(*types.Var)
	if !ok || v.Parent() != info.Scopes[fd.Type] {
		return false
	}
	_, isFunc := v.Type().Underlying().(*types.Signature)
	return isFunc
}

// callsSystem reports whether body uses the system call packages (or
// os), as the Lock of a file lock does.
func callsSystem(info *types.Info, body *ast.BlockStmt) bool {
	if body == nil {
		return false
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok || found {
			return !found
		}
		if id, ok := sel.X.(*ast.Ident); ok {
			if pn, ok := info.Uses[id].(*types.PkgName); ok && systemPackage(pn.Imported().Path()) {
				found = true
			}
		}
		return !found
	})
	return found
}

func systemPackage(path string) bool {
	switch path {
	case "syscall", "golang.org/x/sys/unix", "golang.org/x/sys/windows", "os":
		return true
	}
	return false
}

// lockCallOf returns the receiver, as text, and the method of a call
// x.Lock(), x.RLock(), x.Unlock() or x.RUnlock(), taking the read forms
// for the plain ones.
func lockCallOf(e ast.Expr) (string, string) {
	call, ok := e.(*ast.CallExpr)
	if !ok || len(call.Args) != 0 {
		return "", ""
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return "", ""
	}
	switch sel.Sel.Name {
	case "Lock", "RLock":
		return types.ExprString(sel.X), "Lock"
	case "Unlock", "RUnlock":
		return types.ExprString(sel.X), "Unlock"
	}
	return "", ""
}

// callsFuncParam reports whether the statements call a parameter of fd
// of function type directly, outside goroutines and function literals.
func callsFuncParam(info *types.Info, fd *ast.FuncDecl, stmts []ast.Stmt) bool {
	found := false
	for _, st := range stmts {
		ast.Inspect(st, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.GoStmt, *ast.FuncLit:
				return false
			case *ast.CallExpr:
				found = found || callsParam(info, fd, n)
			}
			return !found
		})
	}
	return found
}

// unlocksElsewhere reports whether body unlocks mu other than by the
// deferred call d.
func unlocksElsewhere(body *ast.BlockStmt, mu string, d *ast.DeferStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if n == d {
			return false
		}
		if e, ok := n.(ast.Expr); ok {
			if x, name := lockCallOf(e); name == "Unlock" && x == mu {
				found = true
			}
		}
		return !found
	})
	return found
}

func (fs *funcSumm) fact() *mutatesFact {
	f := &mutatesFact{Syncs: fs.syncsCallbacks(), Spawns: fs.spawns, FileLock: fs.fileLock}
	if !fs.locks {
		for _, m := range fs.sortedMuts() {
			steps := encodeSteps(m.steps)
			f.Muts = append(f.Muts, factMut{Param: m.param, Steps: steps, Verb: m.verb, Ref: m.ref})
		}
	}
	for _, l := range fs.acq {
		f.Locks = append(f.Locks, l)
	}
	for _, l := range fs.rel {
		f.Locks = append(f.Locks, l)
	}
	sortLocks(f)
	return f
}

// A summMut is a mutation in a summary being computed: factMut with its
// steps decoded.
type summMut struct {
	param int
	steps []step
	verb  string
	ref   bool
}

// addMut records a mutation of the location (or referent) p.
func (fs *funcSumm) addMut(p vpath, verb string, ref bool) bool {
	if p.addr {
		return false
	}
	var copied bool
	if p.steps, copied = stripCopies(p.steps, ref); copied {
		return false // a local copy's own memory
	}
	if !ref && !hasIndirection(p.steps) {
		// A field of a parameter passed by value: the callee's own copy.
		return false
	}
	if len(fs.muts) >= maxFactMuts {
		return false
	}
	for _, m := range fs.muts {
		if m.param == p.param && m.verb == verb && m.ref == ref && slices.Equal(m.steps, p.steps) {
			return false
		}
	}
	if fs.muts == nil {
		fs.muts = fs.arena.muts.take(maxFactMuts)[:0]
	}
	fs.muts = append(fs.muts, summMut{param: p.param, steps: p.steps, verb: verb, ref: ref})
	fs.sorted = nil
	return true
}

// stripCopies returns steps without their copy marks, and whether they
// name memory of a local copy: nothing but fields follow the last mark,
// and the mutation is of that memory, not of what a reference there
// refers to.
func stripCopies(steps []step, ref bool) ([]step, bool) {
	last := -1
	for i, s := range steps {
		if s.kind == stepCopy {
			last = i
		}
	}
	if last < 0 {
		return steps, false
	}
	if !ref && !hasIndirection(steps[last+1:]) {
		return nil, true
	}
	out := make([]step, 0, len(steps))
	for _, s := range steps {
		if s.kind != stepCopy {
			out = append(out, s)
		}
	}
	return out, false
}

func hasIndirection(steps []step) bool {
	for _, s := range steps {
		if s.kind != stepField {
			return true
		}
	}
	return false
}

// substitute adds the mutations of fs's callees to fs, with the callers'
// arguments in place of the callees' parameters, and reports whether fs
// changed.
func (sm *summarizer) substitute(fs *funcSumm) bool {
	changed := false
	for i := range fs.calls {
		c := &fs.calls[i]
		// The mutations of a function that synchronises are never
		// exported nor substituted, and a full summary takes no more.
		skipMuts := fs.locks || len(fs.muts) >= maxFactMuts
		var muts []summMut
		if cs, ok := sm.sums[c.callee]; ok {
			// A function that calls a function of its package that
			// synchronises is taken to synchronise too: its other
			// writes may well be guarded by what the callee did.
			if cs.locks {
				if !fs.locks {
					fs.locks = true
					changed = true
				}
				continue
			}
			if skipMuts || len(cs.muts) == c.applied {
				continue
			}
			// In a fixed order: the number of mutations kept is
			// bounded, and which are kept must not vary between runs.
			muts = cs.sortedMuts()
		} else {
			if skipMuts || c.applied >= 0 {
				continue // a fact does not change
			}
			muts = sm.externalMuts(c.callee)
		}
		// Summaries only grow, and applying a mutation again adds
		// nothing: the callee's count says whether there is news.
		c.applied = len(muts)
		for _, m := range muts {
			if m.param >= len(c.args) || c.args[m.param].param == noArg {
				continue
			}
			p, ok := sm.arena.applyVpath(c.args[m.param], m.steps)
			if ok && fs.addMut(p, m.verb, m.ref) {
				changed = true
			}
		}
	}
	return changed
}

// mayMutateParams reports whether fn has a parameter, or a receiver,
// through which it could reach its caller's memory.
func mayMutateParams(fn *types.Func) bool {
	sig := fn.Signature()
	if r := sig.Recv(); r != nil && hasRefs(r.Type(), 0) {
		return true
	}
	for p := range sig.Params().Variables() {
		if hasRefs(p.Type(), 0) {
			return true
		}
	}
	return false
}

// applyVpath returns the location reached by following steps from the
// value arg.
func (a *summArena) applyVpath(arg vpath, steps []step) (vpath, bool) {
	if arg.addr {
		if len(steps) == 0 || steps[0].kind != stepDeref {
			return vpath{}, false
		}
		return vpath{param: arg.param, steps: a.concat(arg.steps, steps[1:])}, true
	}
	return vpath{param: arg.param, steps: a.concat(arg.steps, steps)}, true
}

// plus returns the value path p extended by steps.
func (w *summWalker) plus(p vpath, steps ...step) vpath {
	return vpath{param: p.param, steps: w.arena.concat(p.steps, steps)}
}

// A summWalker walks one function body for its summary.
type summWalker struct {
	pass    *analysis.Pass
	arena   *summArena
	fs      *funcSumm
	streams streamCache

	// locksOnly skips what the function mutates: it looks for locks,
	// compare-and-swaps and the calls of the package's functions.
	locksOnly bool
}

// block walks the statements of b in source order, each node before
// its children, as ast.Inspect would, but without its two indirect calls
// per node: summaries walk most of a package's code, so the walk is
// the analyzer's main cost in packages without candidates.
func (w *summWalker) block(b *ast.BlockStmt) {
	if b != nil {
		w.stmts(b.List)
	}
}

func (w *summWalker) stmts(list []ast.Stmt) {
	for _, s := range list {
		w.stmt(s)
	}
}

func (w *summWalker) stmt(s ast.Stmt) {
	switch s := s.(type) {
	case *ast.BlockStmt:
		w.stmts(s.List)
	case *ast.ExprStmt:
		w.expr(s.X)
	case *ast.AssignStmt:
		if !w.locksOnly {
			w.assign(s)
		}
		w.exprs(s.Lhs)
		w.exprs(s.Rhs)
	case *ast.IncDecStmt:
		if p, ok := w.value(s.X); ok && !w.locksOnly {
			w.fs.addMut(p, "writes", false)
		}
		w.expr(s.X)
	case *ast.RangeStmt:
		if s.Tok == token.ASSIGN && !w.locksOnly {
			for _, e := range []ast.Expr{s.Key, s.Value} {
				if p, ok := w.value(e); e != nil && ok {
					w.fs.addMut(p, "writes", false)
				}
			}
		}
		w.expr(s.Key)
		w.expr(s.Value)
		w.expr(s.X)
		w.block(s.Body)
	case *ast.IfStmt:
		w.stmt(s.Init)
		w.expr(s.Cond)
		w.block(s.Body)
		w.stmt(s.Else)
	case *ast.ForStmt:
		w.stmt(s.Init)
		w.expr(s.Cond)
		w.stmt(s.Post)
		w.block(s.Body)
	case *ast.SwitchStmt:
		w.stmt(s.Init)
		w.expr(s.Tag)
		w.block(s.Body)
	case *ast.TypeSwitchStmt:
		w.stmt(s.Init)
		w.stmt(s.Assign)
		w.block(s.Body)
	case *ast.SelectStmt:
		w.block(s.Body)
	case *ast.CaseClause:
		w.exprs(s.List)
		w.stmts(s.Body)
	case *ast.CommClause:
		w.stmt(s.Comm)
		w.stmts(s.Body)
	case *ast.ReturnStmt:
		w.exprs(s.Results)
	case *ast.DeferStmt:
		w.expr(s.Call)
	case *ast.LabeledStmt:
		w.stmt(s.Stmt)
	case *ast.SendStmt:
		w.expr(s.Chan)
		w.expr(s.Value)
	case *ast.DeclStmt:
		if gd, ok := s.Decl.(*ast.GenDecl); ok {
			for _, spec := range gd.Specs {
				if vs, ok := spec.(*ast.ValueSpec); ok {
					w.exprs(vs.Values)
				}
			}
		}
	}
	// Goroutines are not this function's doing; branch, empty and bad
	// statements hold nothing.
}

func (w *summWalker) exprs(list []ast.Expr) {
	for _, e := range list {
		w.expr(e)
	}
}

func (w *summWalker) expr(e ast.Expr) {
	switch e := e.(type) {
	case *ast.CallExpr:
		w.call(e)
		w.expr(e.Fun)
		w.exprs(e.Args)
	case *ast.ParenExpr:
		w.expr(e.X)
	case *ast.SelectorExpr:
		w.expr(e.X)
	case *ast.IndexExpr:
		w.expr(e.X)
		w.expr(e.Index)
	case *ast.IndexListExpr:
		w.expr(e.X)
		w.exprs(e.Indices)
	case *ast.SliceExpr:
		w.expr(e.X)
		w.expr(e.Low)
		w.expr(e.High)
		w.expr(e.Max)
	case *ast.StarExpr:
		w.expr(e.X)
	case *ast.UnaryExpr:
		w.expr(e.X)
	case *ast.BinaryExpr:
		w.expr(e.X)
		w.expr(e.Y)
	case *ast.TypeAssertExpr:
		w.expr(e.X)
	case *ast.CompositeLit:
		w.exprs(e.Elts)
	case *ast.KeyValueExpr:
		w.expr(e.Key)
		w.expr(e.Value)
	}
	// Only function literals called in place run as part of this
	// function, and those are walked from their call; names, literals
	// and types hold nothing to summarise.
}

// assign records stores to parameter-reachable locations, and local
// variables that alias parameter-reachable values.
func (w *summWalker) assign(as *ast.AssignStmt) {
	for i, lhs := range as.Lhs {
		if id, ok := ast.Unparen(lhs).(*ast.Ident); ok {
			// Rebinding a name changes nothing shared; a local that
			// takes a parameter-based value becomes its alias.
			if len(as.Lhs) != len(as.Rhs) {
				continue
			}
			p, ok := w.value(as.Rhs[i])
			if !ok {
				continue
			}
			v, _ := w.pass.TypesInfo.ObjectOf(id).(*types.Var)
			if v == nil || w.fs.param(v) >= 0 {
				continue
			}
			switch v.Type().Underlying().(type) {
			case *types.Struct, *types.Array:
				// c := *n copies: writing c's fields writes the copy.
				p = w.plus(p, step{kind: stepCopy})
			}
			w.fs.addAlias(v, p)
			continue
		}
		if as.Tok == token.DEFINE {
			continue
		}
		if p, ok := w.value(lhs); ok {
			w.fs.addMut(p, "writes", false)
		}
	}
}

// addAlias records that the local v holds the parameter-based value p,
// unless an earlier assignment already said what v holds.
func (fs *funcSumm) addAlias(v *types.Var, p vpath) {
	if _, seen := fs.aliases[v]; seen {
		return
	}
	if fs.aliases == nil {
		fs.aliases = make(map[*types.Var]vpath)
	}
	fs.aliases[v] = p
	fs.names = append(fs.names, v.Name())
}

// tracks reports whether name is the name of a parameter or of an alias:
// other names need no look-up in the type information.
func (fs *funcSumm) tracks(name string) bool {
	for _, p := range fs.params {
		if p.Name() == name {
			return true
		}
	}
	return slices.Contains(fs.names, name)
}

// value returns the parameter-based path of the value of e, if it has one.
func (w *summWalker) value(e ast.Expr) (vpath, bool) {
	info := w.pass.TypesInfo
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		if !w.fs.tracks(e.Name) {
			return vpath{}, false
		}
		v, _ := info.ObjectOf(e).(*types.Var)
		if v == nil {
			return vpath{}, false
		}
		if i := w.fs.param(v); i >= 0 {
			return vpath{param: i}, true
		}
		p, ok := w.fs.aliases[v]
		return p, ok
	case *ast.SelectorExpr:
		base, ok := w.value(e.X)
		if !ok || base.addr {
			return vpath{}, false
		}
		sel := info.Selections[e]
		if sel == nil || sel.Kind() != types.FieldVal {
			return vpath{}, false
		}
		// New memory: base.steps may be shared with other paths.
		steps := w.arena.steps.take(len(base.steps) + 2*len(sel.Index()))
		n := copy(steps, base.steps)
		t := sel.Recv()
		for _, idx := range sel.Index() {
			if p, ok := t.Underlying().(*types.Pointer); ok {
				steps[n] = step{kind: stepDeref}
				n++
				t = p.Elem()
			}
			st, ok := t.Underlying().(*types.Struct)
			if !ok || idx >= st.NumFields() {
				return vpath{}, false
			}
			f := st.Field(idx)
			steps[n] = step{kind: stepField, name: f.Name()}
			n++
			t = f.Type()
		}
		return vpath{param: base.param, steps: steps[:n:n]}, true
	case *ast.IndexExpr:
		base, ok := w.value(e.X)
		if !ok || base.addr {
			return vpath{}, false
		}
		switch t := info.TypeOf(e.X).Underlying().(type) {
		case *types.Slice, *types.Array:
			return w.plus(base, step{kind: stepElem}), true
		case *types.Map:
			return w.plus(base, step{kind: stepMapElem}), true
		case *types.Pointer:
			if _, ok := t.Elem().Underlying().(*types.Array); ok {
				return w.plus(base, step{kind: stepDeref}, step{kind: stepElem}), true
			}
		}
	case *ast.StarExpr:
		base, ok := w.value(e.X)
		if !ok || base.addr {
			return vpath{}, false
		}
		return w.plus(base, step{kind: stepDeref}), true
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			if base, ok := w.value(e.X); ok && !base.addr {
				return vpath{param: base.param, steps: base.steps, addr: true}, true
			}
		}
	case *ast.SliceExpr:
		base, ok := w.value(e.X)
		if !ok || base.addr {
			return vpath{}, false
		}
		if p, ok := info.TypeOf(e.X).Underlying().(*types.Pointer); ok {
			if _, ok := p.Elem().Underlying().(*types.Array); ok {
				return w.plus(base, step{kind: stepDeref}), true
			}
		}
		return base, true
	case *ast.TypeAssertExpr:
		return w.value(e.X)
	case *ast.CallExpr:
		// A conversion keeps the value.
		if len(e.Args) == 1 {
			if p, ok := w.value(e.Args[0]); ok {
				if tv, ok := info.Types[e.Fun]; ok && tv.IsType() {
					return p, true
				}
			}
		}
	}
	return vpath{}, false
}

// call records what a call does: builtins that mutate, locks, stream
// methods, reads into a parameter's buffer, and calls to summarise later.
func (w *summWalker) call(call *ast.CallExpr) {
	info := w.pass.TypesInfo
	fun := ast.Unparen(call.Fun)

	// A function literal called in place runs now.
	if lit, ok := fun.(*ast.FuncLit); ok {
		w.block(lit.Body)
		return
	}
	if id, ok := fun.(*ast.Ident); ok {
		if b, ok := info.Uses[id].(*types.Builtin); ok {
			if !w.locksOnly {
				w.builtin(b.Name(), call.Args)
			}
			return
		}
	}

	var obj *types.Func
	var recv *vpath   // the receiver's path, after implicit embedded fields
	var recvVal vpath // where recv points, if set
	var rt types.Type // the receiver's type, likewise
	switch f := fun.(type) {
	case *ast.Ident:
		obj, _ = info.Uses[f].(*types.Func)
	case *ast.SelectorExpr:
		if sel := info.Selections[f]; sel == nil {
			obj, _ = info.Uses[f.Sel].(*types.Func) // pkg.F
		} else if sel.Kind() == types.MethodVal {
			obj, _ = sel.Obj().(*types.Func)
			var ok bool
			recvVal, ok, rt = w.embedded(f.X, sel)
			if ok {
				recv = &recvVal
			}
		}
	case *ast.IndexExpr: // explicit instantiation
		if id, ok := ast.Unparen(f.X).(*ast.Ident); ok {
			obj, _ = info.Uses[id].(*types.Func)
		}
	}
	if obj == nil {
		return
	}
	if o := obj.Origin(); o != nil {
		obj = o
	}
	if rt != nil && w.method(obj, recv, rt, call.Args) {
		return
	}
	if obj.Pkg() == nil || obj.Pkg().Path() == "sync" {
		return
	}
	if obj.Pkg().Path() == "sync/atomic" {
		// Compare-and-swap and swap are what hand-made locks are built
		// from, as in internal/poll's fdMutex.
		name := obj.Name()
		if strings.HasPrefix(name, "CompareAndSwap") || strings.HasPrefix(name, "Swap") {
			w.fs.locks = true
		}
		return
	}

	// Defer the rest to the callee's summary. A call passing nothing
	// parameter-based can only matter through the locks of a function
	// of this package; it is recorded without arguments. The arguments
	// are worked out once, on the stack, and kept only if one counts.
	sig := obj.Signature()
	var onStack [8]vpath
	args := onStack[:0]
	useful := false
	if !w.locksOnly {
		if sig.Recv() != nil {
			r := autoAddress(recv, rt, sig)
			if r == nil {
				r = &vpath{param: noArg}
			}
			args = append(args, *r)
		}
		for _, a := range call.Args {
			p, ok := w.value(a)
			if !ok {
				p = vpath{param: noArg}
			}
			args = append(args, p)
		}
		for _, a := range args {
			useful = useful || a.param != noArg
		}
	}
	if !useful {
		if obj.Pkg() == w.pass.Pkg {
			w.fs.addCall(summCall{callee: obj, applied: -1})
		}
		return
	}
	kept := w.arena.args.take(len(args))
	copy(kept, args)
	w.fs.addCall(summCall{callee: obj, args: kept, applied: -1})
}

// addCall records c unless the same callee was already called with the
// same arguments: a second substitution could add nothing.
func (fs *funcSumm) addCall(c summCall) {
	same := func(i int) bool {
		return fs.calls[i].callee == c.callee && slices.EqualFunc(fs.calls[i].args, c.args, sameArg)
	}
	// Most functions make few calls: scan them; index the calls of
	// the others by callee.
	const scanned = 16
	if fs.byCallee == nil {
		for i := range fs.calls {
			if same(i) {
				return
			}
		}
		if len(fs.calls) == scanned {
			fs.byCallee = make(map[*types.Func][]int)
			for i, c := range fs.calls {
				fs.byCallee[c.callee] = append(fs.byCallee[c.callee], i)
			}
		}
	} else {
		for _, i := range fs.byCallee[c.callee] {
			if same(i) {
				return
			}
		}
	}
	if fs.byCallee != nil {
		fs.byCallee[c.callee] = append(fs.byCallee[c.callee], len(fs.calls))
	}
	if len(fs.calls) == cap(fs.calls) {
		grown := fs.arena.calls.take(max(4, 2*cap(fs.calls)))
		fs.calls = grown[:copy(grown, fs.calls)]
	}
	fs.calls = append(fs.calls, c)
}

// sameArg reports whether two call arguments have the same path.
func sameArg(a, b vpath) bool {
	return a.param == b.param && a.addr == b.addr && slices.Equal(a.steps, b.steps)
}

// autoAddress returns the receiver argument of a method call: recv's
// address when a pointer method is called on an addressable value, as
// in t.grow() on a t of type T. The callee then writes the caller's
// value, not a copy.
func autoAddress(recv *vpath, rt types.Type, sig *types.Signature) *vpath {
	if recv == nil || rt == nil {
		return recv
	}
	_, ptrRecv := sig.Recv().Type().Underlying().(*types.Pointer)
	_, ptrVal := rt.Underlying().(*types.Pointer)
	if ptrRecv && !ptrVal && !types.IsInterface(rt) {
		return &vpath{param: recv.param, steps: recv.steps, addr: true}
	}
	return recv
}

// embedded returns the path and type of the receiver of a method
// selection x.m, following the embedded fields through which m is
// promoted, and whether x is parameter-based (else the path is zero).
func (w *summWalker) embedded(x ast.Expr, sel *types.Selection) (vpath, bool, types.Type) {
	t := sel.Recv()
	var p vpath
	ok := false
	if !w.locksOnly {
		p, ok = w.value(x)
	}
	idx := sel.Index()
	for _, i := range idx[:len(idx)-1] {
		if ptr, isPtr := t.Underlying().(*types.Pointer); isPtr {
			if ok {
				p.steps = w.arena.concat(p.steps, []step{{kind: stepDeref}})
			}
			t = ptr.Elem()
		}
		st, isStruct := t.Underlying().(*types.Struct)
		if !isStruct || i >= st.NumFields() {
			return vpath{}, false, nil
		}
		f := st.Field(i)
		if ok {
			p.steps = w.arena.concat(p.steps, []step{{kind: stepField, name: f.Name()}})
		}
		t = f.Type()
	}
	if !ok || p.addr {
		return vpath{}, false, t
	}
	return p, true, t
}

// method handles calls of methods with a known meaning on a receiver of
// type rt at path recv (nil if not parameter-based), and reports whether
// nothing more is to be learnt from the call.
func (w *summWalker) method(obj *types.Func, recv *vpath, rt types.Type, args []ast.Expr) bool {
	if isSyncLock(obj) || (isLockShaped(obj) && !w.fileLock(obj)) ||
		(types.IsInterface(rt) && isLockerMethod(obj)) {
		w.fs.locks = true
		w.lockOp(obj, recv, rt)
		return true
	}
	if isAtMethod(obj) {
		if obj.Name() == "ReadAt" && len(args) > 0 && !w.locksOnly {
			w.dest(args[0])
		}
		return true
	}
	if verb := w.streams.verb(obj, rt); verb != "" {
		if w.locksOnly {
			return true
		}
		if recv != nil {
			p, ref := w.objectPath(*recv, rt)
			w.fs.addMut(p, verb, ref)
		}
		if isReadMethod(obj) && len(args) > 0 {
			w.dest(args[0])
		}
		return true
	}
	return types.IsInterface(rt)
}

// objectPath returns the path of the object a method is called on, given
// the receiver value's path and type, and whether the path names a
// reference (an interface value) rather than the object's location.
func (w *summWalker) objectPath(p vpath, rt types.Type) (vpath, bool) {
	if types.IsInterface(rt) {
		return p, true
	}
	if _, isPtr := rt.Underlying().(*types.Pointer); isPtr {
		deref := []step{{kind: stepDeref}}
		return vpath{param: p.param, steps: w.arena.concat(p.steps, deref)}, false
	}
	return p, false
}

// dest records a read into the buffer e if it is parameter-based.
func (w *summWalker) dest(e ast.Expr) {
	if p, ok := w.value(e); ok {
		w.fs.addMut(p, "reads into", true)
	}
}

func (w *summWalker) builtin(name string, args []ast.Expr) {
	verbs := map[string]string{"delete": "deletes from", "clear": "clears", "copy": "copies into"}
	verb, ok := verbs[name]
	if !ok || len(args) == 0 {
		return
	}
	if p, ok := w.value(args[0]); ok {
		w.fs.addMut(p, verb, true)
	}
}

// lockOp records a lock or unlock of a parameter-reachable mutex.
func (w *summWalker) lockOp(obj *types.Func, recv *vpath, rt types.Type) {
	if recv == nil {
		return
	}
	p, _ := w.objectPath(*recv, rt)
	steps, _ := stripCopies(p.steps, true)
	l := factLock{Param: p.param, Steps: encodeSteps(steps)}
	k := fmt.Sprintf("%d%s", l.Param, strings.Join(l.Steps, ""))
	switch obj.Name() {
	case "Lock", "RLock":
		l.Read = obj.Name() == "RLock"
		if _, ok := w.fs.rel[k]; ok {
			delete(w.fs.rel, k)
		} else {
			if w.fs.acq == nil {
				w.fs.acq = make(map[string]factLock)
			}
			w.fs.acq[k] = l
		}
	case "Unlock", "RUnlock":
		if _, ok := w.fs.acq[k]; ok {
			delete(w.fs.acq, k)
		} else {
			l.Release = true
			if w.fs.rel == nil {
				w.fs.rel = make(map[string]factLock)
			}
			w.fs.rel[k] = l
		}
	}
}

// isSyncLock reports whether obj is a method of sync.Mutex or
// sync.RWMutex that takes or releases the lock.
func isSyncLock(obj *types.Func) bool {
	if obj.Pkg() == nil || obj.Pkg().Path() != "sync" || obj.Signature().Recv() == nil {
		return false
	}
	switch recvTypeName(obj.Signature()) {
	case "Mutex", "RWMutex":
	default:
		return false
	}
	switch obj.Name() {
	case "Lock", "Unlock", "RLock", "RUnlock", "TryLock", "TryRLock":
		return true
	}
	return false
}

// sortedMuts returns fs's mutations in a fixed order, sorting them again
// only after a mutation was added.
func (fs *funcSumm) sortedMuts() []summMut {
	if len(fs.muts) <= 1 {
		return fs.muts
	}
	if fs.sorted == nil {
		fs.sorted = fs.arena.muts.take(len(fs.muts))
		copy(fs.sorted, fs.muts)
		slices.SortFunc(fs.sorted, compareMuts)
	}
	return fs.sorted
}

// compareMuts orders mutations by parameter, path (as path.key spells
// it), verb, and location before referent.
func compareMuts(a, b summMut) int {
	if c := cmp.Compare(a.param, b.param); c != 0 {
		return c
	}
	if c := compareSteps(a.steps, b.steps); c != 0 {
		return c
	}
	if c := strings.Compare(a.verb, b.verb); c != 0 {
		return c
	}
	switch {
	case a.ref == b.ref:
		return 0
	case !a.ref:
		return -1
	}
	return 1
}

// compareSteps compares two paths' steps as strings.Compare compares
// their spellings by path.key, without spelling them.
func compareSteps(x, y []step) int {
	a, b := stepBytes{steps: x}, stepBytes{steps: y}
	for {
		ca, cb := a.next(), b.next()
		if ca != cb {
			return cmp.Compare(ca, cb)
		}
		if ca < 0 {
			return 0
		}
	}
}

// stepBytes reads the bytes of the spelling of steps, one at a time.
type stepBytes struct {
	steps []step
	i, j  int // the step, and the byte of its spelling, to read next
}

// next returns the next byte, or -1 at the end.
func (b *stepBytes) next() int {
	for b.i < len(b.steps) {
		var spell string
		switch s := b.steps[b.i]; s.kind {
		case stepField:
			if b.j == 0 {
				b.j++
				return '.'
			}
			spell = s.name[min(b.j-1, len(s.name)):]
			if spell != "" {
				b.j++
				return int(spell[0])
			}
		case stepDeref:
			spell = "*"
		case stepElem:
			spell = "[]"
		case stepMapElem:
			spell = "[k]"
		}
		if s := b.steps[b.i]; s.kind != stepField && b.j < len(spell) {
			b.j++
			return int(spell[b.j-1])
		}
		b.i++
		b.j = 0
	}
	return -1
}

// fileLock reports whether obj, a lock-shaped method, locks a file: by
// its fact if it belongs to another package, by its body if to this one.
func (w *summWalker) fileLock(obj *types.Func) bool {
	if obj.Pkg() != w.pass.Pkg {
		var f mutatesFact
		return importSummary(w.pass, obj, &f) && f.FileLock
	}
	fd := declOf(w.pass, obj)
	return fd != nil && callsSystem(w.pass.TypesInfo, fd.Body)
}
