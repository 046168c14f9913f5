// Package bodycache holds readers that cache an open body and reopen it
// when the offset changes, the shape of an S3 cache reader fed to the AWS
// multipart uploader.
package bodycache

import (
	"io"
	"sync"
)

// reopener keeps one body open and reopens it at each new offset, with no
// lock: parallel ReadAt calls race on rc and offset.
type reopener struct {
	offset int64
	rc     io.ReadCloser
	open   func(offset int64) (io.ReadCloser, error)
	closed bool
}

func (r *reopener) ReadAt(p []byte, off int64) (n int, err error) { // want `^\(\*reopener\)\.ReadAt closes r\.rc, writes r\.rc and r\.offset, and reads from r\.rc without holding a lock; io\.ReaderAt allows parallel calls$`
	if r.closed {
		return 0, io.EOF
	}
	if r.rc == nil || off != r.offset {
		if r.rc != nil {
			r.rc.Close()
			r.rc = nil
		}
		rc, err := r.open(off)
		if err != nil {
			return 0, err
		}
		r.rc = rc
		r.offset = off
	}
	n, err = io.ReadFull(r.rc, p)
	if err == io.ErrUnexpectedEOF {
		err = io.EOF
	}
	r.offset += int64(n)
	return n, err
}

func (r *reopener) Close() error {
	r.closed = true
	if r.rc != nil {
		return r.rc.Close()
	}
	return nil
}

// lockedReopener is the same design with a mutex held for the whole call.
type lockedReopener struct {
	mu     sync.Mutex
	offset int64
	rc     io.ReadCloser
	open   func(offset int64) (io.ReadCloser, error)
}

func (r *lockedReopener) ReadAt(p []byte, off int64) (n int, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()

	if r.rc == nil || off != r.offset {
		if r.rc != nil {
			r.rc.Close()
			r.rc = nil
		}
		rc, err := r.open(off)
		if err != nil {
			return 0, err
		}
		r.rc = rc
		r.offset = off
	}
	n, err = io.ReadFull(r.rc, p)
	if err == io.ErrUnexpectedEOF {
		err = io.EOF
	}
	r.offset += int64(n)
	return n, err
}
