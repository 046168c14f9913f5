// Package contractinner holds ReadAt and WriteAt methods whose count comes
// from a call that fills its buffer or fails: the count is short only when
// that call's error is not passed on.
package contractinner

import (
	"errors"
	"io"
)

// offset shifts reads by a base and passes the inner result on.
type offset struct {
	ra   io.ReaderAt
	base int64
}

func (o offset) ReadAt(p []byte, off int64) (int, error) {
	return o.ra.ReadAt(p, o.base+off) // ok: the inner ReadAt's own result
}

// quiet drops the inner ReadAt's error.
type quiet struct {
	ra io.ReaderAt
}

func (q quiet) ReadAt(p []byte, off int64) (int, error) {
	n, _ := q.ra.ReadAt(p, off)
	return n, nil // want `^quiet\.ReadAt may return n < len\(p\) with a nil error: n comes from an inner ReadAt, whose error is dropped$`
}

// eofToNil turns the inner io.EOF into nil.
type eofToNil struct {
	ra io.ReaderAt
}

func (e eofToNil) ReadAt(p []byte, off int64) (int, error) {
	n, err := e.ra.ReadAt(p, off)
	if err == io.EOF {
		return n, nil // want `^eofToNil\.ReadAt may return n < len\(p\) with a nil error: n comes from an inner ReadAt, whose non-nil error is replaced by nil$`
	}
	return n, err // ok: the inner ReadAt's own error
}

// fullEOFToNil turns io.EOF into nil only with a full p, which
// io.ReaderAt allows either way.
type fullEOFToNil struct {
	ra io.ReaderAt
}

func (e fullEOFToNil) ReadAt(p []byte, off int64) (int, error) {
	n, err := e.ra.ReadAt(p, off)
	if errors.Is(err, io.EOF) && n == len(p) {
		return n, nil // ok: n == len(p) here
	}
	return n, err // ok: the inner ReadAt's own error
}

// readFull reads with io.ReadFull and maps its short-read error.
type readFull struct {
	open func(off int64) io.Reader
}

func (r readFull) ReadAt(p []byte, off int64) (int, error) {
	n, err := io.ReadFull(r.open(off), p)
	if err == io.ErrUnexpectedEOF {
		err = io.EOF
	}
	return n, err // ok: io.ReadFull fills p or fails
}

// atLeast asks io.ReadAtLeast for all of p.
type atLeast struct {
	open func(off int64) io.Reader
}

func (r atLeast) ReadAt(p []byte, off int64) (int, error) {
	return io.ReadAtLeast(r.open(off), p, len(p)) // ok: io.ReadAtLeast(len(p)) fills p or fails
}

// readFullDropped drops io.ReadFull's error.
type readFullDropped struct {
	open func(off int64) io.Reader
}

func (r readFullDropped) ReadAt(p []byte, off int64) (int, error) {
	n, _ := io.ReadFull(r.open(off), p)
	return n, nil // want `^readFullDropped\.ReadAt may return n < len\(p\) with a nil error: n comes from io\.ReadFull, whose error is dropped$`
}

// appender writes through a Writer, which io.Writer requires to fail
// when it writes less than asked.
type appender struct {
	at func(off int64) io.Writer
}

func (a appender) WriteAt(p []byte, off int64) (int, error) {
	return a.at(off).Write(p) // ok: io.Writer's Write fails when short
}

// shifted writes through an inner WriterAt and logs its error instead of
// returning it.
type shifted struct {
	wa   io.WriterAt
	base int64
}

func (s shifted) WriteAt(p []byte, off int64) (int, error) {
	n, err := s.wa.WriteAt(p, s.base+off)
	if err != nil {
		println("write failed:", err.Error())
	}
	return n, nil // want `^shifted\.WriteAt may return n < len\(p\) with a nil error: n comes from an inner WriteAt, whose non-nil error is replaced by nil$`
}

// marker records how far a layer has been read.
type marker interface {
	Mark(off int64) (int64, error)
}

// layered reads from its upper layer and then marks the lower layer past
// what it read. At the end of the upper layer, the Mark's error, usually
// nil, takes the place of io.EOF.
type layered struct {
	upper io.ReaderAt
	lower marker
}

func (l layered) ReadAt(p []byte, off int64) (int, error) {
	n, err := l.upper.ReadAt(p, off)
	if err == nil || err == io.EOF {
		_, err = l.lower.Mark(off + int64(n))
	}
	return n, err // want `^layered\.ReadAt may return n < len\(p\) with a nil error: n comes from an inner ReadAt, whose error is replaced by that of an inner Mark, which may be nil$`
}

// layeredKept marks only after a full read and keeps the inner error
// otherwise.
type layeredKept struct {
	upper io.ReaderAt
	lower marker
}

func (l layeredKept) ReadAt(p []byte, off int64) (int, error) {
	n, err := l.upper.ReadAt(p, off)
	if err == nil {
		_, err = l.lower.Mark(off + int64(n)) // ok: the inner read was full
	}
	return n, err
}

// markDropped drops the inner error and returns the Mark's.
type markDropped struct {
	upper io.ReaderAt
	lower marker
}

func (l markDropped) ReadAt(p []byte, off int64) (int, error) {
	n, _ := l.upper.ReadAt(p, off)
	_, err := l.lower.Mark(off + int64(n))
	return n, err // want `^markDropped\.ReadAt may return n < len\(p\) with a nil error: n comes from an inner ReadAt, whose error is replaced by that of an inner Mark, which may be nil$`
}
