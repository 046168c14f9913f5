// Package deferunlock holds readers that release their lock with defer,
// and deferred writes that run before or after that release.
package deferunlock

import (
	"io"
	"sync"
)

// deferredUnlock holds the lock to the end of the call.
type deferredUnlock struct {
	mu   sync.Mutex
	src  io.ReaderAt
	last int64
}

func (r *deferredUnlock) ReadAt(p []byte, off int64) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.last = off // ok: the deferred Unlock has not run yet
	return r.src.ReadAt(p, off)
}

// recordAfter defers a write after the deferred unlock: deferred calls run
// last-in first-out, so the write runs first, under the lock.
type recordAfter struct {
	mu   sync.Mutex
	src  io.ReaderAt
	last int64
}

func (r *recordAfter) ReadAt(p []byte, off int64) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	defer func() {
		r.last = off // ok: runs before the deferred Unlock
	}()
	return r.src.ReadAt(p, off)
}

// recordBefore defers the write before locking: it runs after the
// deferred Unlock, with nothing held.
type recordBefore struct {
	mu   sync.Mutex
	src  io.ReaderAt
	last int64
}

func (r *recordBefore) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*recordBefore\)\.ReadAt writes r\.last without holding a lock; io\.ReaderAt allows parallel calls$`
	defer func() {
		r.last = off
	}()
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.src.ReadAt(p, off)
}

// deferredRUnlock writes under a deferred RUnlock: still only the read
// lock.
type deferredRUnlock struct {
	mu   sync.RWMutex
	src  io.ReaderAt
	last int64
}

func (r *deferredRUnlock) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*deferredRUnlock\)\.ReadAt writes r\.last while holding only the read lock of r\.mu; io\.ReaderAt allows parallel calls$`
	r.mu.RLock()
	defer r.mu.RUnlock()
	r.last = off
	return r.src.ReadAt(p, off)
}
