// Package lockresult holds readers whose helper returns with the lock held
// on one result and released on the other, so the caller holds the lock
// exactly when the helper says so.
package lockresult

import (
	"io"
	"sync"
)

// acquireOpen locks and reports whether the reader is open; on false it
// has unlocked already.
type acquireOpen struct {
	mu     sync.Mutex
	closed bool
	reads  int
	src    io.ReaderAt
}

// acquire locks r.mu and returns true, or returns false unlocked if the
// reader is closed.
func (r *acquireOpen) acquire() bool {
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		return false
	}
	return true
}

func (r *acquireOpen) ReadAt(p []byte, off int64) (int, error) {
	if !r.acquire() {
		return 0, io.ErrClosedPipe
	}
	defer r.mu.Unlock()
	r.reads++ // ok: acquire returned true, so r.mu is held
	return r.src.ReadAt(p, off)
}

// wrongBranch writes on the branch where acquire returned false.
type wrongBranch struct {
	mu     sync.Mutex
	closed bool
	misses int
	src    io.ReaderAt
}

// acquire locks r.mu and returns true, or returns false unlocked if the
// reader is closed.
func (r *wrongBranch) acquire() bool {
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		return false
	}
	return true
}

func (r *wrongBranch) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*wrongBranch\)\.ReadAt writes r\.misses without holding a lock; io\.ReaderAt allows parallel calls$`
	if !r.acquire() {
		r.misses++
		return 0, io.ErrClosedPipe
	}
	defer r.mu.Unlock()
	return r.src.ReadAt(p, off)
}
