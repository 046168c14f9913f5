// Package doublecheck holds caches that look up under the read lock and
// fill under the write lock, checking again after the upgrade.
package doublecheck

import (
	"io"
	"sync"
)

// blockCache looks up in one helper under RLock and stores in another
// under Lock.
type blockCache struct {
	mu     sync.RWMutex
	src    io.ReaderAt
	blocks map[int64][]byte
}

// get returns the cached block at off under the read lock.
func (c *blockCache) get(off int64) ([]byte, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	b, ok := c.blocks[off]
	return b, ok
}

// put stores b unless another call stored a block first.
func (c *blockCache) put(off int64, b []byte) []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.blocks[off]; ok {
		return old
	}
	c.blocks[off] = b // ok: under the write lock of c.mu
	return b
}

func (c *blockCache) ReadAt(p []byte, off int64) (int, error) {
	b, ok := c.get(off)
	if !ok {
		b = make([]byte, len(p))
		n, err := c.src.ReadAt(b, off)
		if n < len(p) {
			return copy(p, b[:n]), err
		}
		b = c.put(off, b)
	}
	n := copy(p, b)
	if n < len(p) {
		return n, io.ErrUnexpectedEOF
	}
	return n, nil
}

// upgradeInPlace does both checks in one helper: it drops the read lock,
// takes the write lock and checks again before storing.
type upgradeInPlace struct {
	mu     sync.RWMutex
	src    io.ReaderAt
	blocks map[int64][]byte
}

// block returns the block at off, loading it if needed.
func (c *upgradeInPlace) block(off int64, size int) ([]byte, error) {
	c.mu.RLock()
	b, ok := c.blocks[off]
	c.mu.RUnlock()
	if ok {
		return b, nil
	}

	c.mu.Lock()
	defer c.mu.Unlock()
	if b, ok := c.blocks[off]; ok {
		return b, nil
	}
	b = make([]byte, size)
	if _, err := c.src.ReadAt(b, off); err != nil {
		return nil, err
	}
	c.blocks[off] = b // ok: under the write lock of c.mu
	return b, nil
}

func (c *upgradeInPlace) ReadAt(p []byte, off int64) (int, error) {
	b, err := c.block(off, len(p))
	if err != nil {
		return 0, err
	}
	n := copy(p, b)
	if n < len(p) {
		return n, io.ErrUnexpectedEOF
	}
	return n, nil
}

// readLockedPut stores under the read lock: its put helper took the wrong
// side of the RWMutex.
type readLockedPut struct {
	mu     sync.RWMutex
	src    io.ReaderAt
	blocks map[int64][]byte
}

// get returns the cached block at off under the read lock.
func (c *readLockedPut) get(off int64) ([]byte, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	b, ok := c.blocks[off]
	return b, ok
}

// put stores b, wrongly under the read lock.
func (c *readLockedPut) put(off int64, b []byte) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if _, ok := c.blocks[off]; !ok {
		c.blocks[off] = b
	}
}

func (c *readLockedPut) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*readLockedPut\)\.ReadAt writes c\.blocks\[k\] while holding only the read lock of c\.mu; io\.ReaderAt allows parallel calls$`
	b, ok := c.get(off)
	if !ok {
		b = make([]byte, len(p))
		n, err := c.src.ReadAt(b, off)
		if n < len(p) {
			return copy(p, b[:n]), err
		}
		c.put(off, b)
	}
	n := copy(p, b)
	if n < len(p) {
		return n, io.ErrUnexpectedEOF
	}
	return n, nil
}

// gapUpgrade drops the read lock and writes before it takes the write
// lock: between the two, nothing is held.
type gapUpgrade struct {
	mu     sync.RWMutex
	src    io.ReaderAt
	blocks map[int64][]byte
	misses int
}

// block returns the block at off, loading it if needed.
func (c *gapUpgrade) block(off int64, size int) ([]byte, error) {
	c.mu.RLock()
	b, ok := c.blocks[off]
	c.mu.RUnlock()
	if ok {
		return b, nil
	}
	c.misses++

	c.mu.Lock()
	defer c.mu.Unlock()
	if b, ok := c.blocks[off]; ok {
		return b, nil
	}
	b = make([]byte, size)
	if _, err := c.src.ReadAt(b, off); err != nil {
		return nil, err
	}
	c.blocks[off] = b // ok: under the write lock of c.mu
	return b, nil
}

func (c *gapUpgrade) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*gapUpgrade\)\.ReadAt writes c\.misses without holding a lock; io\.ReaderAt allows parallel calls$`
	b, err := c.block(off, len(p))
	if err != nil {
		return 0, err
	}
	n := copy(p, b)
	if n < len(p) {
		return n, io.ErrUnexpectedEOF
	}
	return n, nil
}
