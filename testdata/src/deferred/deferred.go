// Package deferred holds readers whose deferred calls mutate shared
// state.
package deferred

import (
	"io"
	"sync"
)

// deferredMethod records the offset in a deferred method call.
type deferredMethod struct {
	src  io.ReaderAt
	last int64
}

// remember records the offset of the latest read.
func (r *deferredMethod) remember(off int64) { r.last = off }

func (r *deferredMethod) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*deferredMethod\)\.ReadAt writes r\.last without holding a lock; io\.ReaderAt allows parallel calls$`
	defer r.remember(off)
	return r.src.ReadAt(p, off)
}

// deferredClose closes a shared stream in a deferred call. Effects are
// named in source order, so the deferred close comes first.
type deferredClose struct {
	rc io.ReadCloser
}

func (r *deferredClose) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*deferredClose\)\.ReadAt closes r\.rc and reads from r\.rc without holding a lock; io\.ReaderAt allows parallel calls$`
	defer r.rc.Close()
	if off != 0 {
		return 0, io.ErrUnexpectedEOF
	}
	return io.ReadFull(r.rc, p)
}

// deferredInBranch defers the write on one branch only.
type deferredInBranch struct {
	src    io.ReaderAt
	errors int
}

func (r *deferredInBranch) ReadAt(p []byte, off int64) (n int, err error) { // want `^\(\*deferredInBranch\)\.ReadAt writes r\.errors without holding a lock; io\.ReaderAt allows parallel calls$`
	if off < 0 {
		defer func() { r.errors++ }()
		return 0, io.EOF
	}
	return r.src.ReadAt(p, off)
}

// lockedDeferred defers its write while the lock is held, and the unlock
// after it.
type lockedDeferred struct {
	mu   sync.Mutex
	src  io.ReaderAt
	last int64
}

// remember records the offset of the latest read; r.mu must be held.
func (r *lockedDeferred) remember(off int64) {
	r.last = off // ok: deferred after the Unlock, so it runs first
}

func (r *lockedDeferred) ReadAt(p []byte, off int64) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	defer r.remember(off)
	return r.src.ReadAt(p, off)
}
