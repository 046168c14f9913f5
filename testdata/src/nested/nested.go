// Package nested holds readers that write fields of structs nested in the
// receiver by value, and fields promoted from embedded structs.
package nested

import (
	"io"
	"sync"
)

// counters counts reads and bytes.
type counters struct {
	reads, bytes int64
}

// meta nests counters by value.
type meta struct {
	name  string
	stats counters
}

// nestedByValue writes two levels down through structs held by value.
type nestedByValue struct {
	src  io.ReaderAt
	meta meta
}

func (r *nestedByValue) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*nestedByValue\)\.ReadAt writes r\.meta\.stats\.reads without holding a lock; io\.ReaderAt allows parallel calls$`
	r.meta.stats.reads++
	return r.src.ReadAt(p, off)
}

// promotedField writes a field promoted from an embedded struct; the
// message spells the full path.
type promotedField struct {
	counters
	src io.ReaderAt
}

func (r *promotedField) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*promotedField\)\.ReadAt writes r\.counters\.bytes without holding a lock; io\.ReaderAt allows parallel calls$`
	n, err := r.src.ReadAt(p, off)
	r.bytes += int64(n)
	return n, err
}

// embeddedPointer writes a field promoted through an embedded pointer.
type embeddedPointer struct {
	*counters
	src io.ReaderAt
}

func (r embeddedPointer) ReadAt(p []byte, off int64) (int, error) { // want `^embeddedPointer\.ReadAt writes r\.counters\.reads without holding a lock; io\.ReaderAt allows parallel calls; no fix: embeddedPointer has methods with value receivers \(ReadAt\), which would copy the mutex$`
	r.reads++
	return r.src.ReadAt(p, off)
}

// lockedNested writes the nested fields under a mutex of the outer
// struct.
type lockedNested struct {
	mu   sync.Mutex
	src  io.ReaderAt
	meta meta
	counters
}

func (r *lockedNested) ReadAt(p []byte, off int64) (int, error) {
	n, err := r.src.ReadAt(p, off)
	r.mu.Lock()
	r.meta.stats.bytes += int64(n) // ok: under r.mu
	r.reads++                      // ok: under r.mu
	r.mu.Unlock()
	return n, err
}
