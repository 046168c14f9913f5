// Package gotoloop holds readers whose control flow uses goto, labelled
// break and labelled continue around their locks.
package gotoloop

import (
	"errors"
	"io"
	"sync"
)

var errBusy = errors.New("busy")

// retryWithGoto waits for its busy flag by unlocking and jumping back.
type retryWithGoto struct {
	mu   sync.Mutex
	cond *sync.Cond
	busy bool
	src  io.ReaderAt
}

func (r *retryWithGoto) ReadAt(p []byte, off int64) (int, error) {
	r.mu.Lock()
retry:
	if r.busy {
		r.mu.Unlock()
		r.mu.Lock()
		goto retry
	}
	r.busy = true // ok: under r.mu on every path, through the goto too
	r.mu.Unlock()

	n, err := r.src.ReadAt(p, off)

	r.mu.Lock()
	r.busy = false // ok: under r.mu
	r.mu.Unlock()
	return n, err
}

// gotoFailure jumps to a failure label that counts without the lock.
type gotoFailure struct {
	mu     sync.Mutex
	src    io.ReaderAt
	reads  int
	errors int
}

func (r *gotoFailure) ReadAt(p []byte, off int64) (n int, err error) { // want `^\(\*gotoFailure\)\.ReadAt writes r\.errors without holding a lock; io\.ReaderAt allows parallel calls$`
	if off < 0 {
		err = errors.New("negative offset")
		goto fail
	}
	n, err = r.src.ReadAt(p, off)
	if err != nil {
		goto fail
	}
	r.mu.Lock()
	r.reads++ // ok: under r.mu
	r.mu.Unlock()
	return n, nil
fail:
	r.errors++
	return n, err
}

// breakOutLocked leaves a nested loop with a labelled break while holding
// the lock, and writes before unlocking.
type breakOutLocked struct {
	mu     sync.Mutex
	src    io.ReaderAt
	blocks [][]int64
	found  int64
}

func (r *breakOutLocked) ReadAt(p []byte, off int64) (int, error) {
	r.mu.Lock()
search:
	for _, bs := range r.blocks {
		for _, b := range bs {
			if b == off {
				break search
			}
		}
	}
	r.found = off // ok: under r.mu on every path out of the loops
	r.mu.Unlock()
	return r.src.ReadAt(p, off)
}

// continueSkipsLock writes on a path where a labelled continue jumped
// past the Lock.
type continueSkipsLock struct {
	mu     sync.Mutex
	src    io.ReaderAt
	blocks [][]int64
	hits   int
}

func (r *continueSkipsLock) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*continueSkipsLock\)\.ReadAt writes r\.hits without holding a lock; io\.ReaderAt allows parallel calls$`
	locked := false
rows:
	for _, bs := range r.blocks {
		for _, b := range bs {
			if b < 0 {
				continue rows
			}
			if b == off && !locked {
				r.mu.Lock()
				locked = true
			}
		}
		r.hits++
	}
	if locked {
		r.mu.Unlock()
	}
	return r.src.ReadAt(p, off)
}
