// Package contractread holds ReadAt methods that hand back what one Read
// returned: io.Reader may stop short with a nil error, io.ReaderAt may not.
package contractread

import (
	"io"
	"sync"
)

// section reads through a fresh io.SectionReader and returns its single
// Read.
type section struct {
	ra   io.ReaderAt
	size int64
}

func (s *section) ReadAt(p []byte, off int64) (int, error) {
	rd := io.NewSectionReader(s.ra, off, s.size-off)
	return rd.Read(p) // want `^\(\*section\)\.ReadAt may return a count < len\(p\) with a nil error: the count comes from a single Read, which may return less than asked$`
}

// fullSection is the same with io.ReadFull, whose io.ErrUnexpectedEOF
// becomes the io.EOF io.ReaderAt callers expect.
type fullSection struct {
	ra   io.ReaderAt
	size int64
}

func (s *fullSection) ReadAt(p []byte, off int64) (int, error) {
	rd := io.NewSectionReader(s.ra, off, s.size-off)
	n, err := io.ReadFull(rd, p)
	if err == io.ErrUnexpectedEOF {
		err = io.EOF
	}
	return n, err // ok: io.ReadFull fills p or fails
}

// opener opens a body at the offset and returns one Read from it, its
// error checked but a nil error passed on with whatever count came.
type opener struct {
	open func(off int64) (io.Reader, error)
}

func (o *opener) ReadAt(b []byte, off int64) (int, error) {
	body, err := o.open(off)
	if err != nil {
		return 0, err
	}
	n, err := body.Read(b)
	if err != nil {
		return n, err // ok: the error is not nil
	}
	return n, nil // want `^\(\*opener\)\.ReadAt may return n < len\(b\) with a nil error: n comes from a single Read, which may return less than asked$`
}

// checkedOpener compares the count with len(b) and sets an error on the
// short side.
type checkedOpener struct {
	open func(off int64) (io.Reader, error)
}

func (o *checkedOpener) ReadAt(b []byte, off int64) (int, error) {
	body, err := o.open(off)
	if err != nil {
		return 0, err
	}
	n, err := body.Read(b)
	if err != nil {
		return n, err // ok: the error is not nil
	}
	if n < len(b) {
		return n, io.ErrUnexpectedEOF // ok: the error is not nil
	}
	return n, nil // ok: n >= len(b) here
}

// fullOpener is opener as the fix leaves it: io.ReadFull, whose
// io.ErrUnexpectedEOF becomes io.EOF before the error is tested.
type fullOpener struct {
	open func(off int64) (io.Reader, error)
}

func (o *fullOpener) ReadAt(b []byte, off int64) (int, error) {
	body, err := o.open(off)
	if err != nil {
		return 0, err
	}
	n, err := io.ReadFull(body, b)
	if err == io.ErrUnexpectedEOF {
		err = io.EOF
	}
	if err != nil {
		return n, err // ok: the error is not nil
	}
	return n, nil // ok: io.ReadFull's error was nil, so n == len(b)
}

// lockedBody keeps one body under its mutex and reads it once; its named
// results live in memory because of the deferred unlock.
type lockedBody struct {
	mu   sync.Mutex
	body io.ReadSeeker
}

func (l *lockedBody) ReadAt(p []byte, off int64) (n int, err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, err = l.body.Seek(off, io.SeekStart); err != nil {
		return 0, err
	}
	n, err = l.body.Read(p)
	return // want `^\(\*lockedBody\)\.ReadAt may return n < len\(p\) with a nil error: n comes from a single Read, which may return less than asked$`
}

// lockedFullBody is the same with io.ReadFull.
type lockedFullBody struct {
	mu   sync.Mutex
	body io.ReadSeeker
}

func (l *lockedFullBody) ReadAt(p []byte, off int64) (n int, err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, err = l.body.Seek(off, io.SeekStart); err != nil {
		return 0, err
	}
	n, err = io.ReadFull(l.body, p)
	if err == io.ErrUnexpectedEOF {
		err = io.EOF
	}
	return // ok: io.ReadFull fills p or fails
}

// dropped ignores the Read's error altogether: no fix is mechanical.
type dropped struct {
	ra io.ReaderAt
}

func (d dropped) ReadAt(p []byte, off int64) (int, error) {
	n, _ := io.NewSectionReader(d.ra, off, 1<<62).Read(p)
	return n, nil // want `^dropped\.ReadAt may return n < len\(p\) with a nil error: n comes from a single Read, which may return less than asked$`
}

// retried reads once per attempt and returns the first attempt without
// an error, whatever its count; the Read sits in a loop, so no fix.
type retried struct {
	open func(off int64) io.Reader
}

func (r *retried) ReadAt(p []byte, off int64) (n int, err error) {
	for range 3 {
		n, err = r.open(off).Read(p)
		if err == nil {
			return n, nil // want `^\(\*retried\)\.ReadAt may return n < len\(p\) with a nil error: n comes from a single Read, which may return less than asked$`
		}
	}
	return n, err
}
