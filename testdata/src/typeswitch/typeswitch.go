// Package typeswitch holds readers that inspect the dynamic type of a
// shared stream and call mutating methods on what they find.
package typeswitch

import (
	"io"
	"os"
	"sync"
)

// seekAnyway switches on its source's type and seeks whichever it is.
type seekAnyway struct {
	src io.Reader
}

func (r *seekAnyway) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*seekAnyway\)\.ReadAt seeks r\.src and reads from r\.src without holding a lock; io\.ReaderAt allows parallel calls$`
	switch s := r.src.(type) {
	case io.ReaderAt:
		return s.ReadAt(p, off)
	case *os.File:
		if _, err := s.Seek(off, io.SeekStart); err != nil {
			return 0, err
		}
	case io.Seeker:
		if _, err := s.Seek(off, io.SeekStart); err != nil {
			return 0, err
		}
	default:
		return 0, io.ErrNoProgress
	}
	return io.ReadFull(r.src, p)
}

// assertAtOnly asserts its source to io.ReaderAt and calls ReadAt only.
type assertAtOnly struct {
	src io.Reader
}

func (r *assertAtOnly) ReadAt(p []byte, off int64) (int, error) {
	if ra, ok := r.src.(io.ReaderAt); ok {
		return ra.ReadAt(p, off) // ok: io.ReaderAt
	}
	return 0, io.ErrNoProgress
}

// lockedSwitch seeks under its mutex.
type lockedSwitch struct {
	mu  sync.Mutex
	src io.Reader
}

func (r *lockedSwitch) ReadAt(p []byte, off int64) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch s := r.src.(type) {
	case io.Seeker:
		if _, err := s.Seek(off, io.SeekStart); err != nil { // ok: under r.mu
			return 0, err
		}
	default:
		return 0, io.ErrNoProgress
	}
	return io.ReadFull(r.src, p) // ok: under r.mu
}
