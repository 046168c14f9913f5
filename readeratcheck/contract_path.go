package readeratcheck

import (
	"go/constant"
	"go/token"
	"go/types"
	"strconv"

	"golang.org/x/tools/go/ssa"
)

// maxContractPaths bounds the paths explored backwards from one return,
// and maxMethodPaths those of all the returns of one method. A return
// left unexplored stays undecided, and so silent.
const (
	maxContractPaths = 2000
	maxMethodPaths   = 20000
)

// A cfunc holds what the contract check knows of one candidate's SSA
// function, shared by all the paths explored in it.
type cfunc struct {
	fn     *ssa.Function
	p      *ssa.Parameter // the buffer, p in io.ReaderAt's words
	writer bool           // a WriteAt: copies go out of p, not into it
	header map[*ssa.BasicBlock]bool
	loops  map[*ssa.BasicBlock]map[*ssa.BasicBlock]bool // natural loop of each header
	index  map[ssa.Instruction]int                      // position in the block
	locals map[*ssa.Alloc]*localStores
	mems   map[string]*memVal
	budget int // paths left to explore in the method
}

// localStores records, for a local variable that lives in memory, the
// values stored to it that may reach the entry of each block. Named
// results stay in memory when the method defers a call.
type localStores struct {
	reachIn map[*ssa.BasicBlock][]ssa.Value
}

// newCfunc prepares fn for the contract check: loop headers, natural
// loops and the stores that reach each block for locals kept in memory.
func newCfunc(fn *ssa.Function) *cfunc {
	f := &cfunc{
		fn:     fn,
		p:      fn.Params[1],
		header: make(map[*ssa.BasicBlock]bool),
		loops:  make(map[*ssa.BasicBlock]map[*ssa.BasicBlock]bool),
		index:  make(map[ssa.Instruction]int),
		locals: make(map[*ssa.Alloc]*localStores),
		mems:   make(map[string]*memVal),
		budget: maxMethodPaths,
	}

	// Step 1: loop headers are the targets of back edges, edges whose
	// target dominates their source; their natural loops follow.
	for _, b := range fn.Blocks {
		for i, instr := range b.Instrs {
			f.index[instr] = i
		}
		for _, pred := range b.Preds {
			if b.Dominates(pred) {
				f.header[b] = true
				f.addToLoop(b, pred)
			}
		}
	}

	// Step 2: locals whose address never escapes are followed through
	// their stores.
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if a, ok := instr.(*ssa.Alloc); ok && !a.Heap && plainLocal(a) {
				f.locals[a] = f.reachingStores(a)
			}
		}
	}
	return f
}

// addToLoop adds to the natural loop of header h the blocks that reach
// the back edge from src without passing through h.
func (f *cfunc) addToLoop(h, src *ssa.BasicBlock) {
	loop := f.loops[h]
	if loop == nil {
		loop = map[*ssa.BasicBlock]bool{h: true}
		f.loops[h] = loop
	}
	stack := []*ssa.BasicBlock{src}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if loop[b] {
			continue
		}
		loop[b] = true
		stack = append(stack, b.Preds...)
	}
}

// plainLocal reports whether a is only stored to and loaded from, so
// that following its stores sees every value it can hold.
func plainLocal(a *ssa.Alloc) bool {
	for _, r := range *a.Referrers() {
		switch r := r.(type) {
		case *ssa.Store:
			if r.Addr != a || r.Val == ssa.Value(a) {
				return false
			}
		case *ssa.UnOp:
			if r.Op != token.MUL {
				return false
			}
		case *ssa.DebugRef:
		default:
			return false
		}
	}
	return true
}

// reachingStores computes, by iterating to a fixed point, which stored
// values may reach the entry of each block. The allocation itself stores
// the zero value.
func (f *cfunc) reachingStores(a *ssa.Alloc) *localStores {
	last := make(map[*ssa.BasicBlock]ssa.Value)
	for _, b := range f.fn.Blocks {
		for _, instr := range b.Instrs {
			if v, ok := storedValue(a, instr); ok {
				last[b] = v
			}
		}
	}
	ls := &localStores{reachIn: make(map[*ssa.BasicBlock][]ssa.Value)}
	out := func(b *ssa.BasicBlock) []ssa.Value {
		if v, ok := last[b]; ok {
			return []ssa.Value{v}
		}
		return ls.reachIn[b]
	}
	for changed := true; changed; {
		changed = false
		for _, b := range f.fn.Blocks {
			in := ls.reachIn[b]
			for _, pred := range b.Preds {
				for _, v := range out(pred) {
					if !containsValue(in, v) {
						in = append(in, v)
						changed = true
					}
				}
			}
			ls.reachIn[b] = in
		}
	}
	return ls
}

