// Package earlyunlock holds readers that release their lock by hand on
// early returns instead of with defer.
package earlyunlock

import (
	"errors"
	"io"
	"sync"
)

var errClosed = errors.New("closed")

// manualUnlock unlocks on each return path, and writes only while locked.
type manualUnlock struct {
	mu     sync.Mutex
	closed bool
	data   []byte
	reads  int
}

func (c *manualUnlock) ReadAt(p []byte, off int64) (int, error) {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return 0, errClosed
	}
	if off >= int64(len(c.data)) {
		c.mu.Unlock()
		return 0, io.EOF
	}
	c.reads++ // ok: every path here holds c.mu
	n := copy(p, c.data[off:])
	c.mu.Unlock()
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// lateCount unlocks on the early return, then counts the miss after the
// unlock.
type lateCount struct {
	mu     sync.Mutex
	data   []byte
	misses int
}

func (c *lateCount) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*lateCount\)\.ReadAt writes c\.misses without holding a lock; io\.ReaderAt allows parallel calls$`
	c.mu.Lock()
	if off >= int64(len(c.data)) {
		c.mu.Unlock()
		c.misses++
		return 0, io.EOF
	}
	n := copy(p, c.data[off:])
	c.mu.Unlock()
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// lookupHelper looks blocks up in a helper that unlocks by hand on its
// miss path and counts hits while still locked.
type lookupHelper struct {
	mu     sync.Mutex
	blocks map[int64][]byte
	hits   int
	src    io.ReaderAt
}

// lookup returns the cached block at off, if any.
func (c *lookupHelper) lookup(off int64) ([]byte, bool) {
	c.mu.Lock()
	b, ok := c.blocks[off]
	if !ok {
		c.mu.Unlock()
		return nil, false
	}
	c.hits++ // ok: under c.mu
	c.mu.Unlock()
	return b, true
}

func (c *lookupHelper) ReadAt(p []byte, off int64) (int, error) {
	if b, ok := c.lookup(off); ok && len(b) >= len(p) {
		return copy(p, b), nil
	}
	return c.src.ReadAt(p, off)
}

// missCounter's helper forgets the lock on the miss path's write.
type missCounter struct {
	mu     sync.Mutex
	blocks map[int64][]byte
	misses int
	src    io.ReaderAt
}

// lookup returns the cached block at off, if any, and counts misses.
func (c *missCounter) lookup(off int64) ([]byte, bool) {
	c.mu.Lock()
	b, ok := c.blocks[off]
	if !ok {
		c.mu.Unlock()
		c.misses++
		return nil, false
	}
	c.mu.Unlock()
	return b, true
}

func (c *missCounter) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*missCounter\)\.ReadAt writes c\.misses without holding a lock; io\.ReaderAt allows parallel calls$`
	if b, ok := c.lookup(off); ok && len(b) >= len(p) {
		return copy(p, b), nil
	}
	return c.src.ReadAt(p, off)
}
