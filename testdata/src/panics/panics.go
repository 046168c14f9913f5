// Package panics holds readers that panic and recover around their
// locks.
package panics

import (
	"fmt"
	"io"
	"sync"
)

// recoverUnderLock recovers in a deferred literal pushed after the
// deferred Unlock, so it runs first, while the lock is held.
type recoverUnderLock struct {
	mu     sync.Mutex
	src    io.ReaderAt
	panics int
}

func (r *recoverUnderLock) ReadAt(p []byte, off int64) (n int, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	defer func() {
		if v := recover(); v != nil {
			r.panics++ // ok: runs before the deferred Unlock
			n, err = 0, fmt.Errorf("read panicked: %v", v)
		}
	}()
	return r.src.ReadAt(p, off)
}

// recoverAfterUnlock pushes its recovering literal before taking the lock:
// it runs after the deferred Unlock.
type recoverAfterUnlock struct {
	mu     sync.Mutex
	src    io.ReaderAt
	panics int
}

func (r *recoverAfterUnlock) ReadAt(p []byte, off int64) (n int, err error) { // want `^\(\*recoverAfterUnlock\)\.ReadAt writes r\.panics without holding a lock; io\.ReaderAt allows parallel calls$`
	defer func() {
		if v := recover(); v != nil {
			r.panics++
			n, err = 0, fmt.Errorf("read panicked: %v", v)
		}
	}()
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.src.ReadAt(p, off)
}

// panicBeforeWrite panics on bad input; the write on the other path holds
// the lock.
type panicBeforeWrite struct {
	mu    sync.Mutex
	src   io.ReaderAt
	reads int
}

func (r *panicBeforeWrite) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 {
		panic("negative offset")
	}
	r.mu.Lock()
	r.reads++ // ok: under r.mu
	r.mu.Unlock()
	return r.src.ReadAt(p, off)
}