// storedValue returns the value instr stores into a: the stored value,
// or the zero value for the allocation itself.
func storedValue(a *ssa.Alloc, instr ssa.Instruction) (ssa.Value, bool) {
	switch instr := instr.(type) {
	case *ssa.Store:
		if instr.Addr == a {
			return instr.Val, true
		}
	case *ssa.Alloc:
		if instr == a {
			return zeroOf(a.Type().(*types.Pointer).Elem()), true
		}
	}
	return nil, false
}

// zeroOf returns the zero value of t as a constant, or nil when it has
// no constant form worth knowing here.
func zeroOf(t types.Type) ssa.Value {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		if u.Info()&types.IsInteger != 0 {
			return ssa.NewConst(constant.MakeInt64(0), t)
		}
	case *types.Interface, *types.Pointer, *types.Slice, *types.Map, *types.Signature:
		return ssa.NewConst(nil, t)
	}
	return nil
}

func containsValue(vs []ssa.Value, v ssa.Value) bool {
	for _, w := range vs {
		if w == v {
			return true
		}
	}
	return false
}

// storesInLoop reports whether the loop of header h stores into a.
func (f *cfunc) storesInLoop(a *ssa.Alloc, h *ssa.BasicBlock) bool {
	for b := range f.loops[h] {
		for _, instr := range b.Instrs {
			if _, ok := storedValue(a, instr); ok {
				return true
			}
		}
	}
	return false
}

// A memVal stands for the content of a local in memory at the entry of a
// block where several stored values meet, as a phi would in registers.
type memVal struct {
	alloc *ssa.Alloc
	block *ssa.BasicBlock
	ops   []ssa.Value
}

func (m *memVal) Name() string {
	return "mem(" + m.alloc.Name() + "@" + strconv.Itoa(m.block.Index) + ")"
}
func (m *memVal) String() string                { return m.Name() }
func (m *memVal) Type() types.Type              { return m.alloc.Type().(*types.Pointer).Elem() }
func (m *memVal) Parent() *ssa.Function         { return m.block.Parent() }
func (m *memVal) Referrers() *[]ssa.Instruction { return nil }
func (m *memVal) Pos() token.Pos                { return token.NoPos }

// memAt returns the content of a at the entry of b: the one value that
// reaches it, or a memVal merging several.
func (f *cfunc) memAt(a *ssa.Alloc, b *ssa.BasicBlock) ssa.Value {
	ops := f.locals[a].reachIn[b]
	if len(ops) == 1 && ops[0] != nil {
		return ops[0]
	}
	k := a.Name() + "@" + strconv.Itoa(b.Index)
	if m, ok := f.mems[k]; ok {
		return m
	}
	m := &memVal{alloc: a, block: b, ops: ops}
	f.mems[k] = m
	return m
}

// loadInBlock returns what a load of a at instruction index i of block b
// sees when a store in b precedes it.
func loadInBlock(a *ssa.Alloc, b *ssa.BasicBlock, i int) (ssa.Value, bool) {
	for j := i - 1; j >= 0; j-- {
		if v, ok := storedValue(a, b.Instrs[j]); ok {
			return v, true
		}
	}
	return nil, false
}

// A cpath is one path through the function, walked backwards from a
// return to the entry without taking loop back edges. Each value defined
// on it has one instance, that of the last iteration of any loop the path
// crosses, so conditions met along it hold at the return.
type cpath struct {
	f      *cfunc
	blocks []*ssa.BasicBlock // blocks[0] holds the return
	at     map[*ssa.BasicBlock]int
	alias  map[*ssa.Phi]ssa.Value
	keys   map[ssa.Value]string
}

// paths calls visit with each backward path from block start. It stops
// when visit returns true, and reports false if it gave up because there
// were too many paths.
func (f *cfunc) paths(start *ssa.BasicBlock, visit func(*cpath) bool) bool {
	var (
		stack  []*ssa.BasicBlock
		onPath = make(map[*ssa.BasicBlock]bool)
		count  int
		stop   bool
	)
	var walk func(b *ssa.BasicBlock)
	walk = func(b *ssa.BasicBlock) {
		stack = append(stack, b)
		onPath[b] = true
		defer func() {
			stack = stack[:len(stack)-1]
			onPath[b] = false
		}()
		more := false
		for _, pred := range b.Preds {
			if stop || b.Dominates(pred) || onPath[pred] {
				continue
			}
			more = true
			walk(pred)
		}
		if !more && !stop {
			count++
			f.budget--
			if count > maxContractPaths || f.budget < 0 || visit(f.newPath(stack)) {
				stop = true
			}
		}
	}
	if f.budget > 0 {
		walk(start)
	}
	return count <= maxContractPaths && f.budget >= 0
}

