package readeratcheck

import (
	"go/constant"
	"go/token"
	"go/types"
	"sort"

	"golang.org/x/tools/go/ssa"
)

// An lform is a linear form over integer values: the sum of coef[k]
// times the atom named k, plus konst. Atoms are named by key, so that two
// loads of r.size, or two calls len(p), are one atom.
type lform struct {
	coef  map[string]int64
	konst int64
}

func constForm(k int64) lform { return lform{konst: k} }

// plus returns f + s*g.
func (f lform) plus(g lform, s int64) lform {
	out := lform{coef: make(map[string]int64), konst: f.konst + s*g.konst}
	for k, c := range f.coef {
		out.coef[k] += c
	}
	for k, c := range g.coef {
		out.coef[k] += s * c
	}
	for k, c := range out.coef {
		if c == 0 {
			delete(out.coef, k)
		}
	}
	return out
}

func (f lform) isConst() bool { return len(f.coef) == 0 }

// An atom is a value a linear form does not look into: its own value, or
// the length of the slice or string v when length is set.
type atom struct {
	v      ssa.Value
	length bool
}

// pathFacts holds what the conditions met along a path establish: linear
// forms known to be at least zero, and errors known to be nil or not.
type pathFacts struct {
	cp      *cpath
	ge      []lform // each form is >= 0
	ne      []lform // each form is not 0
	atoms   map[string]atom
	lenArgs []ssa.Value // the slices whose length the conditions test
	isNil   map[string]pathCond
	nonNil  map[string]pathCond
	conds   []pathCond
	contra  bool // a condition contradicts what a value is by construction
}

// newPathFacts reads the conditions of a path.
func newPathFacts(cp *cpath) *pathFacts {
	fs := &pathFacts{
		cp:     cp,
		atoms:  make(map[string]atom),
		isNil:  make(map[string]pathCond),
		nonNil: make(map[string]pathCond),
	}
	fs.conds = cp.conditions()
	for _, c := range fs.conds {
		fs.add(c)
	}
	return fs
}

// add records what one branch outcome establishes.
func (fs *pathFacts) add(c pathCond) {
	cond, truth := fs.cp.resolve(c.cond), c.truth
	for {
		not, ok := cond.(*ssa.UnOp)
		if !ok || not.Op != token.NOT {
			break
		}
		cond, truth = fs.cp.resolve(not.X), !truth
	}
	switch x := cond.(type) {
	case *ssa.BinOp:
		fs.addCompare(x, truth, c)
	case *ssa.Call:
		// errors.Is(err, target) is false for a nil err and a non-nil
		// target.
		if fn := x.Common().StaticCallee(); truth && isFunc(fn, "errors", "Is") &&
			fs.nonNilValue(x.Call.Args[1]) {
			fs.setErr(x.Call.Args[0], false, c)
		}
	}
}

// addCompare records what a comparison known to be truth establishes.
func (fs *pathFacts) addCompare(x *ssa.BinOp, truth bool, c pathCond) {
	op := x.Op
	if !truth {
		op = negate(op)
	}
	switch {
	case op != token.EQL && op != token.NEQ && !isIntegerType(x.X.Type()):
		return
	case isNilConst(fs.cp.resolve(x.Y)):
		fs.setErr(x.X, op == token.EQL, c)
	case isNilConst(fs.cp.resolve(x.X)):
		fs.setErr(x.Y, op == token.EQL, c)
	case types.IsInterface(x.X.Type()):
		// Equal to a value known to be non-nil, such as io.EOF.
		if op == token.EQL && fs.nonNilValue(x.Y) {
			fs.setErr(x.X, false, c)
		} else if op == token.EQL && fs.nonNilValue(x.X) {
			fs.setErr(x.Y, false, c)
		}
	case isIntegerType(x.X.Type()):
		d := fs.form(x.X).plus(fs.form(x.Y), -1)
		switch op {
		case token.GTR:
			fs.ge = append(fs.ge, d.plus(constForm(1), -1))
		case token.GEQ:
			fs.ge = append(fs.ge, d)
		case token.LSS:
			fs.ge = append(fs.ge, constForm(-1).plus(d, -1))
		case token.LEQ:
			fs.ge = append(fs.ge, constForm(0).plus(d, -1))
		case token.EQL:
			fs.ge = append(fs.ge, d, constForm(0).plus(d, -1))
		case token.NEQ:
			fs.ne = append(fs.ne, d)
		}
	}
}

