package readeratcheck

import (
	"fmt"
	"sort"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// A lockset holds the locks that are held on every path reaching a
// point of a function, keyed by the location of the mutex.
type lockset map[string]heldLock

// A heldLock is a lock held on the mutex at loc; read says it is only the
// read side of a sync.RWMutex.
type heldLock struct {
	loc  path
	read bool

	// A guarded lock is held only where the branch on guard went the
	// way guardVal says; it protects nothing until a branch decides it.
	guard    ssa.Value
	guardVal bool
}

// key identifies a lockset for memoisation.
func (ls lockset) key() string {
	keys := make([]string, 0, len(ls))
	for k, l := range ls {
		if l.read {
			k += "(r)"
		}
		if l.guard != nil {
			k += fmt.Sprintf("(if %p=%v)", l.guard, l.guardVal)
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return strings.Join(keys, ",")
}

// acquire returns ls with the mutex at loc held.
func (ls lockset) acquire(loc path, read bool) lockset {
	out := make(lockset, len(ls)+1)
	for k, l := range ls {
		out[k] = l
	}
	out[loc.key()] = heldLock{loc: loc, read: read}
	return out
}

// release returns ls without the mutex at loc.
func (ls lockset) release(loc path) lockset {
	k := loc.key()
	if _, ok := ls[k]; !ok {
		return ls
	}
	out := make(lockset, len(ls))
	for k2, l := range ls {
		if k2 != k {
			out[k2] = l
		}
	}
	return out
}

// meet returns the locks held on both paths. A mutex held for writing on
// one path and for reading on the other is only read-held after the
// join.
func meet(a, b lockset) lockset {
	out := make(lockset)
	for k, la := range a {
		lb, ok := b[k]
		if !ok || la.guard != lb.guard || la.guardVal != lb.guardVal {
			continue
		}
		la.read = la.read || lb.read
		out[k] = la
	}
	return out
}

func (ls lockset) equal(other lockset) bool {
	if len(ls) != len(other) {
		return false
	}
	for k, l := range ls {
		o, ok := other[k]
		if !ok || o.read != l.read || o.guard != l.guard || o.guardVal != l.guardVal {
			return false
		}
	}
	return true
}

// writeHeld reports whether some lock is held for writing.
func (ls lockset) writeHeld() bool {
	for _, l := range ls {
		if !l.read && l.guard == nil {
			return true
		}
	}
	return false
}

// readLocks returns the mutexes held only for reading, sorted.
func (ls lockset) readLocks() []string {
	var out []string
	for _, l := range ls {
		if l.read && l.guard == nil {
			out = append(out, l.loc.String())
		}
	}
	sort.Strings(out)
	return out
}

// anyHeld reports whether some lock, read or write, is held for sure.
func (ls lockset) anyHeld() bool {
	for _, l := range ls {
		if l.guard == nil {
			return true
		}
	}
	return false
}
