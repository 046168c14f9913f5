// Package closure holds readers that mutate shared state inside function
// literals they call.
package closure

import (
	"io"
	"sync"
)

// calledLiteral counts through a literal it binds to a variable and calls.
type calledLiteral struct {
	src   io.ReaderAt
	reads int
}

func (r *calledLiteral) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*calledLiteral\)\.ReadAt writes r\.reads without holding a lock; io\.ReaderAt allows parallel calls$`
	count := func() { r.reads++ }
	count()
	return r.src.ReadAt(p, off)
}

// lockedLiteral calls the same kind of literal with the lock held.
type lockedLiteral struct {
	mu    sync.Mutex
	src   io.ReaderAt
	reads int
}

func (r *lockedLiteral) ReadAt(p []byte, off int64) (int, error) {
	count := func() {
		r.reads++ // ok: called under r.mu
	}
	r.mu.Lock()
	count()
	r.mu.Unlock()
	return r.src.ReadAt(p, off)
}

// selfLockingLiteral's literal takes the lock itself.
type selfLockingLiteral struct {
	mu    sync.Mutex
	src   io.ReaderAt
	reads int
}

func (r *selfLockingLiteral) ReadAt(p []byte, off int64) (int, error) {
	func() {
		r.mu.Lock()
		defer r.mu.Unlock()
		r.reads++ // ok: under r.mu
	}()
	return r.src.ReadAt(p, off)
}

// passedLiteral hands the literal to a helper of the package, which calls
// it for each chunk.
type passedLiteral struct {
	src    io.ReaderAt
	chunks int
}

func (r *passedLiteral) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*passedLiteral\)\.ReadAt writes r\.chunks without holding a lock; io\.ReaderAt allows parallel calls$`
	return chunked(p, off, func(q []byte, at int64) (int, error) {
		r.chunks++
		return r.src.ReadAt(q, at)
	})
}

// loopLiterals makes a literal on each round of a loop and calls it at
// once; each writes an element of a shared slice.
type loopLiterals struct {
	src  io.ReaderAt
	seen []int64
}

func (r *loopLiterals) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*loopLiterals\)\.ReadAt writes r\.seen\[i\] without holding a lock; io\.ReaderAt allows parallel calls$`
	for i := range r.seen {
		mark := func() { r.seen[i] = off }
		mark()
	}
	return r.src.ReadAt(p, off)
}

// localCounter's literal writes only a variable of the call.
type localCounter struct {
	src io.ReaderAt
}

func (r *localCounter) ReadAt(p []byte, off int64) (int, error) {
	calls := 0
	n, err := chunked(p, off, func(q []byte, at int64) (int, error) {
		calls++ // ok: a local of this call
		return r.src.ReadAt(q, at)
	})
	_ = calls
	return n, err
}

// chunked reads p in chunks of at most 512 bytes through read.
func chunked(p []byte, off int64, read func([]byte, int64) (int, error)) (int, error) {
	n := 0
	for n < len(p) {
		end := min(n+512, len(p))
		m, err := read(p[n:end], off+int64(n))
		n += m
		if err != nil {
			return n, err
		}
	}
	return n, nil
}
