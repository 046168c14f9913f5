// Package contractignore holds contract findings silenced by a directive,
// and a directive on a method with nothing to silence.
package contractignore

import "io"

// prefix serves a file format whose readers accept short reads.
type prefix struct {
	data []byte
}

// ReadAt copies what it has.
//
//readeratcheck:ignore the format's readers loop until they have enough
func (r prefix) ReadAt(p []byte, off int64) (int, error) {
	if off >= int64(len(r.data)) {
		return 0, io.EOF
	}
	return copy(p, r.data[off:]), nil // ok: suppressed by the directive above
}

// whole keeps the contract; its directive silences nothing.
type whole struct {
	data []byte
}

// ReadAt copies and reports a short copy.
//
//readeratcheck:ignore kept by habit // want `^readeratcheck:ignore directive suppresses nothing$`
func (r whole) ReadAt(p []byte, off int64) (int, error) {
	if off >= int64(len(r.data)) {
		return 0, io.EOF
	}
	n := copy(p, r.data[off:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil // ok: n >= len(p) here
}
