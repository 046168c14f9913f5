// Package appendback holds readers that append to slices the receiver
// holds and store the result back.
package appendback

import (
	"io"
	"sync"
)

// offsetLog appends each offset to a log field.
type offsetLog struct {
	src io.ReaderAt
	log []int64
}

func (r *offsetLog) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*offsetLog\)\.ReadAt writes r\.log without holding a lock; io\.ReaderAt allows parallel calls$`
	r.log = append(r.log, off)
	return r.src.ReadAt(p, off)
}

// nestedLog appends to a slice inside a struct the receiver points to.
type nestedLog struct {
	src   io.ReaderAt
	stats *stats
}

// stats collects the sizes of reads.
type stats struct {
	sizes []int
}

func (r *nestedLog) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*nestedLog\)\.ReadAt writes r\.stats\.sizes without holding a lock; io\.ReaderAt allows parallel calls$`
	r.stats.sizes = append(r.stats.sizes, len(p))
	return r.src.ReadAt(p, off)
}

// lockedLog appends under its mutex.
type lockedLog struct {
	mu  sync.Mutex
	src io.ReaderAt
	log []int64
}

func (r *lockedLog) ReadAt(p []byte, off int64) (int, error) {
	r.mu.Lock()
	r.log = append(r.log, off) // ok: under r.mu
	r.mu.Unlock()
	return r.src.ReadAt(p, off)
}

// localAppend appends to a copy it makes.
type localAppend struct {
	src io.ReaderAt
	log []int64
}

func (r *localAppend) ReadAt(p []byte, off int64) (int, error) {
	log := append([]int64(nil), r.log...)
	log = append(log, off) // ok: a slice of this call
	_ = log
	return r.src.ReadAt(p, off)
}
