// Package s3cache is a small example written like the S3 cache readers
// that readeratcheck was made for: it keeps one open GET body and reopens
// it whenever a ReadAt asks for another offset, with no lock. Fed to the
// AWS multipart uploader, which reads parts in parallel, it races.
//
// Run readeratcheck on it from this directory:
//
//	readeratcheck ./...
//	readeratcheck -fix -diff ./...
package s3cache

import "io"

// ReaderAtCloser is what the cache hands to the uploader.
type ReaderAtCloser interface {
	io.ReaderAt
	io.Closer
}

// bodyReader reads an object through ranged GETs: open(off) returns a
// body that starts at off.
type bodyReader struct {
	offset int64
	body   io.ReadCloser
	open   func(off int64) (io.ReadCloser, error)
	closed bool
}

// New returns a ReaderAtCloser over the bodies that open returns.
func New(open func(off int64) (io.ReadCloser, error)) ReaderAtCloser {
	return &bodyReader{open: open}
}

func (r *bodyReader) ReadAt(p []byte, off int64) (n int, err error) {
	if r.closed {
		return 0, io.EOF
	}
	if r.body == nil || off != r.offset {
		if r.body != nil {
			r.body.Close()
			r.body = nil
		}
		body, err := r.open(off)
		if err != nil {
			return 0, err
		}
		r.body = body
	}
	for {
		var nn int
		nn, err = r.body.Read(p)
		n += nn
		p = p[nn:]
		if nn == len(p) || err != nil {
			break
		}
	}
	r.offset += int64(n)
	return n, err
}

func (r *bodyReader) Close() error {
	r.closed = true
	if r.body != nil {
		return r.body.Close()
	}
	return nil
}
