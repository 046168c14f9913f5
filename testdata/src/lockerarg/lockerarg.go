// Package lockerarg holds readers that lock their mutex through a
// sync.Locker made from it: a *sync.Mutex passed as a sync.Locker, and
// the sync.Locker that RWMutex.RLocker returns.
package lockerarg

import (
	"io"
	"sync"
)

// lockerOfMutex passes its own mutex as a sync.Locker to a helper that
// locks it around a function literal.
type lockerOfMutex struct {
	mu    sync.Mutex
	src   io.ReaderAt
	reads int
}

// with runs f while holding l.
func with(l sync.Locker, f func()) {
	l.Lock()
	defer l.Unlock()
	f()
}

func (r *lockerOfMutex) ReadAt(p []byte, off int64) (int, error) {
	with(&r.mu, func() {
		r.reads++ // ok: with holds r.mu
	})
	return r.src.ReadAt(p, off)
}

// lockerVariable stores the mutex in a sync.Locker variable and locks it.
type lockerVariable struct {
	mu    sync.Mutex
	src   io.ReaderAt
	reads int
}

func (r *lockerVariable) ReadAt(p []byte, off int64) (int, error) {
	var l sync.Locker = &r.mu
	l.Lock()
	r.reads++ // ok: under r.mu
	l.Unlock()
	return r.src.ReadAt(p, off)
}

// readLocker writes while holding the lock of RWMutex.RLocker, which is
// the read lock.
type readLocker struct {
	mu    sync.RWMutex
	src   io.ReaderAt
	reads int
}

func (r *readLocker) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*readLocker\)\.ReadAt writes r\.reads while holding only the read lock of r\.mu; io\.ReaderAt allows parallel calls$`
	l := r.mu.RLocker()
	l.Lock()
	r.reads++
	l.Unlock()
	return r.src.ReadAt(p, off)
}
