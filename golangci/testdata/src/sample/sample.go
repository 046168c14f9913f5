// Package sample holds a ReadAt method that stores its offset in the
// receiver, which parallel callers race on.
package sample

import "os"

// reader remembers the last offset in a field that ReadAt writes without a
// lock.
type reader struct {
	f   *os.File
	off int64
}

func (r *reader) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*reader\)\.ReadAt writes r\.off without holding a lock; io\.ReaderAt allows parallel calls$`
	r.off = off
	return r.f.ReadAt(p, off)
}
