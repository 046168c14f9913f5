// Package appendinto holds readers that append into the backing array of
// a slice the receiver holds, without storing the result back: the
// elements are overwritten all the same.
package appendinto

import (
	"io"
	"sync"
)

// reusedBuffer appends the bytes it read to r.buf[:0], which writes into
// r.buf's array whenever it has the capacity.
type reusedBuffer struct {
	src io.ReaderAt
	buf []byte
}

func (r *reusedBuffer) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*reusedBuffer\)\.ReadAt (appends|copies) into r\.buf without holding a lock; io\.ReaderAt allows parallel calls$`
	n, err := r.src.ReadAt(p, off)
	b := append(r.buf[:0], p[:n]...)
	return copy(p, b), err
}

// lockedReuse does the same under its mutex.
type lockedReuse struct {
	mu  sync.Mutex
	src io.ReaderAt
	buf []byte
}

func (r *lockedReuse) ReadAt(p []byte, off int64) (int, error) {
	n, err := r.src.ReadAt(p, off)
	r.mu.Lock()
	defer r.mu.Unlock()
	b := append(r.buf[:0], p[:n]...) // ok: under r.mu
	return copy(p, b), err
}

// copiedFirst appends to a nil slice: append allocates a new array.
type copiedFirst struct {
	src io.ReaderAt
	buf []byte
}

func (r *copiedFirst) ReadAt(p []byte, off int64) (int, error) {
	b := append([]byte(nil), r.buf...) // ok: a new array
	b = append(b, 0)                   // ok: a new array
	_ = b
	return r.src.ReadAt(p, off)
}

// clipped appends to a full slice expression of its buffer, which has no
// room past its length: append always copies, and the buffer is not
// written.
type clipped struct {
	mu  sync.Mutex
	src io.ReaderAt
	buf []byte
}

func (r *clipped) ReadAt(p []byte, off int64) (int, error) {
	r.mu.Lock()
	buf := r.buf
	r.mu.Unlock()
	grown := append(buf[:len(buf):len(buf)], p...) // ok: a copy
	_ = grown
	return r.src.ReadAt(p, off)
}
