package fixer

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"
)

// plan decides which methods to lock and with which mutex, or says why
// no fix can be made without risking a deadlock.
func (b *builder) plan() (*plan, string) {
	x := b.pkg
	state := make(map[string]bool)
	for _, f := range b.req.Fields {
		state[f] = true
	}

	// Step 1: the methods to lock: the unsafe ones, then every method
	// that touches the state they mutate, itself or through helpers that
	// are not locked themselves.
	locked := make(map[*ast.FuncDecl]bool)
	for _, d := range b.req.Unsafe {
		locked[d] = true
	}
	isLocked := func(d *ast.FuncDecl) bool { return locked[d] }
	for changed := true; changed; {
		changed = false
		for _, m := range x.methods {
			if locked[m] {
				continue
			}
			for f := range x.fieldsReached(m, isLocked) {
				if state[f] {
					locked[m] = true
					changed = true
					break
				}
			}
		}
	}

	// Step 2: helpers that only ever run under a caller that now holds
	// the lock stay unlocked.
	unsafe := make(map[*ast.FuncDecl]bool)
	for _, d := range b.req.Unsafe {
		unsafe[d] = true
	}
	// (All are decided against the same set, so the order of the
	// decisions cannot change them.)
	var covered []*ast.FuncDecl
	for _, m := range sortedDecls(locked) {
		if !unsafe[m] && b.onlyUnderLock(m, locked) {
			covered = append(covered, m)
		}
	}
	for _, m := range covered {
		delete(locked, m)
	}

	// Step 3: a locked method must not reach another locked method: Go
	// mutexes are not re-entrant.
	var methods []*ast.FuncDecl
	for m := range locked {
		methods = append(methods, m)
	}
	sortDecls(methods)
	for _, m := range methods {
		direct := x.reach(m, isLocked)
		for _, c := range sortedDecls(x.reachCalls(m, isLocked)) {
			if !locked[c] {
				continue
			}
			if direct[c] {
				return nil, fmt.Sprintf("%s calls %s%s, and both would need the lock",
					methodName(b.req.Type, m), methodName(b.req.Type, c),
					b.through(x.callPath(m, c, isLocked)))
			}
			if f := b.selfRefOnTheWay(m, isLocked); f != "" {
				return nil, fmt.Sprintf("%s may call %s through field %s, which refers "+
					"back to the %s, and both would need the lock", methodName(b.req.Type, m),
					methodName(b.req.Type, c), f, b.req.Type.Obj().Name())
			}
			return nil, fmt.Sprintf("%s hands a %s to code that may call %s, "+
				"and both would need the lock", methodName(b.req.Type, m),
				b.req.Type.Obj().Name(), methodName(b.req.Type, c))
		}
	}

	// Step 3b: a locked method that waits for a goroutine which needs the
	// lock too would wait for ever.
	if w, g := x.waitsLocked(locked); g != nil {
		return nil, fmt.Sprintf("%s waits on a channel or a Wait while %s, which would "+
			"need the lock too, runs on a goroutine", methodName(b.req.Type, w),
			methodName(b.req.Type, g))
	} else if w != nil {
		return nil, fmt.Sprintf("%s would hold the lock while it waits on a channel or a "+
			"Wait, which another goroutine may need the lock to end", methodName(b.req.Type, w))
	}

	// Step 4: reuse a mutex of the type if no locked method can meet it
	// held; else add one.
	p := &plan{}
	if f, embed, rw, todo, upgrade := b.reusable(locked); f != "" {
		p.mutex, p.embed, p.rw, p.methods, p.upgrade = f, embed, rw, todo, upgrade
		return p, ""
	}
	name, err := b.freshName()
	if err != "" {
		return nil, err
	}
	p.mutex, p.fresh, p.methods = name, true, methods
	return p, ""
}

// onlyUnderLock reports whether m is a helper called only directly, and
// only from methods in locked.
func (b *builder) onlyUnderLock(m *ast.FuncDecl, locked map[*ast.FuncDecl]bool) bool {
	fi := b.pkg.info[m]
	if fi.exported || fi.asValue {
		return false
	}
	callers := b.pkg.callers[m]
	if len(callers) == 0 {
		return false
	}
	for _, c := range callers {
		if !locked[c] {
			return false
		}
	}
	return true
}

// reusable returns an existing mutex field of the type that the locked
// methods can take, and the methods that must be edited to take it: those
// that do not already take it on entry. No method to be edited may take
// it elsewhere or reach a function that does, and no function that takes
// it may reach a method to be edited.
func (b *builder) reusable(locked map[*ast.FuncDecl]bool) (
	field string, embed, rw bool, todo, upgrade []*ast.FuncDecl) {

	st := b.req.Type.Underlying().(*types.Struct)
	for i := 0; i < st.NumFields(); i++ {
		f := st.Field(i)
		kind := mutexKind(f.Type())
		if kind == "" {
			continue
		}
		todo, upgrade = todo[:0], upgrade[:0]
		unsafeHolds := false
		for m := range locked {
			entry, held := b.pkg.lockedAtEntry(m, f.Name())
			switch {
			case !held:
				todo = append(todo, m)
			case b.isUnsafe(m) && entry.read() && b.lockSites(m, f.Name()) == 1:
				// It writes under a read lock it holds throughout:
				// take the write lock instead.
				upgrade = append(upgrade, m)
			case b.isUnsafe(m):
				// It holds this mutex and is unsafe all the same:
				// another mutex is needed.
				unsafeHolds = true
			}
		}
		if unsafeHolds || len(todo)+len(upgrade) == 0 || b.conflicts(f.Name(), todo) ||
			b.upgradeConflicts(f.Name(), upgrade) {
			continue
		}
		sortDecls(todo)
		sortDecls(upgrade)
		return f.Name(), f.Embedded(), kind == "RWMutex", todo, upgrade
	}
	return "", false, false, nil, nil
}

