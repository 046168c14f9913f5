// Package selects holds readers that take their lock inside select
// cases.
package selects

import (
	"context"
	"io"
	"sync"
)

// lockInEveryCase locks in each case of its select, so the write after it
// holds the lock on every path.
type lockInEveryCase struct {
	mu    sync.Mutex
	src   io.ReaderAt
	ready chan struct{}
	ctx   context.Context
	state int
}

func (r *lockInEveryCase) ReadAt(p []byte, off int64) (int, error) {
	select {
	case <-r.ready:
		r.mu.Lock()
	case <-r.ctx.Done():
		r.mu.Lock()
	}
	r.state++ // ok: every case locked r.mu
	r.mu.Unlock()
	return r.src.ReadAt(p, off)
}

// lockInOneCase locks in one case only; the default case does not.
type lockInOneCase struct {
	mu    sync.Mutex
	src   io.ReaderAt
	ready chan struct{}
	state int
}

func (r *lockInOneCase) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*lockInOneCase\)\.ReadAt writes r\.state without holding a lock; io\.ReaderAt allows parallel calls$`
	locked := false
	select {
	case <-r.ready:
		r.mu.Lock()
		locked = true
	default:
	}
	r.state++
	if locked {
		r.mu.Unlock()
	}
	return r.src.ReadAt(p, off)
}

// writeInCase writes in a case body with no lock at all.
type writeInCase struct {
	src      io.ReaderAt
	done     chan struct{}
	canceled bool
}

func (r *writeInCase) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*writeInCase\)\.ReadAt writes r\.canceled without holding a lock; io\.ReaderAt allows parallel calls$`
	select {
	case <-r.done:
		r.canceled = true
		return 0, io.ErrClosedPipe
	default:
	}
	return r.src.ReadAt(p, off)
}
