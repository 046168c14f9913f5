package s3

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"sync"
)

// maxIdle bounds the bodies a Reader keeps open between reads. The SDK's
// multipart uploader keeps at most about ten sequential readers busy at once
// (five workers and their HTTP send goroutines), so sixteen leaves room for
// the bodies that wait at part boundaries for the next pass.
const maxIdle = 16

// ErrClosed is returned, possibly wrapped, by ReadAt calls made or still in
// flight after Close.
var ErrClosed = errors.New("s3: reader is closed")

// ReaderAtCloser is an io.ReaderAt that holds resources released by Close.
type ReaderAtCloser interface {
	io.ReaderAt
	io.Closer
}

// Reader is a ReaderAtCloser over a source that is read forward from an
// offset. It is safe for parallel use. See the package documentation for
// how it pools bodies and what it guarantees.
type Reader struct {
	open   func(offset int64) (io.ReadCloser, error)
	size   int64
	cancel func() // called once by Close; nil unless set by NewObject

	// mu guards the fields below. It is never held across a call to open,
	// Read or Close on a body.
	mu     sync.Mutex
	idle   []*stream // bodies waiting for a read, least recently used first
	closed bool
}

// stream is one open body. While a ReadAt holds it, it is in no pool and
// belongs to that call alone; in the pool, next is the offset of the byte
// its next Read returns.
type stream struct {
	body io.ReadCloser
	next int64
}

var _ ReaderAtCloser = (*Reader)(nil)

// New returns a Reader over size bytes that opens a body with open(off)
// whenever no pooled body is positioned at off. The body open returns must
// yield the source's bytes from off onwards. open may be called from several
// goroutines at once.
func New(open func(offset int64) (io.ReadCloser, error), size int64) *Reader {
	if size < 0 {
		panic(fmt.Sprintf("s3.New: negative size %d", size))
	}
	return &Reader{open: open, size: size}
}

// Size returns the number of bytes the Reader reads from.
func (r *Reader) Size() int64 {
	return r.size
}

// ReadAt reads len(p) bytes at offset off. It returns n == len(p) and a nil
// error, or a non-nil error: io.EOF when the read reaches the end of the
// object, the source's error, or ErrClosed. A body error met only after the
// last byte wanted, such as a checksum mismatch, and a Close during the
// read, fail the call even when p was filled. ReadAt is safe to call from
// several goroutines at once.
func (r *Reader) ReadAt(p []byte, off int64) (int, error) {
	// Answer what needs no body: a bad offset, a closed reader, the end.
	if off < 0 {
		return 0, fmt.Errorf("s3: read at negative offset %d", off)
	}
	if r.isClosed() {
		return 0, ErrClosed
	}
	if off >= r.size {
		return 0, io.EOF
	}

	// Trim the request to the object; a trimmed read that succeeds ends
	// with io.EOF, as the io.ReaderAt contract asks.
	want := p
	if rest := r.size - off; int64(len(p)) > rest {
		want = p[:rest]
	}
	if len(want) == 0 {
		return 0, nil
	}

	// Read from a body positioned at off, outside the lock.
	s, err := r.take(off)
	if err != nil {
		return 0, err
	}
	n, err := r.fill(s, want, off)
	if err != nil {
		return n, err
	}
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// isClosed reports whether Close has been called.
func (r *Reader) isClosed() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.closed
}

// take returns a stream whose next byte is at off, removing it from the
// pool, or opens a new one. The caller owns the stream until it calls
// release.
func (r *Reader) take(off int64) (*stream, error) {
	// Prefer a pooled body already at off: it costs no request.
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		return nil, ErrClosed
	}
	for i, s := range r.idle {
		if s.next == off {
			r.idle = slices.Delete(r.idle, i, i+1)
			r.mu.Unlock()
			return s, nil
		}
	}
	r.mu.Unlock()

	// Open a new body without the lock so that slow opens run in parallel.
	body, err := r.open(off)
	if err != nil {
		if r.isClosed() {
			return nil, fmt.Errorf("s3: open at offset %d: %w: %w", off, ErrClosed, err)
		}
		return nil, fmt.Errorf("s3: open at offset %d: %w", off, err)
	}

	// A Close that ran while the body was opening could not see it, so it
	// is this call's to close.
	if r.isClosed() {
		body.Close()
		return nil, ErrClosed
	}
	return &stream{body: body, next: off}, nil
}

// fill reads len(p) bytes from s, which starts at off, then hands s back
// with release. It returns the bytes read and the first error met.
func (r *Reader) fill(s *stream, p []byte, off int64) (int, error) {
	// The body is ours alone until release, so it is read without the lock.
	n, err := io.ReadFull(s.body, p)
	end := off + int64(n)
	if err != nil {
		err = fmt.Errorf("s3: read at offset %d: %w", end, err)
	}

	// At the end of the object, read on to the body's own end: the SDK
	// checks a response checksum only there, and its error must not be lost.
	if err == nil && end == r.size {
		if err = drain(s.body); err != nil {
			err = fmt.Errorf("s3: end of body at offset %d: %w", end, err)
		}
	}
	return n, r.release(s, end, err)
}

// drain reads one byte past the last one wanted and reports the body's
// error, if any. A body that goes on is not an error: a Reader may cover a
// prefix of its source.
func drain(body io.Reader) error {
	var one [1]byte
	_, err := io.ReadFull(body, one[:])
	if err == nil || err == io.EOF {
		return nil
	}
	return err
}

// release returns s, now positioned at next, to the pool, or closes it when
// the read failed, the object is exhausted or the Reader was closed
// meanwhile. It returns readErr, or an error wrapping ErrClosed when the
// Reader was closed during the read.
func (r *Reader) release(s *stream, next int64, readErr error) error {
	// Decide under the lock which body, if any, leaves the pool.
	var drop *stream
	r.mu.Lock()
	closed := r.closed
	if readErr != nil || closed || next >= r.size {
		drop = s
	} else {
		s.next = next
		r.idle = append(r.idle, s)
		if len(r.idle) > maxIdle {
			drop = r.idle[0]
			r.idle = slices.Delete(r.idle, 0, 1)
		}
	}
	r.mu.Unlock()

	// Close outside the lock; a close error matters only if nothing else
	// went wrong and the closed body was the one just read.
	var closeErr error
	if drop != nil {
		closeErr = drop.body.Close()
	}
	switch {
	case closed && readErr != nil:
		return fmt.Errorf("%w: %w", ErrClosed, readErr)
	case closed:
		return ErrClosed
	case readErr != nil:
		return readErr
	case drop == s && closeErr != nil:
		return fmt.Errorf("s3: close body: %w", closeErr)
	}
	return nil
}

// Close closes every pooled body and marks the Reader closed; later ReadAt
// calls return ErrClosed. Reads in flight finish with an error and close
// their own bodies; with NewObject their requests are cancelled too. Close
// is idempotent: calls after the first return nil.
func (r *Reader) Close() error {
	// Empty the pool under the lock, then close outside it.
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		return nil
	}
	r.closed = true
	idle := r.idle
	r.idle = nil
	r.mu.Unlock()

	// Cancel requests in flight before closing, so that reads blocked on the
	// network return now rather than when the server next sends.
	if r.cancel != nil {
		r.cancel()
	}
	var errs []error
	for _, s := range idle {
		if err := s.body.Close(); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
