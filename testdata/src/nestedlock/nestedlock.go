// Package nestedlock holds readers whose mutex sits in a nested struct,
// or that hold two locks at once.
package nestedlock

import (
	"io"
	"sync"
)

// state groups a mutex with the fields it guards inside the reader.
type state struct {
	mu    sync.Mutex
	reads int
}

// innerLock locks the mutex of a nested struct before writing beside it.
type innerLock struct {
	src io.ReaderAt
	st  state
}

func (r *innerLock) ReadAt(p []byte, off int64) (int, error) {
	r.st.mu.Lock()
	r.st.reads++ // ok: under r.st.mu
	r.st.mu.Unlock()
	return r.src.ReadAt(p, off)
}

// twoLocks takes an outer and an inner lock, releases the inner one and
// writes while the outer one is still held.
type twoLocks struct {
	outer sync.Mutex
	src   io.ReaderAt
	st    state
	last  int64
}

func (r *twoLocks) ReadAt(p []byte, off int64) (int, error) {
	r.outer.Lock()
	defer r.outer.Unlock()
	r.st.mu.Lock()
	r.st.reads++ // ok: under both locks
	r.st.mu.Unlock()
	r.last = off // ok: still under r.outer
	return r.src.ReadAt(p, off)
}

// innerReleased releases the outer lock first and then writes beside the
// inner one after releasing that too.
type innerReleased struct {
	outer sync.Mutex
	src   io.ReaderAt
	st    state
	last  int64
}

func (r *innerReleased) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*innerReleased\)\.ReadAt writes r\.last without holding a lock; io\.ReaderAt allows parallel calls$`
	r.outer.Lock()
	r.st.mu.Lock()
	r.outer.Unlock()
	r.st.reads++ // ok: under r.st.mu
	r.st.mu.Unlock()
	r.last = off
	return r.src.ReadAt(p, off)
}

// lockOfOtherState locks the mutex of one nested state and writes into
// another, through a pointer to it. Every ReadAt call holds r.a.mu while
// it writes, so the calls are serialised among themselves, whichever
// mutex was meant to guard the field.
type lockOfOtherState struct {
	src io.ReaderAt
	a   state
	b   *state
}

func (r *lockOfOtherState) ReadAt(p []byte, off int64) (int, error) {
	r.a.mu.Lock()
	defer r.a.mu.Unlock()
	r.b.reads++ // ok: every call writes it under r.a.mu
	return r.src.ReadAt(p, off)
}
