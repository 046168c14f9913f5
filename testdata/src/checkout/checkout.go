// Package checkout holds readers that keep a pool of open streams: a
// ReadAt takes one out of the pool under the lock, reads it without the
// lock, and puts it back under the lock.
package checkout

import (
	"io"
	"sync"
)

// stream is one open body, positioned at next.
type stream struct {
	body io.Reader
	next int64
}

// slicePool takes a stream out of a slice under the lock: the stream is
// the caller's until it goes back.
type slicePool struct {
	mu   sync.Mutex
	idle []*stream
	open func(off int64) io.Reader
}

func (r *slicePool) ReadAt(p []byte, off int64) (int, error) {
	s := r.take(off)
	n, err := io.ReadFull(s.body, p) // ok: s was taken out of the pool under r.mu
	s.next = off + int64(n)          // ok: likewise
	r.mu.Lock()
	r.idle = append(r.idle, s)
	r.mu.Unlock()
	if err == io.ErrUnexpectedEOF {
		err = io.EOF
	}
	return n, err
}

func (r *slicePool) take(off int64) *stream {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i, s := range r.idle {
		if s.next == off {
			r.idle = append(r.idle[:i], r.idle[i+1:]...)
			return s
		}
	}
	return &stream{body: r.open(off), next: off}
}

// mapPool does the same with a map keyed by offset.
type mapPool struct {
	mu   sync.Mutex
	idle map[int64]*stream
	open func(off int64) io.Reader
}

func (r *mapPool) ReadAt(p []byte, off int64) (int, error) {
	r.mu.Lock()
	s, ok := r.idle[off]
	delete(r.idle, off)
	r.mu.Unlock()
	if !ok {
		s = &stream{body: r.open(off)}
	}
	n, err := io.ReadFull(s.body, p) // ok: s was taken out of the map under r.mu
	r.mu.Lock()
	r.idle[off+int64(n)] = s
	r.mu.Unlock()
	if err == io.ErrUnexpectedEOF {
		err = io.EOF
	}
	return n, err
}

// peekedField copies a field under the lock and uses the stream after
// unlocking: the field is not a pool, every caller reaches the same
// stream, and the reads race.
type peekedField struct {
	mu  sync.Mutex
	cur *stream
}

func (r *peekedField) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*peekedField\)\.ReadAt reads from r\.cur\.body and writes r\.cur\.next without holding a lock; io\.ReaderAt allows parallel calls$`
	r.mu.Lock()
	s := r.cur
	r.mu.Unlock()
	n, err := io.ReadFull(s.body, p)
	s.next += int64(n)
	if err == io.ErrUnexpectedEOF {
		err = io.EOF
	}
	return n, err
}

// unlockedTake takes from the pool without the lock: the take itself
// races.
type unlockedTake struct {
	idle []*stream
}

func (r *unlockedTake) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*unlockedTake\)\.ReadAt writes r\.idle and reads from r\.idle\[i\]\.body without holding a lock; io\.ReaderAt allows parallel calls$`
	if len(r.idle) == 0 {
		return 0, io.EOF
	}
	s := r.idle[0]
	r.idle = r.idle[1:]
	n, err := io.ReadFull(s.body, p)
	if err == io.ErrUnexpectedEOF {
		err = io.EOF
	}
	return n, err
}
