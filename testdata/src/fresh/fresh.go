// Package fresh holds readers that build and mutate objects allocated in
// the call itself: no other call can reach them.
package fresh

import (
	"bufio"
	"bytes"
	"io"
)

// stats collects statistics of reads.
type stats struct {
	reads int
	sizes []int
	seen  map[int64]bool
}

// freshObjects allocates with new, composite literals, make and a
// constructor of the package, and mutates them all.
type freshObjects struct {
	src io.ReaderAt
}

// newStats returns empty statistics.
func newStats() *stats { return &stats{seen: make(map[int64]bool)} }

func (r *freshObjects) ReadAt(p []byte, off int64) (int, error) {
	s := newStats()
	s.reads++                         // ok: made by newStats in this call
	s.sizes = append(s.sizes, len(p)) // ok: made in this call
	s.seen[off] = true                // ok: made in this call
	t := new(stats)
	t.reads = 1 // ok: made in this call
	u := &stats{}
	u.reads = 2 // ok: made in this call
	return r.src.ReadAt(p, off)
}

// freshStream wraps the shared source in a stream made for this call and
// reads from that.
type freshStream struct {
	src io.ReaderAt
}

func (r *freshStream) ReadAt(p []byte, off int64) (int, error) {
	br := bufio.NewReader(io.NewSectionReader(r.src, off, int64(len(p))))
	return io.ReadFull(br, p) // ok: br is made in this call
}

// freshBuffer writes into a bytes.Buffer of its own.
type freshBuffer struct {
	data []byte
}

func (r *freshBuffer) ReadAt(p []byte, off int64) (int, error) {
	var b bytes.Buffer
	if off < int64(len(r.data)) {
		b.Write(r.data[off:]) // ok: a local buffer
	}
	n, _ := b.Read(p) // ok: a local buffer
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// publishedFresh builds a fresh object and then stores it in the
// receiver: the store is shared.
type publishedFresh struct {
	src  io.ReaderAt
	last *stats
}

func (r *publishedFresh) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*publishedFresh\)\.ReadAt writes r\.last without holding a lock; io\.ReaderAt allows parallel calls$`
	s := newStats()
	s.reads++ // ok: not yet published
	r.last = s
	return r.src.ReadAt(p, off)
}
