// Package contractfix holds single Reads whose fix must import io, use
// its local name, or pick names that clash with nothing.
package contractfix

// source is any stream; this file imports nothing.
type source interface {
	Read(p []byte) (int, error)
}

// plain returns one Read of a source that opens at the offset.
type plain struct {
	at func(off int64) source
}

func (r plain) ReadAt(p []byte, off int64) (int, error) {
	return r.at(off).Read(p) // want `^plain\.ReadAt may return a count < len\(p\) with a nil error: the count comes from a single Read, which may return less than asked$`
}
