// Package destbuf holds readers that pass a buffer the receiver owns as
// the destination of another read: the reads fill it in parallel.
package destbuf

import (
	"io"
	"sync"
)

// scratchReader reads into a scratch buffer it keeps between calls.
type scratchReader struct {
	src     io.ReaderAt
	scratch []byte
}

func (r *scratchReader) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*scratchReader\)\.ReadAt reads into r\.scratch without holding a lock; io\.ReaderAt allows parallel calls$`
	if len(p) > len(r.scratch) {
		return r.src.ReadAt(p, off)
	}
	n, err := r.src.ReadAt(r.scratch[:len(p)], off)
	copy(p, r.scratch[:n])
	return n, err
}

// fullScratch fills its scratch buffer with io.ReadFull from a stream.
type fullScratch struct {
	open    func(off int64) (io.Reader, error)
	scratch []byte
}

func (r *fullScratch) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*fullScratch\)\.ReadAt reads into r\.scratch without holding a lock; io\.ReaderAt allows parallel calls$`
	body, err := r.open(off)
	if err != nil {
		return 0, err
	}
	if len(p) > len(r.scratch) {
		return io.ReadFull(body, p)
	}
	n, err := io.ReadFull(body, r.scratch[:len(p)])
	copy(p, r.scratch[:n])
	return n, err
}

// lockedScratch reads into its scratch buffer under its mutex.
type lockedScratch struct {
	mu      sync.Mutex
	src     io.ReaderAt
	scratch []byte
}

func (r *lockedScratch) ReadAt(p []byte, off int64) (int, error) {
	if len(p) > len(r.scratch) {
		return r.src.ReadAt(p, off)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	n, err := r.src.ReadAt(r.scratch[:len(p)], off) // ok: under r.mu
	copy(p, r.scratch[:n])
	return n, err
}

// ownBuffer reads into a buffer it allocates and into the caller's p.
type ownBuffer struct {
	src io.ReaderAt
}

func (r *ownBuffer) ReadAt(p []byte, off int64) (int, error) {
	tmp := make([]byte, len(p))
	n, err := r.src.ReadAt(tmp, off) // ok: a buffer made in this call
	copy(p, tmp[:n])
	if err != nil {
		return n, err
	}
	return r.src.ReadAt(p, off) // ok: p belongs to the caller
}
