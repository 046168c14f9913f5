// Package branchlock holds readers that take their lock on some branches
// only: a lock protects a write only if it is held on every path to it.
package branchlock

import (
	"io"
	"sync"
)

// lockWhenLarge locks for large reads only, then writes on both paths.
type lockWhenLarge struct {
	mu    sync.Mutex
	src   io.ReaderAt
	reads int
}

func (r *lockWhenLarge) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*lockWhenLarge\)\.ReadAt writes r\.reads without holding a lock; io\.ReaderAt allows parallel calls$`
	if len(p) > 4096 {
		r.mu.Lock()
		defer r.mu.Unlock()
	}
	r.reads++
	return r.src.ReadAt(p, off)
}

// lockOnBothBranches takes the lock, for different reasons, on both
// branches.
type lockOnBothBranches struct {
	mu    sync.RWMutex
	src   io.ReaderAt
	reads int
}

func (r *lockOnBothBranches) ReadAt(p []byte, off int64) (int, error) {
	if len(p) > 4096 {
		r.mu.Lock()
	} else {
		r.mu.Lock()
	}
	r.reads++ // ok: r.mu is held on both paths
	r.mu.Unlock()
	return r.src.ReadAt(p, off)
}

// readOrWrite takes the write lock on one branch and the read lock on the
// other: after the join only the read lock is sure.
type readOrWrite struct {
	mu    sync.RWMutex
	src   io.ReaderAt
	reads int
}

func (r *readOrWrite) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*readOrWrite\)\.ReadAt writes r\.reads while holding only the read lock of r\.mu; io\.ReaderAt allows parallel calls$`
	write := len(p) > 4096
	if write {
		r.mu.Lock()
	} else {
		r.mu.RLock()
	}
	r.reads++
	if write {
		r.mu.Unlock()
	} else {
		r.mu.RUnlock()
	}
	return r.src.ReadAt(p, off)
}

// writeInLockedBranch writes only inside the branch that locked.
type writeInLockedBranch struct {
	mu    sync.Mutex
	src   io.ReaderAt
	large int
}

func (r *writeInLockedBranch) ReadAt(p []byte, off int64) (int, error) {
	if len(p) > 4096 {
		r.mu.Lock()
		r.large++ // ok: under r.mu
		r.mu.Unlock()
	}
	return r.src.ReadAt(p, off)
}
