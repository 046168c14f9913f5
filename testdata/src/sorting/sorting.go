// Package sorting holds readers that sort a slice the receiver holds: the
// sort functions of the standard library swap its elements in place.
package sorting

import (
	"io"
	"slices"
	"sort"
	"sync"
)

// sortedOffsets sorts its shared offsets on each call.
type sortedOffsets struct {
	src   io.ReaderAt
	offs  []int
	sizes []int64
}

func (r *sortedOffsets) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*sortedOffsets\)\.ReadAt writes r\.offs\[i\] and r\.sizes\[i\] without holding a lock; io\.ReaderAt allows parallel calls$`
	sort.Ints(r.offs)
	slices.Sort(r.sizes)
	return r.src.ReadAt(p, off)
}

// sortedCopy sorts a copy it makes.
type sortedCopy struct {
	src  io.ReaderAt
	offs []int
}

func (r *sortedCopy) ReadAt(p []byte, off int64) (int, error) {
	offs := slices.Clone(r.offs)
	sort.Ints(offs) // ok: a slice made in this call
	_ = offs
	return r.src.ReadAt(p, off)
}

// lockedSort sorts under its mutex.
type lockedSort struct {
	mu   sync.Mutex
	src  io.ReaderAt
	offs []int
}

func (r *lockedSort) ReadAt(p []byte, off int64) (int, error) {
	r.mu.Lock()
	sort.Ints(r.offs) // ok: under r.mu
	r.mu.Unlock()
	return r.src.ReadAt(p, off)
}
