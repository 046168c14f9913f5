// Package transitive holds readers whose mutation happens several calls
// deep in helpers of the same package.
package transitive

import (
	"io"
	"sync"
)

// threeDeep reaches its write through three helpers.
type threeDeep struct {
	src   io.ReaderAt
	stats *stats
}

// stats counts reads.
type stats struct {
	reads int
}

func (r *threeDeep) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*threeDeep\)\.ReadAt writes r\.stats\.reads without holding a lock; io\.ReaderAt allows parallel calls$`
	r.record()
	return r.src.ReadAt(p, off)
}

// record records one read.
func (r *threeDeep) record() { bump(r.stats) }

// bump counts a read in s.
func bump(s *stats) { inc(&s.reads) }

// inc adds one to *x.
func inc(x *int) { *x++ }

// lockedAtTop takes the lock before the first helper.
type lockedAtTop struct {
	mu    sync.Mutex
	src   io.ReaderAt
	stats *stats
}

func (r *lockedAtTop) ReadAt(p []byte, off int64) (int, error) {
	r.mu.Lock()
	r.record()
	r.mu.Unlock()
	return r.src.ReadAt(p, off)
}

// record records one read; r.mu is held.
func (r *lockedAtTop) record() {
	bump(r.stats) // ok: r.mu is held by the caller
}

// lockedAtBottom takes the lock in the deepest helper.
type lockedAtBottom struct {
	mu    sync.Mutex
	src   io.ReaderAt
	reads int
}

func (r *lockedAtBottom) ReadAt(p []byte, off int64) (int, error) {
	r.record()
	return r.src.ReadAt(p, off)
}

// record records one read.
func (r *lockedAtBottom) record() { r.count() }

// count counts under the lock.
func (r *lockedAtBottom) count() {
	r.mu.Lock()
	inc(&r.reads) // ok: under r.mu
	r.mu.Unlock()
}

// freshArgument passes a local to the same helpers.
type freshArgument struct {
	src io.ReaderAt
}

func (r *freshArgument) ReadAt(p []byte, off int64) (int, error) {
	var s stats
	bump(&s) // ok: a local of this call
	return r.src.ReadAt(p, off)
}
