// Package namedresults holds readers that write their named results,
// directly and through pointers from deferred helpers: results belong to
// the call.
package namedresults

import (
	"errors"
	"io"
)

// clampEOF turns an io.EOF after a full read into nil, through a pointer
// to the caller's result.
func clampEOF(n *int, err *error, want int) {
	if *n == want && errors.Is(*err, io.EOF) {
		*err = nil // ok: the caller's named result
	}
}

// deferredFixup fixes its results in a deferred helper.
type deferredFixup struct {
	src io.ReaderAt
}

func (r *deferredFixup) ReadAt(p []byte, off int64) (n int, err error) {
	defer clampEOF(&n, &err, len(p))
	n, err = r.src.ReadAt(p, off) // ok: named results
	return
}

// recovering turns a panic into an error in a deferred literal.
type recovering struct {
	src io.ReaderAt
}

func (r *recovering) ReadAt(p []byte, off int64) (n int, err error) {
	defer func() {
		if v := recover(); v != nil {
			n, err = 0, errors.New("read panicked") // ok: named results
		}
	}()
	return r.src.ReadAt(p, off)
}

// paramsAndLocals rebinds its parameters and fills the caller's buffer.
type paramsAndLocals struct {
	data []byte
}

func (r *paramsAndLocals) ReadAt(p []byte, off int64) (n int, err error) {
	for len(p) > 0 && off < int64(len(r.data)) {
		p[0] = r.data[off] // ok: p belongs to the caller
		p = p[1:]          // ok: a parameter
		off++              // ok: a parameter
		n++                // ok: a named result
	}
	if len(p) > 0 {
		err = io.EOF
	}
	return n, err
}

// resultsInField stores its results in the receiver as well.
type resultsInField struct {
	src     io.ReaderAt
	lastErr error
}

func (r *resultsInField) ReadAt(p []byte, off int64) (n int, err error) { // want `^\(\*resultsInField\)\.ReadAt writes r\.lastErr without holding a lock; io\.ReaderAt allows parallel calls$`
	defer func() { r.lastErr = err }()
	return r.src.ReadAt(p, off)
}
