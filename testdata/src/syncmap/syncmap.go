// Package syncmap holds readers that cache in a sync.Map, which is safe
// for parallel calls, and one that uses a plain map.
package syncmap

import (
	"io"
	"sync"
)

// concurrentCache stores and deletes in a sync.Map.
type concurrentCache struct {
	src    io.ReaderAt
	blocks sync.Map
}

func (r *concurrentCache) ReadAt(p []byte, off int64) (int, error) {
	if v, ok := r.blocks.Load(off); ok {
		if b := v.([]byte); len(b) >= len(p) {
			r.blocks.Delete(off) // ok: sync.Map
			return copy(p, b), nil
		}
	}
	b := make([]byte, len(p))
	n, err := r.src.ReadAt(b, off)
	r.blocks.Store(off, b[:n])         // ok: sync.Map
	r.blocks.LoadOrStore(off+1, b[:0]) // ok: sync.Map
	return copy(p, b[:n]), err
}

// plainCache stores in a plain map.
type plainCache struct {
	src    io.ReaderAt
	blocks map[int64][]byte
}

func (r *plainCache) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*plainCache\)\.ReadAt writes r\.blocks\[k\] without holding a lock; io\.ReaderAt allows parallel calls$`
	if b, ok := r.blocks[off]; ok && len(b) >= len(p) {
		return copy(p, b), nil
	}
	b := make([]byte, len(p))
	n, err := r.src.ReadAt(b, off)
	r.blocks[off] = b[:n]
	return copy(p, b[:n]), err
}