// newPath freezes a backward path, resolving the phis of the blocks it
// enters through a known predecessor. Loop headers keep their phis: the
// path does not say how many times the loop ran.
func (f *cfunc) newPath(blocks []*ssa.BasicBlock) *cpath {
	cp := &cpath{
		f:      f,
		blocks: append([]*ssa.BasicBlock(nil), blocks...),
		at:     make(map[*ssa.BasicBlock]int),
		alias:  make(map[*ssa.Phi]ssa.Value),
		keys:   make(map[ssa.Value]string),
	}
	for i, b := range cp.blocks {
		cp.at[b] = i
		if i+1 == len(cp.blocks) || f.header[b] {
			continue
		}
		k := predIndex(b, cp.blocks[i+1])
		for _, instr := range b.Instrs {
			phi, ok := instr.(*ssa.Phi)
			if !ok {
				break
			}
			cp.alias[phi] = phi.Edges[k]
		}
	}
	return cp
}

func predIndex(b, pred *ssa.BasicBlock) int {
	for i, p := range b.Preds {
		if p == pred {
			return i
		}
	}
	panic("predIndex: " + pred.String() + " is not a predecessor of " + b.String())
}

// resolve follows v through the phis the path resolves, loads of locals
// in memory, and conversions between integer types.
func (cp *cpath) resolve(v ssa.Value) ssa.Value {
	for range 64 {
		switch x := v.(type) {
		case *ssa.Phi:
			if a, ok := cp.alias[x]; ok {
				v = a
				continue
			}
		case *ssa.UnOp:
			if a, ok := x.X.(*ssa.Alloc); ok && x.Op == token.MUL && cp.f.locals[a] != nil {
				if w := cp.load(a, x); w != nil {
					v = w
					continue
				}
			} else if x.Op == token.MUL {
				if w := cp.forward(x); w != nil {
					v = w
					continue
				}
			}
		case *ssa.Convert:
			if isIntegerType(x.Type()) && isIntegerType(x.X.Type()) {
				v = x.X
				continue
			}
		case *ssa.ChangeType:
			v = x.X
			continue
		}
		return v
	}
	return v
}

// load returns the value a load of a sees. On the path, that is the last
// store before it along the path, or the loop-carried content at a loop
// header whose loop stores into a. Off the path, it is what reaches the
// load by any route.
func (cp *cpath) load(a *ssa.Alloc, ld *ssa.UnOp) ssa.Value {
	b := ld.Block()
	if v, ok := loadInBlock(a, b, cp.f.index[ld]); ok {
		return v
	}
	i, onPath := cp.at[b]
	if !onPath {
		return cp.f.memAt(a, b)
	}
	for {
		if cp.f.header[b] && cp.f.storesInLoop(a, b) {
			return cp.f.memAt(a, b)
		}
		i++
		if i == len(cp.blocks) {
			return nil
		}
		b = cp.blocks[i]
		if v, ok := loadInBlock(a, b, len(b.Instrs)); ok {
			return v
		}
	}
}

// forward returns the value the path last stored into the field or
// package-level variable that ld loads, or nil. It gives up at a call, a
// store through any other kind of pointer, or a loop header, any of
// which may have stored something else.
func (cp *cpath) forward(ld *ssa.UnOp) ssa.Value {
	if !fieldOrGlobal(ld.X) {
		return nil
	}
	b := ld.Block()
	i, onPath := cp.at[b]
	if !onPath {
		return nil
	}
	k := cp.key(ld.X)
	for j := cp.f.index[ld] - 1; ; j-- {
		if j < 0 {
			if cp.f.header[b] || i+1 == len(cp.blocks) {
				return nil
			}
			i++
			b = cp.blocks[i]
			j = len(b.Instrs) - 1
		}
		switch instr := b.Instrs[j].(type) {
		case *ssa.Store:
			if _, local := instr.Addr.(*ssa.Alloc); !local && !fieldOrGlobal(instr.Addr) {
				return nil
			}
			if cp.key(instr.Addr) == k {
				return instr.Val
			}
		case *ssa.Call:
			if _, ok := instr.Call.Value.(*ssa.Builtin); !ok {
				return nil
			}
		case *ssa.Go, *ssa.Defer, *ssa.RunDefers:
			return nil
		}
	}
}