// lockSites counts the calls in m that lock mutex field mu.
func (b *builder) lockSites(m *ast.FuncDecl, mu string) int {
	n := 0
	ast.Inspect(m.Body, func(node ast.Node) bool {
		if call, ok := node.(*ast.CallExpr); ok {
			fi := &funcInfo{locks: make(map[string]bool)}
			b.pkg.lockCall(fi, call)
			if fi.locks[mu] {
				n++
			}
		}
		return true
	})
	return n
}

// conflicts reports whether taking mutex field mu on entry to the methods
// in todo could deadlock: one of them takes it already somewhere, or
// reaches a function that takes it, or is reached from one.
func (b *builder) conflicts(mu string, todo []*ast.FuncDecl) bool {
	x := b.pkg
	never := func(*ast.FuncDecl) bool { return false }
	edit := make(map[*ast.FuncDecl]bool)
	for _, m := range todo {
		edit[m] = true
		if x.info[m].locks[mu] {
			return true
		}
		for c := range x.reachCalls(m, never) {
			if x.info[c].locks[mu] {
				return true
			}
		}
	}
	for fd, fi := range x.info {
		if !fi.locks[mu] {
			continue
		}
		for c := range x.reachCalls(fd, never) {
			if edit[c] {
				return true
			}
		}
	}
	return false
}

// upgradeConflicts reports whether turning the read lock of mutex field
// mu into a write lock in the methods of upgrade could deadlock: one of
// them reaches another function that takes mu, even for reading (a Size
// that RLocks, called under ReadAt's lock), or is reached from one.
func (b *builder) upgradeConflicts(mu string, upgrade []*ast.FuncDecl) bool {
	x := b.pkg
	never := func(*ast.FuncDecl) bool { return false }
	for _, m := range upgrade {
		for c := range x.reachCalls(m, never) {
			if c != m && x.info[c].locks[mu] {
				return true
			}
		}
		for fd, fi := range x.info {
			if fd == m || !fi.locks[mu] {
				continue
			}
			if x.reachCalls(fd, never)[m] {
				return true
			}
		}
	}
	return false
}

// mutexKind returns "Mutex" or "RWMutex" for those sync types, else "".
func mutexKind(t types.Type) string {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() != "sync" {
		return ""
	}
	switch n.Obj().Name() {
	case "Mutex", "RWMutex":
		return n.Obj().Name()
	}
	return ""
}

// freshName picks a name for the new mutex field that selects nothing
// on the type yet: no field, method or promoted name.
func (b *builder) freshName() (string, string) {
	t := b.req.Type
	for _, name := range []string{"mu", "stateMu", "atMu", "rwMu"} {
		obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(t), true, b.req.Pkg, name)
		if obj == nil {
			return name, ""
		}
	}
	return "", fmt.Sprintf("%s has no free name for a mutex field", t.Obj().Name())
}

// sortedDecls returns the keys of set in source order.
func sortedDecls(set map[*ast.FuncDecl]bool) []*ast.FuncDecl {
	out := make([]*ast.FuncDecl, 0, len(set))
	for d := range set {
		out = append(out, d)
	}
	sortDecls(out)
	return out
}

func (b *builder) isUnsafe(m *ast.FuncDecl) bool {
	for _, d := range b.req.Unsafe {
		if d == m {
			return true
		}
	}
	return false
}

// through names the functions between a caller and a callee, for
// messages: " (through (*T).open, read)", or "" for a direct call.
func (b *builder) through(path []*ast.FuncDecl) string {
	if len(path) == 0 {
		return ""
	}
	names := make([]string, len(path))
	for i, d := range path {
		if b.isMethod(d) {
			names[i] = methodName(b.req.Type, d)
		} else {
			names[i] = d.Name.Name
		}
	}
	return " (through " + strings.Join(names, ", ") + ")"
}

// isMethod reports whether d is a method of the type being fixed.
func (b *builder) isMethod(d *ast.FuncDecl) bool {
	r := d.Recv
	return r != nil && len(r.List) == 1 && b.pkg.isOurs(b.req.Info.TypeOf(r.List[0].Type))
}

// selfRefOnTheWay returns a field referring back to the value that m,
// or a function it reaches, selects, or "".
func (b *builder) selfRefOnTheWay(m *ast.FuncDecl, stop func(*ast.FuncDecl) bool) string {
	x := b.pkg
	if f := x.selectsSelfRef(m); f != "" {
		return f
	}
	for _, c := range sortedDecls(x.reach(m, stop)) {
		if f := x.selectsSelfRef(c); f != "" && !stop(c) {
			return f
		}
	}
	return ""
}
