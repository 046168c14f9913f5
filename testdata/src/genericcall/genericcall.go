// Package genericcall holds readers that pass receiver-owned state to a
// generic function, which mutates it through a method of its type
// parameter's constraint.
package genericcall

import (
	"io"
)

// bumper is the constraint of bumpAll.
type bumper interface{ bump() }

// counter counts calls of bump.
type counter struct{ n int }

func (c *counter) bump() { c.n++ }

// bumpAll calls bump on each of xs.
func bumpAll[T bumper](xs ...T) {
	for _, x := range xs {
		x.bump()
	}
}

// throughConstraint counts through bumpAll instantiated with *counter.
type throughConstraint struct {
	src io.ReaderAt
	c   counter
}

func (r *throughConstraint) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*throughConstraint\)\.ReadAt writes r\.c\.n without holding a lock; io\.ReaderAt allows parallel calls$`
	bumpAll(&r.c)
	return r.src.ReadAt(p, off)
}
