package fixer

import (
	"go/ast"
	"go/types"
)

// pkgIndex records, for each function of the package, what the fixer
// needs to know: which functions it calls, which fields of the type it
// touches, and which of the type's mutexes it locks.
type pkgIndex struct {
	req     *Request
	decls   map[*types.Func]*ast.FuncDecl
	files   map[*ast.FuncDecl]*ast.File
	methods []*ast.FuncDecl // the methods of the type, in source order
	info    map[*ast.FuncDecl]*funcInfo
	callers map[*ast.FuncDecl][]*ast.FuncDecl

	// selfRef holds the fields of the type that the package sets to
	// something holding the value itself or one of its method values:
	// a section reader over the reader, a cache that loads through it,
	// sync.OnceValue of a method. Calls through them reach its methods.
	selfRef map[string]bool
}

// funcInfo is what one function does that matters to the fix.
type funcInfo struct {
	callees  []*ast.FuncDecl // functions of this package it calls
	fields   map[string]bool // first-level fields of the type it selects
	locks    map[string]bool // mutex fields of the type it locks
	asValue  bool            // named outside any function body: callable from anywhere
	exported bool
	escapes  bool            // hands a value of the type to code the index cannot follow
	waits    bool            // receives or sends on a channel, selects, or calls a Wait method
	spawns   []*ast.FuncDecl // functions of this package it starts as goroutines
}

func indexPackage(req *Request) *pkgIndex {
	x := &pkgIndex{
		req:     req,
		decls:   make(map[*types.Func]*ast.FuncDecl),
		files:   make(map[*ast.FuncDecl]*ast.File),
		info:    make(map[*ast.FuncDecl]*funcInfo),
		callers: make(map[*ast.FuncDecl][]*ast.FuncDecl),
	}
	for _, f := range req.Files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok {
				continue
			}
			obj, _ := req.Info.Defs[fd.Name].(*types.Func)
			if obj == nil {
				continue
			}
			x.decls[obj] = fd
			x.files[fd] = f
			if fd.Recv != nil && len(fd.Recv.List) == 1 && x.isOurs(obj.Signature().Recv().Type()) {
				x.methods = append(x.methods, fd)
			}
		}
	}
	for fd := range x.files {
		x.info[fd] = x.scan(fd)
		x.info[fd].escapes = x.escapes(fd)
		x.info[fd].waits, x.info[fd].spawns = x.blocking(fd)
	}
	x.markValueUses()
	x.selfRef = x.selfRefFields()
	for fd, fi := range x.info {
		for _, c := range fi.callees {
			x.callers[c] = append(x.callers[c], fd)
		}
	}
	return x
}

// isOurs reports whether t is the type, or a pointer to it.
func (x *pkgIndex) isOurs(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Origin() == x.req.Type.Origin()
}

func (x *pkgIndex) typeSpec(obj *types.TypeName) (*ast.TypeSpec, *ast.File) {
	for _, f := range x.req.Files {
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok {
				continue
			}
			for _, s := range gd.Specs {
				if ts, ok := s.(*ast.TypeSpec); ok && x.req.Info.Defs[ts.Name] == obj {
					return ts, f
				}
			}
		}
	}
	return nil, nil
}

func (x *pkgIndex) fileOf(fd *ast.FuncDecl) *ast.File { return x.files[fd] }

// scan walks a function body, function literals included.
func (x *pkgIndex) scan(fd *ast.FuncDecl) *funcInfo {
	fi := &funcInfo{
		fields:   make(map[string]bool),
		locks:    make(map[string]bool),
		exported: fd.Name.IsExported(),
	}
	if fd.Body == nil {
		return fi
	}
	info := x.req.Info

	// The selections of a mutex field that are the receivers of its own
	// methods (x.mu.Lock()). Any other use of a mutex field, as in
	// with(&x.mu, f) or l := x.mu.RLocker(), may lock it where this index
	// cannot see, so it counts as locking it.
	lockRecv := make(map[*ast.SelectorExpr]bool)
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
				switch sel.Sel.Name {
				case "Lock", "Unlock", "RLock", "RUnlock", "TryLock", "TryRLock":
					if inner, ok := ast.Unparen(sel.X).(*ast.SelectorExpr); ok {
						lockRecv[inner] = true
					}
				}
			}
		}
		return true
	})
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			x.selector(fi, n)
			if !lockRecv[n] {
				x.mutexUse(fi, n)
			}
		case *ast.Ident:
			// A function or method of this package named here may be
			// called from here, directly or as a value (f := t.bump).
			if obj, ok := info.Uses[n].(*types.Func); ok {
				if d, ok := x.decls[obj.Origin()]; ok && !containsDecl(fi.callees, d) {
					fi.callees = append(fi.callees, d)
				}
			}
		case *ast.CallExpr:
			x.lockCall(fi, n)
		}
		return true
	})
	return fi
}

