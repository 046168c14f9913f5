// Package lockhelper holds readers that take their locks inside helper
// methods rather than in ReadAt itself.
package lockhelper

import (
	"io"
	"sync"
)

// wrappedLock locks and unlocks through two small helpers; the lock taken
// in one call is still held when the next statement runs.
type wrappedLock struct {
	mu   sync.Mutex
	data []byte
	hits int
}

func (c *wrappedLock) lock()   { c.mu.Lock() }
func (c *wrappedLock) unlock() { c.mu.Unlock() }

func (c *wrappedLock) ReadAt(p []byte, off int64) (int, error) {
	c.lock()
	defer c.unlock()
	c.hits++ // ok: c.lock left c.mu held
	return readFrom(c.data, p, off)
}

// selfLocking counts through a helper that takes the lock around its own
// write.
type selfLocking struct {
	mu   sync.Mutex
	data []byte
	hits int
}

// count records a hit under the lock.
func (c *selfLocking) count() {
	c.mu.Lock()
	c.hits++ // ok: under c.mu
	c.mu.Unlock()
}

func (c *selfLocking) ReadAt(p []byte, off int64) (int, error) {
	c.count()
	return readFrom(c.data, p, off)
}

// lateLocking has a helper that writes a field before it takes the lock.
type lateLocking struct {
	mu      sync.Mutex
	data    []byte
	hits    int
	lastOff int64
}

// count records the offset, then the hit under the lock.
func (c *lateLocking) count(off int64) {
	c.lastOff = off
	c.mu.Lock()
	c.hits++ // ok: under c.mu
	c.mu.Unlock()
}

func (c *lateLocking) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*lateLocking\)\.ReadAt writes c\.lastOff without holding a lock; io\.ReaderAt allows parallel calls$`
	c.count(off)
	return readFrom(c.data, p, off)
}

// unlockingHelper calls a helper that drops the caller's lock before the
// caller's write.
type unlockingHelper struct {
	mu   sync.Mutex
	data []byte
	hits int
}

func (c *unlockingHelper) done() { c.mu.Unlock() }

func (c *unlockingHelper) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*unlockingHelper\)\.ReadAt writes c\.hits without holding a lock; io\.ReaderAt allows parallel calls$`
	c.mu.Lock()
	c.done()
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
