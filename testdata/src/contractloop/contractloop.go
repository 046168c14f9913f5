// Package contractloop holds ReadAt methods that add up Reads in a loop.
// A loop fills p only if its exits with a nil error show that p is full.
package contractloop

import (
	"errors"
	"io"
	"sync"
)

// cacheReader is the S3 cache reader's loop: it advances p, then stops
// when the last Read's count equals what is left, which says nothing
// about p being full.
type cacheReader struct {
	mu     sync.Mutex
	rc     io.Reader
	offset int64
}

func (r *cacheReader) ReadAt(p []byte, off int64) (n int, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for {
		var nn int
		nn, err = r.rc.Read(p)
		n += nn
		p = p[nn:]
		if nn == len(p) || err != nil {
			break
		}
	}
	r.offset += int64(n)
	return // want `^\(\*cacheReader\)\.ReadAt may return n < len\(p\) with a nil error: n adds up Read calls in a loop that can end before p is full$`
}

// drainingReader loops while p has room left.
type drainingReader struct {
	mu     sync.Mutex
	rc     io.Reader
	offset int64
}

func (r *drainingReader) ReadAt(p []byte, off int64) (n int, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for len(p) > 0 {
		var nn int
		nn, err = r.rc.Read(p)
		n += nn
		p = p[nn:]
		if err != nil {
			break
		}
	}
	r.offset += int64(n)
	return // ok: the loop ends with a nil error only once p is empty
}

// stopsAtZero gives up when a Read returns nothing, which io.Reader
// allows without an error.
type stopsAtZero struct {
	open func(off int64) io.Reader
}

func (s stopsAtZero) ReadAt(p []byte, off int64) (int, error) {
	rd := s.open(off)
	n := 0
	for n < len(p) {
		m, err := rd.Read(p[n:])
		n += m
		if err != nil {
			return n, err // ok: the error is not nil
		}
		if m == 0 {
			return n, nil // want `^stopsAtZero\.ReadAt may return n < len\(p\) with a nil error: n adds up Read calls in a loop that can end before p is full$`
		}
	}
	return n, nil // ok: the loop ends only when n >= len(p)
}

// retriesZero is the same loop, going on after an empty Read.
type retriesZero struct {
	open func(off int64) io.Reader
}

func (s retriesZero) ReadAt(p []byte, off int64) (int, error) {
	rd := s.open(off)
	n := 0
	for n < len(p) {
		m, err := rd.Read(p[n:])
		n += m
		if err != nil {
			return n, err // ok: the error is not nil
		}
	}
	return n, nil // ok: the loop ends only when n >= len(p)
}

// swallowsEOF turns the inner io.EOF into nil.
type swallowsEOF struct {
	open func(off int64) io.Reader
}

func (s swallowsEOF) ReadAt(p []byte, off int64) (int, error) {
	rd := s.open(off)
	var n int
	for n < len(p) {
		m, err := rd.Read(p[n:])
		n += m
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return n, err // ok: the error is not nil
		}
	}
	return n, nil // want `^swallowsEOF\.ReadAt may return n < len\(p\) with a nil error: n adds up Read calls in a loop that can end before p is full$`
}

// keepsEOF ends the same loop on io.EOF, but returns it when p is short,
// and nil only with a full p.
type keepsEOF struct {
	open func(off int64) io.Reader
}

func (s keepsEOF) ReadAt(p []byte, off int64) (int, error) {
	rd := s.open(off)
	var n int
	for n < len(p) {
		m, err := rd.Read(p[n:])
		n += m
		if errors.Is(err, io.EOF) && n == len(p) {
			err = nil
		}
		if err != nil {
			return n, err // ok: the error is not nil
		}
	}
	return n, nil // ok: the loop ends only when n >= len(p)
}

// rest reads until what is left of p is empty, the count in another
// variable.
type rest struct {
	open func(off int64) io.Reader
}

func (s rest) ReadAt(b []byte, off int64) (int, error) {
	rd := s.open(off)
	total := 0
	for len(b) > 0 {
		n, err := rd.Read(b)
		total += n
		b = b[n:]
		if err != nil {
			return total, err // ok: the error is not nil
		}
	}
	return total, nil // ok: b is empty here
}

// twoReads tries a second Read when the first comes up short, and
// returns the sum of both, which may still be short.
type twoReads struct {
	open func(off int64) io.Reader
}

func (t twoReads) ReadAt(p []byte, off int64) (int, error) {
	rd := t.open(off)
	n, err := rd.Read(p)
	if err != nil || n == len(p) {
		return n, err // ok: the error is not nil, or n == len(p)
	}
	m, err := rd.Read(p[n:])
	return n + m, err // want `^twoReads\.ReadAt may return a count < len\(p\) with a nil error: the count adds up Read calls that can end before p is full$`
}

// readRest reads the rest with io.ReadFull after a short first Read.
type readRest struct {
	open func(off int64) io.Reader
}

func (t readRest) ReadAt(p []byte, off int64) (int, error) {
	rd := t.open(off)
	n, err := rd.Read(p)
	if err != nil || n == len(p) {
		return n, err // ok: the error is not nil, or n == len(p)
	}
	m, err := io.ReadFull(rd, p[n:])
	return n + m, err // ok: io.ReadFull fills the rest of p or fails
}
