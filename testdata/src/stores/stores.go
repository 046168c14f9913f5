// Package stores holds readers that store to receiver-reachable memory in
// each form Go has: increments, operator assignments, multiple and
// swapping assignments, whole structs and stores through pointers.
package stores

import (
	"io"
	"sync"
)

// position is where and how much was read.
type position struct {
	off, n int64
}

// incDec counts up and down with ++ and --.
type incDec struct {
	src      io.ReaderAt
	inFlight int
}

func (r *incDec) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*incDec\)\.ReadAt writes r\.inFlight without holding a lock; io\.ReaderAt allows parallel calls$`
	r.inFlight++
	defer func() { r.inFlight-- }()
	return r.src.ReadAt(p, off)
}

// opAssign uses operator assignments on a field, a map entry and an
// array element.
type opAssign struct {
	src    io.ReaderAt
	bytes  int64
	byOff  map[int64]int
	shifts [2]uint
}

func (r *opAssign) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*opAssign\)\.ReadAt writes r\.bytes, r\.byOff\[k\] and r\.shifts\[i\] without holding a lock; io\.ReaderAt allows parallel calls$`
	n, err := r.src.ReadAt(p, off)
	r.bytes += int64(n)
	r.byOff[off] += n
	r.shifts[0] |= 1
	return n, err
}

// multiAssign swaps two fields in one assignment and sets a whole struct.
type multiAssign struct {
	src        io.ReaderAt
	prev, last int64
	pos        position
}

func (r *multiAssign) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*multiAssign\)\.ReadAt writes r\.prev, r\.last and r\.pos without holding a lock; io\.ReaderAt allows parallel calls$`
	r.prev, r.last = r.last, off
	n, err := r.src.ReadAt(p, off)
	r.pos = position{off: off, n: int64(n)}
	return n, err
}

// throughPointers stores through a pointer field and a pointer held in a
// local variable.
type throughPointers struct {
	src   io.ReaderAt
	count *int64
	pos   position
}

func (r *throughPointers) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*throughPointers\)\.ReadAt writes \*r\.count and r\.pos\.off without holding a lock; io\.ReaderAt allows parallel calls$`
	*r.count = off
	pp := &r.pos
	pp.off = off
	return r.src.ReadAt(p, off)
}

// lockedStores does all of the above under its mutex.
type lockedStores struct {
	mu         sync.Mutex
	src        io.ReaderAt
	prev, last int64
	count      *int64
	byOff      map[int64]int
}

func (r *lockedStores) ReadAt(p []byte, off int64) (int, error) {
	n, err := r.src.ReadAt(p, off)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.prev, r.last = r.last, off // ok: under r.mu
	*r.count += int64(n)         // ok: under r.mu
	r.byOff[off] += n            // ok: under r.mu
	return n, err
}

// readsOnly loads from the fields and stores into locals.
type readsOnly struct {
	src        io.ReaderAt
	prev, last int64
	pos        position
}

func (r *readsOnly) ReadAt(p []byte, off int64) (int, error) {
	prev, last := r.prev, r.last
	prev, last = last, prev // ok: locals
	pos := r.pos
	pos.off = off // ok: a local copy of the struct
	_, _, _ = prev, last, pos
	return r.src.ReadAt(p, off)
}