// setByCall reports whether slice v, or the slice it is cut from, is
// loaded from a field after a call on the path that may have stored it:
// a method of the package that grows a buffer to fit, say.
// What such a helper guarantees is beyond a check of one method, so a
// copy from it is left undecided.
func (cp *cpath) setByCall(v ssa.Value) bool {
	for range 8 {
		v = cp.resolve(v)
		s, ok := v.(*ssa.Slice)
		if !ok {
			break
		}
		v = s.X
	}
	ld, ok := v.(*ssa.UnOp)
	if !ok || ld.Op != token.MUL || !fieldOrGlobal(ld.X) {
		return false
	}
	b := ld.Block()
	i, onPath := cp.at[b]
	if !onPath {
		return false
	}
	for j := cp.f.index[ld] - 1; ; j-- {
		if j < 0 {
			if i+1 == len(cp.blocks) {
				return false
			}
			i++
			b = cp.blocks[i]
			j = len(b.Instrs) - 1
		}
		if call, ok := b.Instrs[j].(*ssa.Call); ok && cp.mayStore(call, ld.X) {
			return true
		}
	}
}

// mayStore reports whether call, to a function of this package, is
// passed the base of field address addr (the struct pointer it selects
// from), so that it may store into the field.
func (cp *cpath) mayStore(call *ssa.Call, addr ssa.Value) bool {
	fa, ok := addr.(*ssa.FieldAddr)
	if !ok {
		return false
	}
	callee := call.Call.StaticCallee()
	if callee == nil || callee.Pkg != cp.f.fn.Pkg {
		return false
	}
	base := cp.resolve(fa.X)
	for _, a := range call.Call.Args {
		if cp.resolve(a) == base {
			return storesField(callee, fa, 2)
		}
	}
	return false
}

// storesField reports whether fn, or a function of its package that it
// calls (depth levels down), stores into the field that fa selects, on
// any value of its struct type.
func storesField(fn *ssa.Function, fa *ssa.FieldAddr, depth int) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch instr := instr.(type) {
			case *ssa.Store:
				if a, ok := instr.Addr.(*ssa.FieldAddr); ok && a.Field == fa.Field &&
					types.Identical(a.X.Type(), fa.X.Type()) {
					return true
				}
			case ssa.CallInstruction:
				c := instr.Common().StaticCallee()
				if depth > 0 && c != nil && c.Pkg == fn.Pkg && c.Blocks != nil &&
					storesField(c, fa, depth-1) {
					return true
				}
			}
		}
	}
	return false
}

func fieldOrGlobal(v ssa.Value) bool {
	switch v.(type) {
	case *ssa.FieldAddr, *ssa.Global:
		return true
	}
	return false
}

// mergeOps returns the operands of a value that merges several others
// without the path saying which: a phi the path leaves unresolved, or a
// memVal.
func (cp *cpath) mergeOps(v ssa.Value) ([]ssa.Value, bool) {
	switch x := v.(type) {
	case *ssa.Phi:
		if _, ok := cp.alias[x]; !ok {
			return x.Edges, true
		}
	case *memVal:
		return x.ops, true
	}
	return nil, false
}

// conditions returns the branch conditions met along the path, nearest
// the return first, with the block that tests each.
func (cp *cpath) conditions() []pathCond {
	var out []pathCond
	for i := 0; i+1 < len(cp.blocks); i++ {
		b, pred := cp.blocks[i], cp.blocks[i+1]
		ifi, ok := pred.Instrs[len(pred.Instrs)-1].(*ssa.If)
		if !ok || pred.Succs[0] == pred.Succs[1] {
			continue
		}
		out = append(out, pathCond{cond: ifi.Cond, truth: pred.Succs[0] == b, block: pred})
	}
	return out
}

// A pathCond is a branch condition with the outcome a path takes.
type pathCond struct {
	cond  ssa.Value
	truth bool
	block *ssa.BasicBlock
}

func isIntegerType(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsInteger != 0
}

// key names a value so that loads of the same field, and the same
// parameter or constant, get one name.
func (cp *cpath) key(v ssa.Value) string {
	v = cp.resolve(v)
	if k, ok := cp.keys[v]; ok {
		return k
	}
	var k string
	switch x := v.(type) {
	case *ssa.Const:
		k = "c:nil"
		if x.Value != nil {
			k = "c:" + x.Value.ExactString()
		}
	case *ssa.Parameter:
		k = "p:" + x.Name()
	case *ssa.Global:
		k = "g:" + x.Pkg.Pkg.Path() + "." + x.Name()
	case *ssa.FieldAddr:
		k = "&(" + cp.key(x.X) + ")." + strconv.Itoa(x.Field)
	case *ssa.Field:
		k = "(" + cp.key(x.X) + ")." + strconv.Itoa(x.Field)
	case *ssa.UnOp:
		if x.Op == token.MUL {
			k = "*" + cp.key(x.X)
		} else {
			k = "v:" + x.Name()
		}
	default:
		k = "v:" + v.Name()
	}
	cp.keys[v] = k
	return k
}
