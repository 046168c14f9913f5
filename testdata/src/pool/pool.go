// Package pool holds readers that take scratch buffers from a sync.Pool:
// what the pool hands out belongs to one call at a time.
package pool

import (
	"bytes"
	"io"
	"sync"
)

// pooled takes a buffer from its pool, uses it and puts it back.
type pooled struct {
	src  io.ReaderAt
	bufs sync.Pool
}

func (r *pooled) ReadAt(p []byte, off int64) (int, error) {
	b := r.bufs.Get().(*bytes.Buffer)
	defer r.bufs.Put(b)
	b.Reset() // ok: the pool hands b to this call alone
	tmp := make([]byte, len(p))
	n, err := r.src.ReadAt(tmp, off)
	b.Write(tmp[:n]) // ok: the pool hands b to this call alone
	return copy(p, b.Bytes()), err
}

// packagePool uses a package-level pool of byte slices.
type packagePool struct {
	src io.ReaderAt
}

var slices = sync.Pool{New: func() any { return new([]byte) }}

func (r *packagePool) ReadAt(p []byte, off int64) (int, error) {
	bp := slices.Get().(*[]byte)
	defer slices.Put(bp)
	if cap(*bp) < len(p) {
		*bp = make([]byte, len(p)) // ok: the pool hands bp to this call alone
	}
	buf := (*bp)[:len(p)]
	n, err := r.src.ReadAt(buf, off) // ok: the pool hands bp to this call alone
	return copy(p, buf[:n]), err
}

// sharedScratch keeps one scratch buffer instead of a pool.
type sharedScratch struct {
	src     io.ReaderAt
	scratch *bytes.Buffer
}

func (r *sharedScratch) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*sharedScratch\)\.ReadAt resets r\.scratch and writes to r\.scratch without holding a lock; io\.ReaderAt allows parallel calls$`
	r.scratch.Reset()
	tmp := make([]byte, len(p))
	n, err := r.src.ReadAt(tmp, off)
	r.scratch.Write(tmp[:n])
	return copy(p, r.scratch.Bytes()), err
}