// negate returns the comparison that holds when op does not.
func negate(op token.Token) token.Token {
	switch op {
	case token.EQL:
		return token.NEQ
	case token.NEQ:
		return token.EQL
	case token.LSS:
		return token.GEQ
	case token.GEQ:
		return token.LSS
	case token.GTR:
		return token.LEQ
	case token.LEQ:
		return token.GTR
	}
	return token.ILLEGAL
}

// setErr records that v is nil, or is not, and notes a contradiction
// with what v is by construction, such as io.EOF tested nil. Values loaded
// from memory other than plain locals are not recorded: a store between
// the test and the return may have changed them.
func (fs *pathFacts) setErr(v ssa.Value, isNil bool, c pathCond) {
	v = fs.cp.resolve(v)
	if isNil && fs.nonNilValue(v) || !isNil && isNilConst(v) {
		fs.contra = true
	}
	if isMemoryLoad(v) {
		return
	}
	k := fs.key(v)
	if isNil {
		fs.isNil[k] = c
	} else {
		fs.nonNil[k] = c
	}
}

func isMemoryLoad(v ssa.Value) bool {
	u, ok := v.(*ssa.UnOp)
	return ok && u.Op == token.MUL
}

func isNilConst(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.IsNil()
}

// nonNilValue reports whether v is an error value that cannot be nil: a
// conversion to an interface, a package-level error such as io.EOF, or
// one made by errors.New or fmt.Errorf.
func (fs *pathFacts) nonNilValue(v ssa.Value) bool {
	switch x := fs.cp.resolve(v).(type) {
	case *ssa.MakeInterface:
		return true
	case *ssa.UnOp:
		_, ok := x.X.(*ssa.Global)
		return ok && x.Op == token.MUL
	case *ssa.Call:
		fn := x.Common().StaticCallee()
		return isFunc(fn, "errors", "New") || isFunc(fn, "fmt", "Errorf")
	}
	return false
}

// isFunc reports whether fn is the package-level function pkg.name.
func isFunc(fn *ssa.Function, pkg, name string) bool {
	return fn != nil && fn.Signature.Recv() == nil && fn.Pkg != nil &&
		fn.Pkg.Pkg.Path() == pkg && fn.Name() == name
}

// key names v as cp.key does.
func (fs *pathFacts) key(v ssa.Value) string { return fs.cp.key(v) }

// form returns v as a linear form: sums, differences, products with a
// constant, negations and lengths are looked into; the rest are atoms.
func (fs *pathFacts) form(v ssa.Value) lform {
	v = fs.cp.resolve(v)
	switch x := v.(type) {
	case *ssa.Const:
		if x.Value != nil && x.Value.Kind() == constant.Int {
			if k, ok := constant.Int64Val(x.Value); ok {
				return constForm(k)
			}
		}
	case *ssa.BinOp:
		switch x.Op {
		case token.ADD:
			return fs.form(x.X).plus(fs.form(x.Y), 1)
		case token.SUB:
			return fs.form(x.X).plus(fs.form(x.Y), -1)
		case token.MUL:
			if a, b := fs.form(x.X), fs.form(x.Y); a.isConst() {
				return constForm(0).plus(b, a.konst)
			} else if b.isConst() {
				return constForm(0).plus(a, b.konst)
			}
		}
	case *ssa.UnOp:
		if x.Op == token.SUB {
			return constForm(0).plus(fs.form(x.X), -1)
		}
	case *ssa.Call:
		if b, ok := x.Call.Value.(*ssa.Builtin); ok && b.Name() == "len" {
			return fs.lenForm(x.Call.Args[0])
		}
	}
	return fs.atomForm(fs.key(v), atom{v: v})
}

// lenForm returns the length of slice or string v as a linear form: a
// slice expression's length is its high bound less its low bound.
func (fs *pathFacts) lenForm(v ssa.Value) lform {
	fs.lenArgs = append(fs.lenArgs, v)
	v = fs.cp.resolve(v)
	switch x := v.(type) {
	case *ssa.Slice:
		var hi lform
		switch {
		case x.High != nil:
			hi = fs.form(x.High)
		case arrayLen(x.X.Type()) >= 0:
			hi = constForm(arrayLen(x.X.Type()))
		default:
			hi = fs.lenForm(x.X)
		}
		if x.Low != nil {
			hi = hi.plus(fs.form(x.Low), -1)
		}
		return hi
	case *ssa.Const:
		if x.Value != nil && x.Value.Kind() == constant.String {
			return constForm(int64(len(constant.StringVal(x.Value))))
		}
	case *ssa.Convert:
		if isByteSliceOrString(x.Type()) && isByteSliceOrString(x.X.Type()) {
			return fs.lenForm(x.X)
		}
	case *ssa.MakeSlice:
		return fs.form(x.Len)
	case *ssa.Call:
		// append(s, t...) is as long as s and t together.
		if b, ok := x.Call.Value.(*ssa.Builtin); ok && b.Name() == "append" &&
			len(x.Call.Args) == 2 {
			return fs.lenForm(x.Call.Args[0]).plus(fs.lenForm(x.Call.Args[1]), 1)
		}
	}
	return fs.atomForm("len("+fs.key(v)+")", atom{v: v, length: true})
}

