// Package mapdelete holds readers that add to and delete from maps the
// receiver holds.
package mapdelete

import (
	"io"
	"sync"
)

// evicting caches blocks in a map and deletes the one it has served.
type evicting struct {
	src    io.ReaderAt
	blocks map[int64][]byte
}

func (r *evicting) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*evicting\)\.ReadAt deletes from r\.blocks and writes r\.blocks\[k\] without holding a lock; io\.ReaderAt allows parallel calls$`
	if b, ok := r.blocks[off]; ok && len(b) >= len(p) {
		delete(r.blocks, off)
		return copy(p, b), nil
	}
	b := make([]byte, len(p))
	n, err := r.src.ReadAt(b, off)
	r.blocks[off+int64(n)] = b[n:]
	return copy(p, b[:n]), err
}

// clearing drops its whole cache with clear.
type clearing struct {
	src    io.ReaderAt
	blocks map[int64][]byte
}

func (r *clearing) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*clearing\)\.ReadAt clears r\.blocks without holding a lock; io\.ReaderAt allows parallel calls$`
	if len(r.blocks) > 64 {
		clear(r.blocks)
	}
	return r.src.ReadAt(p, off)
}

// nestedMaps writes to an inner map found in an outer one.
type nestedMaps struct {
	src   io.ReaderAt
	index map[string]map[int64]int
}

func (r *nestedMaps) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*nestedMaps\)\.ReadAt writes r\.index\[k\]\[k\] without holding a lock; io\.ReaderAt allows parallel calls$`
	r.index["reads"][off]++
	return r.src.ReadAt(p, off)
}

// lockedMap does the same as evicting under its mutex.
type lockedMap struct {
	mu     sync.Mutex
	src    io.ReaderAt
	blocks map[int64][]byte
}

func (r *lockedMap) ReadAt(p []byte, off int64) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if b, ok := r.blocks[off]; ok && len(b) >= len(p) {
		delete(r.blocks, off) // ok: under r.mu
		return copy(p, b), nil
	}
	b := make([]byte, len(p))
	n, err := r.src.ReadAt(b, off)
	r.blocks[off+int64(n)] = b[n:] // ok: under r.mu
	return copy(p, b[:n]), err
}

// localMap builds and trims a map of its own.
type localMap struct {
	src io.ReaderAt
}

func (r *localMap) ReadAt(p []byte, off int64) (int, error) {
	seen := make(map[int64]bool)
	seen[off] = true  // ok: a map made in this call
	delete(seen, off) // ok: a map made in this call
	return r.src.ReadAt(p, off)
}
