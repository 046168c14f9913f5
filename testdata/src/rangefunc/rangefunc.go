// Package rangefunc holds readers that mutate shared state in the body of
// a range-over-func loop. The body runs inside the iterator's call, as
// part of ReadAt.
package rangefunc

import (
	"io"
	"iter"
	"maps"
	"slices"
	"sync"
)

// ownIterator ranges over an iterator method of its own type.
type ownIterator struct {
	src   io.ReaderAt
	offs  []int64
	total int64
}

// all yields the offsets.
func (r *ownIterator) all() iter.Seq[int64] {
	return func(yield func(int64) bool) {
		for _, o := range r.offs {
			if !yield(o) {
				return
			}
		}
	}
}

func (r *ownIterator) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*ownIterator\)\.ReadAt writes r\.total without holding a lock; io\.ReaderAt allows parallel calls$`
	for o := range r.all() {
		r.total += o
	}
	return r.src.ReadAt(p, off)
}

// mapsAll ranges over maps.All of a shared map and sums into a field.
type mapsAll struct {
	src   io.ReaderAt
	sizes map[int64]int
	total int
}

func (r *mapsAll) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*mapsAll\)\.ReadAt writes r\.total without holding a lock; io\.ReaderAt allows parallel calls$`
	for _, n := range maps.All(r.sizes) {
		r.total += n
	}
	return r.src.ReadAt(p, off)
}

// slicesValues breaks out of a range over slices.Values after a write.
type slicesValues struct {
	src  io.ReaderAt
	offs []int64
	seen int
}

func (r *slicesValues) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*slicesValues\)\.ReadAt writes r\.seen without holding a lock; io\.ReaderAt allows parallel calls$`
	for o := range slices.Values(r.offs) {
		r.seen++
		if o == off {
			break
		}
	}
	return r.src.ReadAt(p, off)
}

// lockedRange sums under its mutex.
type lockedRange struct {
	mu    sync.Mutex
	src   io.ReaderAt
	sizes map[int64]int
	total int
}

func (r *lockedRange) ReadAt(p []byte, off int64) (int, error) {
	r.mu.Lock()
	for _, n := range maps.All(r.sizes) {
		r.total += n // ok: under r.mu
	}
	r.mu.Unlock()
	return r.src.ReadAt(p, off)
}