func (fs *pathFacts) atomForm(k string, a atom) lform {
	fs.atoms[k] = a
	return lform{coef: map[string]int64{k: 1}}
}

// arrayLen returns the length of the array t points to, or -1.
func arrayLen(t types.Type) int64 {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		if a, ok := p.Elem().Underlying().(*types.Array); ok {
			return a.Len()
		}
	}
	return -1
}

func isByteSliceOrString(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Info()&types.IsString != 0
	case *types.Slice:
		b, ok := u.Elem().Underlying().(*types.Basic)
		return ok && (b.Kind() == types.Byte || b.Kind() == types.Rune)
	}
	return false
}

// implies reports whether the facts establish q >= 0, from one fact or
// the sum of two, lengths counting as facts of their own (len(x) >= 0).
func (fs *pathFacts) implies(q lform) bool {
	if q.isConst() {
		return q.konst >= 0
	}
	base := append([]lform(nil), fs.ge...)
	for _, k := range sortedAtoms(fs.atoms) {
		if fs.atoms[k].length {
			base = append(base, lform{coef: map[string]int64{k: 1}})
		}
	}
	for i, f := range base {
		if d := f.plus(q, -1); d.isConst() && d.konst <= 0 {
			return true
		}
		for _, g := range base[i+1:] {
			if d := f.plus(g, 1).plus(q, -1); d.isConst() && d.konst <= 0 {
				return true
			}
		}
	}
	return false
}

// infeasible reports whether the path's conditions contradict each
// other, as when it takes both "err != nil" and "err == nil" for one err,
// or what a value is, as when it takes "err == nil" after "err = io.EOF":
// no execution follows it.
func (fs *pathFacts) infeasible() bool {
	if fs.contra {
		return true
	}
	for k := range fs.isNil {
		if _, ok := fs.nonNil[k]; ok {
			return true
		}
	}
	for i, f := range fs.ge {
		if f.isConst() && f.konst < 0 {
			return true
		}
		for _, g := range fs.ge[i+1:] {
			if d := f.plus(g, 1); d.isConst() && d.konst < 0 {
				return true
			}
		}
	}
	return false
}

func sortedAtoms(m map[string]atom) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// isRemainder reports whether v is p or what is left of it after
// dropping a prefix, p[i:], possibly through a loop.
func (fs *pathFacts) isRemainder(v ssa.Value, seen map[ssa.Value]bool) bool {
	v = fs.cp.resolve(v)
	if v == ssa.Value(fs.cp.f.p) || seen[v] {
		return true
	}
	if s, ok := v.(*ssa.Slice); ok {
		return s.High == nil && s.Max == nil && fs.isRemainder(s.X, seen)
	}
	ops, ok := fs.cp.mergeOps(v)
	if !ok {
		return false
	}
	seen[v] = true
	for _, op := range ops {
		if op == nil || !fs.isRemainder(op, seen) {
			return false
		}
	}
	return true
}

// positive reports whether the facts establish f > 0 for f known to be
// at least 0: f >= 1, or f != 0.
func (fs *pathFacts) positive(f lform) bool {
	if fs.implies(f.plus(constForm(1), -1)) {
		return true
	}
	for _, d := range fs.ne {
		if s := d.plus(f, -1); s.isConst() && s.konst == 0 {
			return true
		}
		if s := d.plus(f, 1); s.isConst() && s.konst == 0 {
			return true
		}
	}
	return false
}

// full reports whether the facts establish that count n fills p:
// n >= len(p), or a remainder of p is empty.
func (fs *pathFacts) full(n ssa.Value) bool {
	if fs.implies(fs.form(n).plus(fs.lenForm(fs.cp.f.p), -1)) {
		return true
	}
	for _, q := range append([]ssa.Value(nil), fs.lenArgs...) {
		if fs.isRemainder(q, make(map[ssa.Value]bool)) &&
			fs.implies(constForm(0).plus(fs.lenForm(q), -1)) {
			return true
		}
	}
	return false
}
