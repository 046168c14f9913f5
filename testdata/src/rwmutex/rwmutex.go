// Package rwmutex holds readers guarded by a sync.RWMutex: a read lock
// lets parallel calls in together, so writing under it is a race.
package rwmutex

import (
	"io"
	"sync"
)

// hitCounter counts hits while holding only the read lock.
type hitCounter struct {
	mu   sync.RWMutex
	data []byte
	hits int
}

func (c *hitCounter) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*hitCounter\)\.ReadAt writes c\.hits while holding only the read lock of c\.mu; io\.ReaderAt allows parallel calls$`
	c.mu.RLock()
	defer c.mu.RUnlock()
	c.hits++
	return readFrom(c.data, p, off)
}

// readOnly holds the read lock and only reads: parallel readers are fine.
type readOnly struct {
	mu   sync.RWMutex
	data []byte
}

func (c *readOnly) ReadAt(p []byte, off int64) (int, error) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return readFrom(c.data, p, off)
}

// writeLocked takes the write lock for its counter and the read lock for
// the copy.
type writeLocked struct {
	mu   sync.RWMutex
	data []byte
	hits int
}

func (c *writeLocked) ReadAt(p []byte, off int64) (int, error) {
	c.mu.Lock()
	c.hits++ // ok: under the write lock of c.mu
	c.mu.Unlock()

	c.mu.RLock()
	defer c.mu.RUnlock()
	return readFrom(c.data, p, off)
}

// mixedLocks writes one field with no lock and another under the read
// lock: both are named, each with its own reason.
type mixedLocks struct {
	mu    sync.RWMutex
	data  []byte
	calls int
	hits  int
}

func (c *mixedLocks) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*mixedLocks\)\.ReadAt writes c\.calls without holding a lock, and writes c\.hits while holding only the read lock of c\.mu; io\.ReaderAt allows parallel calls$`
	c.calls++
	c.mu.RLock()
	defer c.mu.RUnlock()
	c.hits++
	return readFrom(c.data, p, off)
}

// readFrom copies from data at off into p and keeps the io.ReaderAt
// contract on short reads.
func readFrom(data, p []byte, off int64) (int, error) {
	if off >= int64(len(data)) {
		return 0, io.EOF
	}
	n := copy(p, data[off:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}
