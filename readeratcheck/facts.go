package readeratcheck

import (
	"go/token"
	"go/types"
	"sort"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// applyFact records the mutations that the summary fact of obj, a
// function or method of another package, says a call performs. recv is
// the receiver's value for a method, and args the other arguments.
func (fr *frame) applyFact(obj *types.Func, recv *absVal, args []ssa.Value, pos token.Pos,
	locks lockset, s *summary, inGo bool) {

	var f mutatesFact
	if !importSummary(fr.in.pass, obj, &f) {
		return
	}
	vals := fr.argVals(recv, args)
	for _, m := range f.Muts {
		if m.Param >= len(vals) {
			continue
		}
		loc, ok := applySteps(vals[m.Param], decodeSteps(m.Steps), m.Ref)
		if !ok {
			continue
		}
		s.effects = append(s.effects, effect{
			loc: loc, verb: m.Verb, pos: pos, locks: locks, inGo: inGo,
			chain: []hop{{pos: pos, callee: funcName(obj)}},
		})
	}
}

// applyFactLocks applies the locks that the summary fact of obj says a
// call leaves acquired or released. args include the receiver.
func (fr *frame) applyFactLocks(obj *types.Func, args []ssa.Value, st *flowState) *flowState {
	var f mutatesFact
	if len(args) == 0 || !importSummary(fr.in.pass, obj, &f) || len(f.Locks) == 0 {
		return st
	}
	vals := fr.argVals(nil, args)
	locks := st.locks
	for _, l := range f.Locks {
		if l.Param >= len(vals) {
			continue
		}
		loc, ok := applySteps(vals[l.Param], decodeSteps(l.Steps), false)
		if !ok {
			continue
		}
		if l.Release {
			locks = locks.release(loc)
		} else {
			locks = locks.acquire(loc, l.Read)
		}
	}
	return st.withLocks(locks)
}

// argVals returns the values of a call's receiver and arguments. Those
// rooted at another package's variables, such as io.Discard or
// os.Stderr, count as nothing shared: they are that package's business.
func (fr *frame) argVals(recv *absVal, args []ssa.Value) []absVal {
	var vals []absVal
	if recv != nil {
		vals = append(vals, *recv)
	}
	for _, a := range args {
		vals = append(vals, fr.value(a))
	}
	for i, v := range vals {
		if foreignGlobal(v, fr) {
			vals[i] = none
		}
	}
	return vals
}

// applySteps returns the shared location reached by following steps from
// the argument value a, if the mutation they describe reaches shared
// memory: through a pointer, an element, or, if ref, the referent of an
// interface, slice or map.
func applySteps(a absVal, steps []step, ref bool) (path, bool) {
	switch a.kind {
	case kAddr:
		if ref && len(steps) == 0 {
			// A pointer passed as an interface: the object it points to.
			return a.loc, true
		}
		if len(steps) == 0 || steps[0].kind != stepDeref {
			return path{}, false
		}
		return a.loc.with(steps[1:]...), true
	case kRef:
		if !ref && !hasIndirection(steps) {
			return path{}, false
		}
		return a.loc.with(steps...), true
	}
	return path{}, false
}

// funcName spells a function of another package for a message:
// "io.ReadFull", "(*bufio.Reader).Read".
func funcName(obj *types.Func) string {
	qual := func(p *types.Package) string { return p.Name() }
	if recv := obj.Signature().Recv(); recv != nil {
		return "(" + types.TypeString(recv.Type(), qual) + ")." + obj.Name()
	}
	if obj.Pkg() != nil {
		return obj.Pkg().Name() + "." + obj.Name()
	}
	return obj.Name()
}

// sortLocks puts a fact's locks in a stable order, so facts are the same
// from one run to the next. (Its mutations come in the summary's order.)
func sortLocks(f *mutatesFact) {
	sort.Slice(f.Locks, func(i, j int) bool {
		a, b := f.Locks[i], f.Locks[j]
		if a.Param != b.Param {
			return a.Param < b.Param
		}
		return strings.Join(a.Steps, "") < strings.Join(b.Steps, "")
	})
}
