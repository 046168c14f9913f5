// Package chanreview holds channel patterns that are locks and patterns
// that only look like them: a one-slot channel taken in a select that
// also watches for Close, or tried without waiting, is a lock; a
// one-slot queue a worker drains, and semaphores whose capacity is
// computed or set through a variable, are not.
package chanreview

import (
	"errors"
	"io"
)

var errClosed = errors.New("closed")

// closable takes its one-slot channel unless the reader is closed.
type closable struct {
	sem    chan struct{}
	closed chan struct{}
	src    io.ReaderAt
	last   int64
}

func newClosable(src io.ReaderAt) *closable {
	return &closable{sem: make(chan struct{}, 1), closed: make(chan struct{}), src: src}
}

func (r *closable) ReadAt(p []byte, off int64) (int, error) {
	select {
	case r.sem <- struct{}{}:
	case <-r.closed:
		return 0, errClosed
	}
	defer func() { <-r.sem }()
	r.last = off // ok: the one-slot channel is held
	return r.src.ReadAt(p, off)
}

// busy tries its one-slot channel and fails when another read holds it.
type busy struct {
	sem  chan struct{}
	src  io.ReaderAt
	last int64
}

var errBusy = errors.New("busy")

func newBusy(src io.ReaderAt) *busy { return &busy{sem: make(chan struct{}, 1), src: src} }

func (r *busy) ReadAt(p []byte, off int64) (int, error) {
	select {
	case r.sem <- struct{}{}:
	default:
		return 0, errBusy
	}
	r.last = off // ok: the one-slot channel is held
	<-r.sem
	return r.src.ReadAt(p, off)
}

// queued sends requests to a worker over a one-slot queue that the
// worker drains: the send takes nothing that ReadAt gives back.
type queued struct {
	requests chan int64
	src      io.ReaderAt
	sent     int
}

func newQueued(src io.ReaderAt) *queued {
	r := &queued{requests: make(chan int64, 1), src: src}
	go func() {
		for range r.requests {
		}
	}()
	return r
}

func (r *queued) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*queued\)\.ReadAt writes r\.sent without holding a lock; io\.ReaderAt allows parallel calls$`
	r.requests <- off
	r.sent++
	return r.src.ReadAt(p, off)
}

// limited lets as many readers in as its options say.
type limited struct {
	slots chan struct{}
	src   io.ReaderAt
	reads int
}

func newLimited(src io.ReaderAt, parallel int) *limited {
	return &limited{slots: make(chan struct{}, parallel), src: src}
}

func (r *limited) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*limited\)\.ReadAt writes r\.reads without holding a lock; io\.ReaderAt allows parallel calls$`
	r.slots <- struct{}{}
	defer func() { <-r.slots }()
	r.reads++
	return r.src.ReadAt(p, off)
}

// viaLocal makes its four-slot semaphore in a local variable first.
type viaLocal struct {
	slots chan struct{}
	src   io.ReaderAt
	reads int
}

func newViaLocal(src io.ReaderAt) *viaLocal {
	slots := make(chan struct{}, 4)
	r := &viaLocal{src: src}
	r.slots = slots
	return r
}

func (r *viaLocal) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*viaLocal\)\.ReadAt writes r\.reads without holding a lock; io\.ReaderAt allows parallel calls$`
	r.slots <- struct{}{}
	defer func() { <-r.slots }()
	r.reads++
	return r.src.ReadAt(p, off)
}

// slots is a semaphore type with methods of its own.
type slots chan struct{}

// newSlots makes a semaphore for n callers.
func newSlots(n int) slots { return make(slots, n) }

func (s slots) acquire() { s <- struct{}{} }
func (s slots) release() { <-s }

// viaHelper makes its semaphore in a helper, and takes it through the
// semaphore's methods: it lets several readers in.
type viaHelper struct {
	sem   slots
	src   io.ReaderAt
	reads int
}

func newViaHelper(src io.ReaderAt, parallel int) *viaHelper {
	return &viaHelper{sem: newSlots(parallel), src: src}
}

func (r *viaHelper) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*viaHelper\)\.ReadAt writes r\.reads without holding a lock; io\.ReaderAt allows parallel calls; no fix: \(\*viaHelper\)\.ReadAt would hold the lock while it waits on a channel or a Wait, which another goroutine may need the lock to end$`
	r.sem.acquire()
	defer r.sem.release()
	r.reads++
	return r.src.ReadAt(p, off)
}
