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

// perKey counts its reads in a function that guard.Shared runs outside
// its lock.
type perKey struct {
	shared *guard.Shared
	src    io.ReaderAt
	reads  int
}

func (r *perKey) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*perKey\)\.ReadAt writes r\.reads without holding a lock; io\.ReaderAt allows parallel calls$`
	r.shared.Do("reads", func() { r.reads++ })
	return r.src.ReadAt(p, off)
}

// spawned counts its reads in a function that guard.Spawn starts on a
// goroutine, holding nothing.
type spawned struct {
	spawn *guard.Spawn
	src   io.ReaderAt
	reads int
}

func (r *spawned) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*spawned\)\.ReadAt starts a goroutine that writes r\.reads without holding a lock; io\.ReaderAt allows parallel calls; no fix: a goroutine it starts mutates the state, and a lock held by the method does not cover it$`
	r.spawn.Go(func() { r.reads++ })
	return r.src.ReadAt(p, off)
}
