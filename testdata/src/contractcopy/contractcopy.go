// Package contractcopy holds ReadAt and WriteAt methods that copy between
// p and a slice that may be shorter.
package contractcopy

import (
	"errors"
	"io"
	"sync"
)

var errOffset = errors.New("negative offset")

// tail copies from the tail of its data and returns nil even when the
// tail is shorter than p.
type tail struct {
	data []byte
}

func (t *tail) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, errOffset
	}
	if off >= int64(len(t.data)) {
		return 0, io.EOF
	}
	return copy(p, t.data[off:]), nil // want `^\(\*tail\)\.ReadAt may return a count < len\(p\) with a nil error: the count comes from copy, and its source may be shorter than p$`
}

// checkedTail compares the count with len(p), as bytes.Reader does.
type checkedTail struct {
	data []byte
}

func (t *checkedTail) ReadAt(p []byte, off int64) (n int, err error) {
	if off < 0 {
		return 0, errOffset
	}
	if off >= int64(len(t.data)) {
		return 0, io.EOF
	}
	n = copy(p, t.data[off:])
	if n < len(p) {
		err = io.EOF
	}
	return // ok: err is io.EOF whenever n < len(p)
}

// boundedTail shows the source long enough before copying.
type boundedTail struct {
	data []byte
}

func (t *boundedTail) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, errOffset
	}
	if int64(len(t.data))-off < int64(len(p)) {
		n := 0
		if off < int64(len(t.data)) {
			n = copy(p, t.data[off:])
		}
		return n, io.EOF // ok: the error is not nil
	}
	return copy(p, t.data[off:]), nil // ok: the source is at least len(p) long
}

// exactSlice copies from a slice of exactly len(p) bytes.
type exactSlice struct {
	data []byte
}

func (t exactSlice) ReadAt(p []byte, off int64) (int, error) {
	end := off + int64(len(p))
	if off < 0 || end > int64(len(t.data)) {
		return 0, io.EOF
	}
	return copy(p, t.data[off:end]), nil // ok: the source is t.data[off:off+len(p)]
}

// fixedBuf writes into a buffer that never grows, and drops what falls
// past its end.
type fixedBuf struct {
	mu  sync.Mutex
	buf []byte
}

func (w *fixedBuf) WriteAt(p []byte, off int64) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if off < 0 || off > int64(len(w.buf)) {
		return 0, errOffset
	}
	return copy(w.buf[off:], p), nil // want `^\(\*fixedBuf\)\.WriteAt may return a count < len\(p\) with a nil error: the count comes from copy, and its destination may be shorter than p$`
}

// growingBuf grows its buffer to hold all of p first.
type growingBuf struct {
	mu  sync.Mutex
	buf []byte
}

func (w *growingBuf) WriteAt(p []byte, off int64) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if off < 0 {
		return 0, errOffset
	}
	end := off + int64(len(p))
	if end > int64(len(w.buf)) {
		grown := make([]byte, end)
		copy(grown, w.buf)
		w.buf = grown
	}
	return copy(w.buf[off:], p), nil // ok: the destination holds all of p
}

// section trims p to its limit and reads the trimmed part from the
// underlying ReaderAt, passing a nil error on although p was cut.
type section struct {
	ra    io.ReaderAt
	limit int64
}

func (s section) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 || off >= s.limit {
		return 0, io.EOF
	}
	if max := s.limit - off; int64(len(p)) > max {
		return s.ra.ReadAt(p[:max], off) // want `^section\.ReadAt may return a count < len\(p\) with a nil error: the count comes from an inner ReadAt on a prefix of p that is shorter than p$`
	}
	return s.ra.ReadAt(p, off) // ok: the inner ReadAt's own result
}

// eofSection is io.SectionReader's way: a trimmed read that succeeds
// ends with io.EOF.
type eofSection struct {
	ra    io.ReaderAt
	limit int64
}

func (s eofSection) ReadAt(p []byte, off int64) (n int, err error) {
	if off < 0 || off >= s.limit {
		return 0, io.EOF
	}
	if max := s.limit - off; int64(len(p)) > max {
		p = p[0:max]
		n, err = s.ra.ReadAt(p, off)
		if err == nil {
			err = io.EOF
		}
		return n, err // ok: the error is not nil
	}
	return s.ra.ReadAt(p, off) // ok: the inner ReadAt's own result
}

// window keeps a window on its data and copies out of it when the whole
// request falls inside; how n relates to len(w.buf) is beyond the check.
type window struct {
	start int64
	n     int
	buf   []byte
}

func (w *window) ReadAt(p []byte, off int64) (int, error) {
	if off < w.start || off+int64(len(p)) > w.start+int64(w.n) {
		return 0, io.ErrUnexpectedEOF
	}
	return copy(p, w.buf[off-w.start:]), nil // ok: undecided, p is bounded by w.n, not by len(w.buf)
}

// blocks reads whole blocks and copies the wanted part. Its first test
// lets a nil error through only with n > 0, the second makes any nil
// error io.EOF on the short side: a path that takes "err == nil" in one
// and "err != nil" in the other does not exist.
type blocks struct {
	ra   io.ReaderAt
	size int64
}

