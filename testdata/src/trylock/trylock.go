// Package trylock holds readers that use TryLock: only its success branch
// holds the lock.
package trylock

import (
	"errors"
	"io"
	"sync"
)

var errBusy = errors.New("busy")

// busyFails gives up when the lock is taken, and writes only when it got
// the lock.
type busyFails struct {
	mu   sync.Mutex
	src  io.ReaderAt
	hits int
}

func (r *busyFails) ReadAt(p []byte, off int64) (int, error) {
	if !r.mu.TryLock() {
		return 0, errBusy
	}
	defer r.mu.Unlock()
	r.hits++ // ok: TryLock succeeded
	return r.src.ReadAt(p, off)
}

// countWhenFree counts only inside the success branch.
type countWhenFree struct {
	mu   sync.RWMutex
	src  io.ReaderAt
	hits int
}

func (r *countWhenFree) ReadAt(p []byte, off int64) (int, error) {
	if r.mu.TryLock() {
		r.hits++ // ok: TryLock succeeded
		r.mu.Unlock()
	}
	return r.src.ReadAt(p, off)
}

// busyCounts counts the failures on the branch where TryLock failed and
// nothing is held.
type busyCounts struct {
	mu   sync.Mutex
	src  io.ReaderAt
	hits int
	busy int
}

func (r *busyCounts) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*busyCounts\)\.ReadAt writes r\.busy without holding a lock; io\.ReaderAt allows parallel calls$`
	if !r.mu.TryLock() {
		r.busy++
		return 0, errBusy
	}
	defer r.mu.Unlock()
	r.hits++ // ok: TryLock succeeded
	return r.src.ReadAt(p, off)
}

// tryReadLock writes after TryRLock succeeded: that is only the read lock.
type tryReadLock struct {
	mu   sync.RWMutex
	src  io.ReaderAt
	hits int
}

func (r *tryReadLock) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*tryReadLock\)\.ReadAt writes r\.hits while holding only the read lock of r\.mu; io\.ReaderAt allows parallel calls$`
	if !r.mu.TryRLock() {
		return 0, errBusy
	}
	defer r.mu.RUnlock()
	r.hits++
	return r.src.ReadAt(p, off)
}
