// Package zerovalue holds readers that branch on a local variable that a
// function literal captures. The variable starts at its zero value, and
// literals may assign it too: one explicit constant assignment does not
// make it that constant everywhere.
package zerovalue

import (
	"io"
)

// deferredFlag counts failures in a deferred literal unless the call
// reached the end; the flag is declared without a value.
type deferredFlag struct {
	src      io.ReaderAt
	failures int
}

func (r *deferredFlag) ReadAt(p []byte, off int64) (n int, err error) { // want `^\(\*deferredFlag\)\.ReadAt writes r\.failures without holding a lock; io\.ReaderAt allows parallel calls$`
	var ok bool
	defer func() {
		if !ok {
			r.failures++
		}
	}()
	n, err = r.src.ReadAt(p, off)
	if err != nil {
		return n, err
	}
	ok = true
	return n, err
}

// setByLiteral sets its flag inside a literal it calls, and counts hits
// when the flag is set.
type setByLiteral struct {
	src  io.ReaderAt
	offs []int64
	hits int
}

func (r *setByLiteral) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*setByLiteral\)\.ReadAt writes r\.hits without holding a lock; io\.ReaderAt allows parallel calls$`
	found := false
	find := func() {
		for _, o := range r.offs {
			if o == off {
				found = true
			}
		}
	}
	find()
	if found {
		r.hits++
	}
	return r.src.ReadAt(p, off)
}