func containsDecl(ds []*ast.FuncDecl, d *ast.FuncDecl) bool {
	for _, x := range ds {
		if x == d {
			return true
		}
	}
	return false
}

// selector records the field of the type that sel reaches first.
func (x *pkgIndex) selector(fi *funcInfo, sel *ast.SelectorExpr) {
	s := x.req.Info.Selections[sel]
	if s == nil || !x.isOurs(s.Recv()) {
		return
	}
	idx := s.Index()
	if s.Kind() == types.MethodVal && len(idx) == 1 {
		return // a method of the type itself: a call edge
	}
	st, ok := x.req.Type.Underlying().(*types.Struct)
	if !ok || idx[0] >= st.NumFields() {
		return
	}
	fi.fields[st.Field(idx[0]).Name()] = true
}

// mutexUse records a use of a mutex field of the type other than as the
// receiver of its Lock and Unlock methods.
func (x *pkgIndex) mutexUse(fi *funcInfo, sel *ast.SelectorExpr) {
	s := x.req.Info.Selections[sel]
	if s == nil || !x.isOurs(s.Recv()) || s.Kind() != types.FieldVal || len(s.Index()) != 1 {
		return
	}
	if v, ok := s.Obj().(*types.Var); ok && mutexKind(v.Type()) != "" {
		fi.locks[v.Name()] = true
	}
}

// lockCall records a Lock or RLock of one of the type's mutex fields,
// named (x.mu.Lock()) or embedded (x.Lock()).
func (x *pkgIndex) lockCall(fi *funcInfo, call *ast.CallExpr) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return
	}
	obj, _ := x.req.Info.Uses[sel.Sel].(*types.Func)
	if obj == nil || obj.Pkg() == nil || obj.Pkg().Path() != "sync" {
		return
	}
	switch obj.Name() {
	case "Lock", "RLock", "TryLock", "TryRLock":
	default:
		return
	}
	st, ok := x.req.Type.Underlying().(*types.Struct)
	if !ok {
		return
	}
	// x.Lock() through an embedded mutex.
	if s := x.req.Info.Selections[sel]; s != nil && x.isOurs(s.Recv()) && len(s.Index()) > 1 {
		fi.locks[st.Field(s.Index()[0]).Name()] = true
		return
	}
	// x.mu.Lock().
	if inner, ok := ast.Unparen(sel.X).(*ast.SelectorExpr); ok {
		s := x.req.Info.Selections[inner]
		if s != nil && x.isOurs(s.Recv()) && s.Kind() == types.FieldVal {
			fi.locks[st.Field(s.Index()[0]).Name()] = true
		}
	}
}

// markValueUses notes the functions named outside any function body, as
// in a package-level table of handlers: those may be called from
// anywhere. Uses inside function bodies are call edges (see scan).
func (x *pkgIndex) markValueUses() {
	info := x.req.Info
	for _, f := range x.req.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncDecl:
				return false
			case *ast.Ident:
				if obj, ok := info.Uses[n].(*types.Func); ok {
					if d, ok := x.decls[obj.Origin()]; ok {
						x.info[d].asValue = true
					}
				}
			}
			return true
		})
	}
}

// reach returns the functions called from fd, directly or through other
// functions, stopping at (but including) those for which stop is true.
func (x *pkgIndex) reach(fd *ast.FuncDecl, stop func(*ast.FuncDecl) bool) map[*ast.FuncDecl]bool {
	seen := make(map[*ast.FuncDecl]bool)
	var walk func(d *ast.FuncDecl)
	walk = func(d *ast.FuncDecl) {
		for _, c := range x.info[d].callees {
			if seen[c] {
				continue
			}
			seen[c] = true
			if !stop(c) {
				walk(c)
			}
		}
	}
	walk(fd)
	return seen
}

