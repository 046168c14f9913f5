// Package sliceelem holds readers that store into elements of slices and
// arrays the receiver holds.
package sliceelem

import (
	"io"
	"sync"
)

// blockHits counts hits per block in a slice of counters.
type blockHits struct {
	src  io.ReaderAt
	hits []int
}

func (r *blockHits) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*blockHits\)\.ReadAt writes r\.hits\[i\] without holding a lock; io\.ReaderAt allows parallel calls$`
	if i := int(off / 4096); i < len(r.hits) {
		r.hits[i]++
	}
	return r.src.ReadAt(p, off)
}

// ringOfOffsets records offsets in an array field of the receiver.
type ringOfOffsets struct {
	src  io.ReaderAt
	ring [8]int64
	next int
}

func (r *ringOfOffsets) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*ringOfOffsets\)\.ReadAt writes r\.ring\[i\] and r\.next without holding a lock; io\.ReaderAt allows parallel calls$`
	r.ring[r.next%len(r.ring)] = off
	r.next++
	return r.src.ReadAt(p, off)
}

// structElems writes a field of a struct inside a slice element.
type structElems struct {
	src    io.ReaderAt
	blocks []block
}

// block is one cached block.
type block struct {
	off  int64
	used bool
}

func (r *structElems) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*structElems\)\.ReadAt writes r\.blocks\[i\]\.used without holding a lock; io\.ReaderAt allows parallel calls$`
	for i := range r.blocks {
		if r.blocks[i].off == off {
			r.blocks[i].used = true
		}
	}
	return r.src.ReadAt(p, off)
}

// rangeValue ranges over the blocks by value: it writes copies only.
type rangeValue struct {
	src    io.ReaderAt
	blocks []block
}

func (r *rangeValue) ReadAt(p []byte, off int64) (int, error) {
	for _, b := range r.blocks {
		b.used = true // ok: a copy of the element
		_ = b
	}
	return r.src.ReadAt(p, off)
}

// lockedHits counts under a mutex.
type lockedHits struct {
	mu   sync.Mutex
	src  io.ReaderAt
	hits []int
}

func (r *lockedHits) ReadAt(p []byte, off int64) (int, error) {
	if i := int(off / 4096); i < len(r.hits) {
		r.mu.Lock()
		r.hits[i]++ // ok: under r.mu
		r.mu.Unlock()
	}
	return r.src.ReadAt(p, off)
}

// localSlice copies the counters and counts in its copy.
type localSlice struct {
	src  io.ReaderAt
	hits []int
}

func (r *localSlice) ReadAt(p []byte, off int64) (int, error) {
	hits := make([]int, len(r.hits))
	copy(hits, r.hits)
	if i := int(off / 4096); i < len(hits) {
		hits[i]++ // ok: a slice made in this call
	}
	return r.src.ReadAt(p, off)
}
