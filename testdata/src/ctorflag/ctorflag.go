// Package ctorflag holds readers whose shared helper writes state only on
// a path that a flag parameter enables, and only the constructor sets it.
package ctorflag

import (
	"io"
)

// indexed loads its index in the constructor through the same helper that
// ReadAt calls with the flag off.
type indexed struct {
	src   io.ReaderAt
	size  int64
	index []int64
}

// newIndexed builds an indexed reader and loads its index once.
func newIndexed(src io.ReaderAt, size int64) *indexed {
	r := &indexed{src: src}
	r.locate(0, size, true)
	return r
}

// locate returns the index entry at or before off; with build set it also
// records the size and rebuilds the index.
func (r *indexed) locate(off, size int64, build bool) int64 {
	if build {
		r.size = size // ok: only newIndexed passes build
		r.index = r.index[:0]
		for at := int64(0); at < size; at += 512 {
			r.index = append(r.index, at) // ok: only newIndexed passes build
		}
	}
	return off - off%512
}

func (r *indexed) ReadAt(p []byte, off int64) (int, error) {
	if off >= r.size {
		return 0, io.EOF
	}
	start := r.locate(off, r.size, false)
	_ = start
	return r.src.ReadAt(p, off)
}

// rebuilding passes a flag computed at run time, so its ReadAt can reach
// the writes.
type rebuilding struct {
	src   io.ReaderAt
	size  int64
	index []int64
}

// locate returns the index entry at or before off; with build set it also
// records the size and rebuilds the index.
func (r *rebuilding) locate(off, size int64, build bool) int64 {
	if build {
		r.size = size
		r.index = r.index[:0]
		for at := int64(0); at < size; at += 512 {
			r.index = append(r.index, at)
		}
	}
	return off - off%512
}

func (r *rebuilding) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*rebuilding\)\.ReadAt writes r\.size and r\.index without holding a lock; io\.ReaderAt allows parallel calls$`
	if off >= r.size {
		return 0, io.EOF
	}
	r.locate(off, off+int64(len(p)), off+int64(len(p)) > r.size)
	return r.src.ReadAt(p, off)
}

// constOption passes the flag as a named constant that is false.
type constOption struct {
	src   io.ReaderAt
	loads int
}

const rebuild = false

// load counts a load when asked to.
func (r *constOption) load(count bool) {
	if count {
		r.loads++ // ok: no caller passes true
	}
}

func (r *constOption) ReadAt(p []byte, off int64) (int, error) {
	r.load(rebuild)
	return r.src.ReadAt(p, off)
}
