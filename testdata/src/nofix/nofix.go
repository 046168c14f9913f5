// Package nofix holds racy readers for which no correct mutex fix can be
// made; each diagnostic says why.
package nofix

import (
	"io"

	"nofix/state"
)

// copied is copied by value by snapshot: a mutex field would be copied
// with it.
type copied struct {
	data []byte
	pos  int64
}

func (r *copied) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*copied\)\.ReadAt writes r\.pos without holding a lock; io\.ReaderAt allows parallel calls; no fix: a parameter or result at nofix\.go:23 copies a copied value, and with it the mutex$`
	r.pos = off
	return readFrom(r.data, p, off)
}

func snapshot(r *copied) copied {
	return *r
}

// unkeyed is built with a composite literal that lists its fields without
// names: a new field would break it.
type unkeyed struct {
	data []byte
	pos  int64
}

func newUnkeyed(data []byte) *unkeyed {
	return &unkeyed{data, 0}
}

func (r *unkeyed) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*unkeyed\)\.ReadAt writes r\.pos without holding a lock; io\.ReaderAt allows parallel calls; no fix: the composite literal at nofix\.go:35 lists unkeyed's fields without names, which a new field would break$`
	r.pos = off
	return readFrom(r.data, p, off)
}

// wrapped is defined on a struct of another package, which this package
// cannot add a field to.
type wrapped state.State

func (w *wrapped) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*wrapped\)\.ReadAt writes w\.Pos and w\.Reads without holding a lock; io\.ReaderAt allows parallel calls; no fix: wrapped's struct is State, declared in package state$`
	w.Pos = off
	w.Reads++
	return 0, io.EOF
}

// sized reads the state it writes through Size, which other packages call
// too: both would need the lock, and Go mutexes are not re-entrant.
type sized struct {
	data []byte
	n    int64
}

// Size returns how many bytes the reader serves.
func (s *sized) Size() int64 { return s.n }

func (s *sized) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*sized\)\.ReadAt writes s\.n without holding a lock; io\.ReaderAt allows parallel calls; no fix: \(\*sized\)\.ReadAt calls \(\*sized\)\.Size, and both would need the lock$`
	s.n = int64(len(s.data))
	if off >= s.Size() {
		return 0, io.EOF
	}
	return readFrom(s.data, p, off)
}

// readFrom copies from data at off into p and keeps the io.ReaderAt
// contract on short reads.
func readFrom(data, p []byte, off int64) (int, error) {
	if off >= int64(len(data)) {
		return 0, io.EOF
	}
	n := copy(p, data[off:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// sizedVia reads the state it writes through Size, by way of a helper.
type sizedVia struct {
	data []byte
	n    int64
}

// Size returns how many bytes the reader serves.
func (s *sizedVia) Size() int64 { return s.n }

// past reports whether off lies past the end.
func past(s *sizedVia, off int64) bool { return off >= s.Size() }

func (s *sizedVia) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*sizedVia\)\.ReadAt writes s\.n without holding a lock; io\.ReaderAt allows parallel calls; no fix: \(\*sizedVia\)\.ReadAt calls \(\*sizedVia\)\.Size \(through past\), and both would need the lock$`
	s.n = int64(len(s.data))
	if past(s, off) {
		return 0, io.EOF
	}
	return readFrom(s.data, p, off)
}
