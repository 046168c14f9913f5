// Package typeparamptr holds generic readers that store through a field
// whose type is a type parameter constrained to a pointer type.
package typeparamptr

import (
	"io"
)

// box stores through its P field, a pointer by its constraint.
type box[P interface{ *T }, T any] struct {
	p   P
	src io.ReaderAt
}

func (b *box[P, T]) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*box\)\.ReadAt writes \*b\.p without holding a lock; io\.ReaderAt allows parallel calls$`
	var zero T
	*b.p = zero
	return b.src.ReadAt(p, off)
}
