// Package panicdefer holds a reader whose deferred call is pushed on a
// path that ends in a panic: deferred calls run while panicking too.
package panicdefer

import (
	"io"
)

// countBadOffsets counts bad offsets in a deferred literal and panics.
type countBadOffsets struct {
	src io.ReaderAt
	bad int
}

func (r *countBadOffsets) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*countBadOffsets\)\.ReadAt writes r\.bad without holding a lock; io\.ReaderAt allows parallel calls$`
	if off < 0 {
		defer func() { r.bad++ }()
		panic("negative offset")
	}
	return r.src.ReadAt(p, off)
}
