// Package guarded holds readers that hand their mutations, as function
// literals, to functions of another package. A callee that takes a lock
// and is given a function may run it under that lock; one that takes no
// lock runs it bare.
package guarded

import (
	"io"
	"sync"

	"guarded/guard"
)

// underGuard counts its reads inside a guard's Do.
type underGuard struct {
	g     guard.Guard
	src   io.ReaderAt
	reads int
}

func (r *underGuard) ReadAt(p []byte, off int64) (int, error) {
	r.g.Do(func() { r.reads++ })
	return r.src.ReadAt(p, off)
}

// underMutex counts its reads in a function run under its own mutex.
type underMutex struct {
	mu    sync.Mutex
	src   io.ReaderAt
	reads int
}

func (r *underMutex) ReadAt(p []byte, off int64) (int, error) {
	err := guard.Locked(&r.mu, func() error {
		r.reads++
		return nil
	})
	if err != nil {
		return 0, err
	}
	return r.src.ReadAt(p, off)
}

// bare counts its reads in a function that guard.Now runs without a lock.
type bare struct {
	src   io.ReaderAt
	reads int
}

func (r *bare) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*bare\)\.ReadAt writes r\.reads without holding a lock; io\.ReaderAt allows parallel calls$`
	guard.Now(func() { r.reads++ })
	return r.src.ReadAt(p, off)
}
