// Package helperlock holds readers whose helpers mutate state and rely on
// their callers to hold the lock.
package helperlock

import (
	"io"
	"sync"
)

// pageCache loads pages through a helper that is only ever called with the
// cache's mutex held.
type pageCache struct {
	mu    sync.Mutex
	src   io.ReaderAt
	pages map[int64][]byte
	loads int
}

// pageLocked returns page i, loading it on a miss; c.mu must be held.
func (c *pageCache) pageLocked(i int64) ([]byte, error) {
	if b, ok := c.pages[i]; ok {
		return b, nil
	}
	b := make([]byte, pageSize)
	n, err := c.src.ReadAt(b, i*pageSize)
	if err != nil && err != io.EOF {
		return nil, err
	}
	c.pages[i] = b[:n] // ok: callers hold c.mu
	c.loads++          // ok: callers hold c.mu
	return b[:n], nil
}

func (c *pageCache) ReadAt(p []byte, off int64) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return readPages(p, off, c.pageLocked)
}

// prefetchCache calls the same kind of helper once more after unlocking,
// to warm the next page: that call holds no lock.
type prefetchCache struct {
	mu    sync.Mutex
	src   io.ReaderAt
	pages map[int64][]byte
	loads int
}

// pageLocked returns page i, loading it on a miss; c.mu must be held.
func (c *prefetchCache) pageLocked(i int64) ([]byte, error) {
	if b, ok := c.pages[i]; ok {
		return b, nil
	}
	b := make([]byte, pageSize)
	n, err := c.src.ReadAt(b, i*pageSize)
	if err != nil && err != io.EOF {
		return nil, err
	}
	c.pages[i] = b[:n]
	c.loads++
	return b[:n], nil
}

func (c *prefetchCache) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*prefetchCache\)\.ReadAt writes c\.pages\[k\] and c\.loads without holding a lock; io\.ReaderAt allows parallel calls$`
	c.mu.Lock()
	n, err := readPages(p, off, c.pageLocked)
	c.mu.Unlock()
	c.pageLocked((off + int64(len(p))) / pageSize)
	return n, err
}

// unlockedPages hands the same kind of helper, as a method value, to a
// function that calls it, and forgets the lock altogether.
type unlockedPages struct {
	src   io.ReaderAt
	pages map[int64][]byte
}

// pageLocked returns page i, loading it on a miss; callers should hold a
// lock, but this type has none.
func (c *unlockedPages) pageLocked(i int64) ([]byte, error) {
	if b, ok := c.pages[i]; ok {
		return b, nil
	}
	b := make([]byte, pageSize)
	n, err := c.src.ReadAt(b, i*pageSize)
	if err != nil && err != io.EOF {
		return nil, err
	}
	c.pages[i] = b[:n]
	return b[:n], nil
}

func (c *unlockedPages) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*unlockedPages\)\.ReadAt writes c\.pages\[k\] without holding a lock; io\.ReaderAt allows parallel calls$`
	return readPages(p, off, c.pageLocked)
}

const pageSize = 4096

// readPages fills p from the pages that cover off, fetched by page.
func readPages(p []byte, off int64, page func(int64) ([]byte, error)) (int, error) {
	n := 0
	for n < len(p) {
		at := off + int64(n)
		b, err := page(at / pageSize)
		if err != nil {
			return n, err
		}
		i := int(at % pageSize)
		if i >= len(b) {
			return n, io.EOF
		}
		n += copy(p[n:], b[i:])
	}
	return n, nil
}
