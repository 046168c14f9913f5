// Package sample is linted by the custom golangci-lint binary in the
// end-to-end test.
package sample

import "os"

// reader remembers the last offset in a field that ReadAt writes without a
// lock: reported, and fixed by --fix.
type reader struct {
	f   *os.File
	off int64
}

func (r *reader) ReadAt(p []byte, off int64) (int, error) {
	r.off = off
	return r.f.ReadAt(p, off)
}

// quiet has the same race, silenced by a nolint directive: neither
// reported nor fixed.
type quiet struct {
	f   *os.File
	off int64
}

//nolint:readeratcheck // the end-to-end test checks that this is honoured
func (q *quiet) ReadAt(p []byte, off int64) (int, error) {
	q.off = off
	return q.f.ReadAt(p, off)
}
