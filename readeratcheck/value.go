package readeratcheck

import (
	"fmt"
	"go/constant"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// An absVal is what the analysis knows about an SSA value: whether it
// points into shared memory, refers to shared memory, is local to the
// call, is a function value, or is a constant.
type absVal struct {
	kind absKind
	loc  path  // kAddr: the location pointed to; kRef: where the value was read from
	cell *cell // kLocal

	fn       *ssa.Function // kClosure
	bindings []absVal      // kClosure: values of fn's free variables
	alts     []absVal      // kClosure: other functions the value may be

	rlocker bool // kAddr: the sync.Locker that RLocker returns for the RWMutex at loc

	cnst constant.Value // kConst
}

type absKind uint8

const (
	kNone    absKind = iota // nothing shared: a local, a fresh object, a parameter
	kAddr                   // a pointer to the shared location loc
	kRef                    // a value read from loc that refers to shared memory
	kLocal                  // the address of (part of) a variable local to a call
	kClosure                // a function of this package, with its free variables
	kConst                  // a constant
)

// A cell is the address of a local variable (an ssa.Alloc) in the call
// described by a frame, or of a part of it.
type cell struct {
	frame *frame
	alloc *ssa.Alloc
	steps []step
}

var none = absVal{}

func addrOf(loc path) absVal { return absVal{kind: kAddr, loc: loc} }
func refOf(loc path) absVal  { return absVal{kind: kRef, loc: loc} }

// isShared reports whether v points or refers into shared memory.
func (v absVal) isShared() bool { return v.kind == kAddr || v.kind == kRef }

// key identifies v for memoisation of calls.
func (v absVal) key() string {
	switch v.kind {
	case kAddr:
		if v.rlocker {
			return "Q" + v.loc.key()
		}
		return "A" + v.loc.key()
	case kRef:
		return "R" + v.loc.key()
	case kLocal:
		return fmt.Sprintf("L%p%s", v.cell.frame, strings.Join(encodeSteps(v.cell.steps), ""))
	case kClosure:
		parts := make([]string, len(v.bindings))
		for i, b := range v.bindings {
			parts[i] = b.key()
		}
		k := fmt.Sprintf("C%p(%s)", v.fn, strings.Join(parts, ","))
		for _, a := range v.alts {
			k += "|" + a.key()
		}
		return k
	case kConst:
		return "K" + v.cnst.ExactString()
	}
	return "_"
}

// object returns the location of the object that a method called on v
// acts on: the pointee of a pointer, the dynamic value of an interface.
func (v absVal) object() path {
	return v.loc
}

// contentOf returns what is known of a value of type t read from the
// shared location loc: a pointer points to shared memory, and a slice,
// map, interface or struct holding references refers to it.
func contentOf(loc path, t types.Type) absVal {
	if tp, ok := types.Unalias(t).(*types.TypeParam); ok {
		if core := coreType(tp); core != nil {
			t = core
		}
	}
	switch t.Underlying().(type) {
	case *types.Pointer:
		return addrOf(loc.deref())
	case *types.Basic:
		return none
	}
	if hasRefs(t, 0) {
		return refOf(loc)
	}
	return none
}

// coreType returns the single underlying type that the constraint of tp
// allows, as in [P ~*T] or [P *T], or nil.
func coreType(tp *types.TypeParam) types.Type {
	iface, ok := tp.Constraint().Underlying().(*types.Interface)
	if !ok || iface.NumEmbeddeds() != 1 {
		return nil
	}
	switch e := iface.EmbeddedType(0).(type) {
	case *types.Union:
		if e.Len() == 1 {
			return e.Term(0).Type().Underlying()
		}
	case *types.Interface, *types.TypeParam:
		return nil
	default:
		return e.Underlying()
	}
	return nil
}

// hasRefs reports whether a value of type t may refer to other memory.
func hasRefs(t types.Type, depth int) bool {
	if depth > 8 {
		return true
	}
	switch t := t.Underlying().(type) {
	case *types.Basic:
		return t.Kind() == types.UnsafePointer
	case *types.Struct:
		for f := range t.Fields() {
			if hasRefs(f.Type(), depth+1) {
				return true
			}
		}
		return false
	case *types.Array:
		return hasRefs(t.Elem(), depth+1)
	}
	// Pointers, slices, maps, channels, functions, interfaces and type
	// parameters.
	return true
}

// field returns the abstract value of field i of a struct value v of
// type t.
func fieldOf(v absVal, st *types.Struct, i int) absVal {
	f := st.Field(i)
	switch v.kind {
	case kRef:
		return contentOf(v.loc.field(f.Name()), f.Type())
	case kAddr:
		return addrOf(v.loc.field(f.Name()))
	case kLocal:
		return v.cell.plus(step{kind: stepField, name: f.Name()})
	}
	return none
}

// plus returns the address of the part of c reached by s.
func (c *cell) plus(s step) absVal {
	return localOf(c.frame, c.alloc, withStep(c.steps, s))
}

func localOf(fr *frame, a *ssa.Alloc, steps []step) absVal {
	return absVal{kind: kLocal, cell: &cell{frame: fr, alloc: a, steps: steps}}
}

func withStep(steps []step, s step) []step {
	out := make([]step, 0, len(steps)+1)
	out = append(out, steps...)
	return append(out, s)
}

// join combines the values a variable may hold on different paths. The
// analysis looks for any path on which shared state is mutated, so a
// shared value wins over a local one.
func join(a, b absVal) absVal {
	rank := func(v absVal) int {
		switch v.kind {
		case kAddr, kRef:
			return 3
		case kLocal, kClosure:
			return 2
		case kConst:
			return 1
		}
		return 0
	}
	if rank(b) > rank(a) {
		return b
	}
	if a.kind == kClosure && b.kind == kClosure && a.key() != b.key() {
		// A call of the value may call either function.
		out := a
		out.alts = append(append([]absVal(nil), a.alts...), b)
		return out
	}
	if a.kind == kConst && b.kind == kConst &&
		(a.cnst.Kind() != b.cnst.Kind() || a.cnst.ExactString() != b.cnst.ExactString()) {
		return none
	}
	return a
}