func (b blocks) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 || off >= b.size {
		return 0, io.EOF
	}
	start := off - off%512
	buf := make([]byte, 4096)
	n, err := b.ra.ReadAt(buf, start)
	if n == 0 && err != nil {
		return 0, err
	}
	if off-start >= int64(n) {
		return 0, io.EOF
	}
	m := copy(p, buf[off-start:n])
	if m < len(p) {
		if err == nil {
			err = io.EOF
		}
		return m, err // ok: err is not nil here, on every path that exists
	}
	return m, nil // ok: m >= len(p) here
}

// appendGrown grows its buffer by appending the zeros it lacks.
type appendGrown struct {
	mu  sync.Mutex
	buf []byte
}

func (w *appendGrown) WriteAt(p []byte, off int64) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if need := off + int64(len(p)) - int64(len(w.buf)); need > 0 {
		w.buf = append(w.buf, make([]byte, need)...)
	}
	return copy(w.buf[off:], p), nil // ok: the destination holds all of p
}

// appendShort appends one zero too few when it grows.
type appendShort struct {
	mu  sync.Mutex
	buf []byte
}

func (w *appendShort) WriteAt(p []byte, off int64) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if need := off + int64(len(p)) - int64(len(w.buf)); need > 0 {
		w.buf = append(w.buf, make([]byte, need-1)...)
	}
	return copy(w.buf[off:], p), nil // want `^\(\*appendShort\)\.WriteAt may return a count < len\(p\) with a nil error: the count comes from copy, and its destination may be shorter than p$`
}

// helperGrown grows its buffer in a method of its own: what the helper
// guarantees is beyond a check of one method, so the copy is left
// undecided (here the helper is right).
type helperGrown struct {
	mu  sync.Mutex
	buf []byte
}

// grow extends the buffer to n bytes.
func (w *helperGrown) grow(n int64) {
	if n > int64(len(w.buf)) {
		w.buf = append(w.buf, make([]byte, n-int64(len(w.buf)))...)
	}
}

func (w *helperGrown) WriteAt(p []byte, off int64) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.grow(off + int64(len(p)))
	return copy(w.buf[off:], p), nil
}

// endMarked sets io.EOF when the copy reaches the end of its data: a
// copy that stops short of the end stopped because p was full.
type endMarked struct {
	data []byte
}

func (r *endMarked) ReadAt(p []byte, off int64) (n int, err error) {
	if off >= int64(len(r.data)) {
		return 0, io.EOF
	}
	n = copy(p, r.data[off:])
	if off+int64(n) == int64(len(r.data)) {
		err = io.EOF
	}
	return // ok: nil only when the copy stopped before the end of the data
}

// beforeEnd returns nil while the copy ends before the end of its data.
type beforeEnd struct {
	data []byte
}

func (r *beforeEnd) ReadAt(p []byte, off int64) (int, error) {
	if off >= int64(len(r.data)) {
		return 0, io.EOF
	}
	n := copy(p, r.data[off:])
	if off+int64(n) < int64(len(r.data)) {
		return n, nil // ok: the data had more, so p is full
	}
	return n, io.EOF
}

// pastEnd tests for a copy past the end of its data, which cannot
// happen, and so returns nil when the copy ends at the end of the data,
// short of p.
type pastEnd struct {
	data []byte
}

func (r *pastEnd) ReadAt(p []byte, off int64) (int, error) {
	if off >= int64(len(r.data)) {
		return 0, io.EOF
	}
	n := copy(p, r.data[off:])
	if off+int64(n) > int64(len(r.data)) {
		return n, io.EOF
	}
	return n, nil // want `^\(\*pastEnd\)\.ReadAt may return n < len\(p\) with a nil error: n comes from copy, and its source may be shorter than p$`
}

// blockStore is a growable store reached through accessors.
type blockStore struct{ mem []byte }

func (s *blockStore) bytes() []byte { return s.mem }
func (s *blockStore) size() int     { return len(s.mem) }

// ensure grows the store to at least n bytes.
func (s *blockStore) ensure(n int) {
	if n > len(s.mem) {
		grown := make([]byte, n)
		copy(grown, s.mem)
		s.mem = grown
	}
}

// accessorSized grows its store through the store's methods when the
// write would not fit, then copies into the store's bytes: how long they
// are is the accessors' business, so the copy is left undecided.
type accessorSized struct {
	mu sync.Mutex
	st *blockStore
}

func (w *accessorSized) WriteAt(p []byte, off int64) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	end := int(off) + len(p)
	if end > w.st.size() {
		w.st.ensure(end)
	}
	return copy(w.st.bytes()[off:], p), nil
}

// readOnlyHelper calls a method that only reads its data before the
// copy: the copy may still come up short.
type readOnlyHelper struct {
	data []byte
}

func (r *readOnlyHelper) size() int64 { return int64(len(r.data)) }

func (r *readOnlyHelper) ReadAt(p []byte, off int64) (int, error) {
	if off >= r.size() {
		return 0, io.EOF
	}
	return copy(p, r.data[off:]), nil // want `^\(\*readOnlyHelper\)\.ReadAt may return a count < len\(p\) with a nil error: the count comes from copy, and its source may be shorter than p$`
}
