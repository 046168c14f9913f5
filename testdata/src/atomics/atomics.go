// Package atomics holds readers that count with sync/atomic, which is safe
// for parallel calls, and one that mixes atomic and plain writes.
package atomics

import (
	"io"
	"sync/atomic"
)

// atomicFuncs counts with the functions of sync/atomic.
type atomicFuncs struct {
	src   io.ReaderAt
	reads int64
	last  int64
}

func (r *atomicFuncs) ReadAt(p []byte, off int64) (int, error) {
	atomic.AddInt64(&r.reads, 1)    // ok: atomic
	atomic.StoreInt64(&r.last, off) // ok: atomic
	return r.src.ReadAt(p, off)
}

// atomicTypes counts with the atomic types.
type atomicTypes struct {
	src   io.ReaderAt
	reads atomic.Int64
	last  atomic.Pointer[int64]
	done  atomic.Bool
}

func (r *atomicTypes) ReadAt(p []byte, off int64) (int, error) {
	r.reads.Add(1)                     // ok: atomic
	r.last.Store(&off)                 // ok: atomic
	r.done.CompareAndSwap(false, true) // ok: atomic
	return r.src.ReadAt(p, off)
}

// mixedAtomic loads atomically but stores with a plain assignment.
type mixedAtomic struct {
	src  io.ReaderAt
	high int64
}

func (r *mixedAtomic) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*mixedAtomic\)\.ReadAt writes r\.high without holding a lock; io\.ReaderAt allows parallel calls$`
	if end := off + int64(len(p)); end > atomic.LoadInt64(&r.high) {
		r.high = end
	}
	return r.src.ReadAt(p, off)
}
