// Package relock holds readers that drop their lock around slow I/O and
// take it again afterwards.
package relock

import (
	"io"
	"sync"
)

// ioOutsideLock reads from the source with the lock released and stores
// the result after taking it again.
type ioOutsideLock struct {
	mu    sync.Mutex
	src   io.ReaderAt
	cache map[int64][]byte
}

func (r *ioOutsideLock) ReadAt(p []byte, off int64) (int, error) {
	r.mu.Lock()
	if b, ok := r.cache[off]; ok && len(b) >= len(p) {
		r.mu.Unlock()
		return copy(p, b), nil
	}
	r.mu.Unlock()

	b := make([]byte, len(p))
	n, err := r.src.ReadAt(b, off)
	if err != nil {
		return copy(p, b[:n]), err
	}

	r.mu.Lock()
	r.cache[off] = b // ok: the lock is taken again
	r.mu.Unlock()
	return copy(p, b), nil
}

// countInWindow counts the miss in the window where the lock is dropped.
type countInWindow struct {
	mu     sync.Mutex
	src    io.ReaderAt
	cache  map[int64][]byte
	misses int
}

func (r *countInWindow) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*countInWindow\)\.ReadAt writes r\.misses without holding a lock; io\.ReaderAt allows parallel calls$`
	r.mu.Lock()
	if b, ok := r.cache[off]; ok && len(b) >= len(p) {
		r.mu.Unlock()
		return copy(p, b), nil
	}
	r.mu.Unlock()

	r.misses++
	b := make([]byte, len(p))
	n, err := r.src.ReadAt(b, off)
	if err != nil {
		return copy(p, b[:n]), err
	}

	r.mu.Lock()
	r.cache[off] = b // ok: the lock is taken again
	r.mu.Unlock()
	return copy(p, b), nil
}

// relockInLoop unlocks and relocks on each round of a loop and writes only
// while locked.
type relockInLoop struct {
	mu     sync.Mutex
	src    io.ReaderAt
	chunks int
}

func (r *relockInLoop) ReadAt(p []byte, off int64) (int, error) {
	n := 0
	r.mu.Lock()
	for n < len(p) {
		r.mu.Unlock()
		m, err := r.src.ReadAt(p[n:], off+int64(n))
		r.mu.Lock()
		r.chunks++ // ok: taken again before the write on every round
		n += m
		if err != nil {
			r.mu.Unlock()
			return n, err
		}
	}
	r.mu.Unlock()
	return n, nil
}
