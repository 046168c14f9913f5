// Package closurephi holds readers that pick one of several function
// literals into a variable and call it: every literal that may be called
// must be analysed, not just the first.
package closurephi

import (
	"io"
)

// pickedUpdate calls a no-op literal, or one that grows the size.
type pickedUpdate struct {
	src  io.ReaderAt
	size int64
}

func (r *pickedUpdate) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*pickedUpdate\)\.ReadAt writes r\.size without holding a lock; io\.ReaderAt allows parallel calls$`
	update := func() {}
	if end := off + int64(len(p)); end > r.size {
		update = func() { r.size = end }
	}
	update()
	return r.src.ReadAt(p, off)
}

// pickedMethod picks between two method values.
type pickedMethod struct {
	src    io.ReaderAt
	hits   int
	misses int
}

func (r *pickedMethod) hit()  {}
func (r *pickedMethod) miss() { r.misses++ }

func (r *pickedMethod) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*pickedMethod\)\.ReadAt writes r\.misses without holding a lock; io\.ReaderAt allows parallel calls$`
	count := r.hit
	if off > 0 {
		count = r.miss
	}
	count()
	return r.src.ReadAt(p, off)
}