// callPath returns the functions through which from calls to, not
// looking inside those for which stop is true: empty for a direct call,
// nil if there is no such path.
func (x *pkgIndex) callPath(from, to *ast.FuncDecl, stop func(*ast.FuncDecl) bool) []*ast.FuncDecl {
	prev := map[*ast.FuncDecl]*ast.FuncDecl{from: nil}
	queue := []*ast.FuncDecl{from}
	for len(queue) > 0 {
		d := queue[0]
		queue = queue[1:]
		for _, c := range x.info[d].callees {
			if _, ok := prev[c]; ok {
				continue
			}
			prev[c] = d
			if c == to {
				var path []*ast.FuncDecl
				for p := d; p != from; p = prev[p] {
					path = append([]*ast.FuncDecl{p}, path...)
				}
				return path
			}
			if !stop(c) {
				queue = append(queue, c)
			}
		}
	}
	return nil
}

// fieldsReached returns the fields that fd touches, itself or through the
// functions it calls, not looking inside those for which stop is true.
func (x *pkgIndex) fieldsReached(fd *ast.FuncDecl, stop func(*ast.FuncDecl) bool) map[string]bool {
	out := make(map[string]bool)
	for f := range x.info[fd].fields {
		out[f] = true
	}
	for c := range x.reach(fd, stop) {
		if stop(c) {
			continue
		}
		for f := range x.info[c].fields {
			out[f] = true
		}
	}
	return out
}

// lockedAtEntry reports whether fd takes mutex field mu of its receiver
// as its first statement and releases it with a deferred call, so that
// it holds the lock for its whole body. If it does, entry describes how.
func (x *pkgIndex) lockedAtEntry(fd *ast.FuncDecl, mu string) (entry entryLock, ok bool) {
	if fd.Body == nil || len(fd.Body.List) < 2 {
		return entryLock{}, false
	}
	first, ok := fd.Body.List[0].(*ast.ExprStmt)
	if !ok {
		return entryLock{}, false
	}
	call, ok := first.X.(*ast.CallExpr)
	if !ok {
		return entryLock{}, false
	}
	fi := &funcInfo{locks: make(map[string]bool)}
	x.lockCall(fi, call)
	if !fi.locks[mu] {
		return entryLock{}, false
	}
	sel := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	entry.lock = sel.Sel
	want := "Unlock"
	if sel.Sel.Name == "RLock" {
		want = "RUnlock"
	}
	for _, s := range fd.Body.List[1:] {
		d, ok := s.(*ast.DeferStmt)
		if !ok {
			continue
		}
		usel, ok := ast.Unparen(d.Call.Fun).(*ast.SelectorExpr)
		if !ok || usel.Sel.Name != want || !sameMutex(x.req.Info, sel.X, usel.X) {
			continue
		}
		entry.unlock = usel.Sel
		return entry, true
	}
	return entryLock{}, false
}

// sameMutex reports whether two receiver expressions of lock methods
// name the same mutex: the same field (or the same embedded promotion) of
// the same variable.
func sameMutex(info *types.Info, a, b ast.Expr) bool {
	a, b = ast.Unparen(a), ast.Unparen(b)
	switch a := a.(type) {
	case *ast.Ident:
		bi, ok := b.(*ast.Ident)
		return ok && info.ObjectOf(a) != nil && info.ObjectOf(a) == info.ObjectOf(bi)
	case *ast.SelectorExpr:
		bs, ok := b.(*ast.SelectorExpr)
		return ok && info.ObjectOf(a.Sel) == info.ObjectOf(bs.Sel) && sameMutex(info, a.X, bs.X)
	}
	return false
}

// An entryLock is the lock a method takes for its whole body: the names
// of the lock and of the deferred unlock method in its calls.
type entryLock struct {
	lock, unlock *ast.Ident
}

// read reports whether the entry lock is only a read lock.
func (e entryLock) read() bool { return e.lock.Name == "RLock" }
