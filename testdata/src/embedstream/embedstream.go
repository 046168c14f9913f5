// Package embedstream holds readers whose stream is an embedded
// io.ReadSeeker, used through its promoted Seek and Read methods.
package embedstream

import (
	"io"
	"sync"
)

// section has a value receiver, but the stream embedded in it is shared
// by every copy: seeking it and then reading races with other calls.
type section struct {
	io.ReadSeeker
}

func (s section) ReadAt(p []byte, off int64) (int, error) { // want `^section\.ReadAt seeks s\.ReadSeeker and reads from s\.ReadSeeker without holding a lock; io\.ReaderAt allows parallel calls; no fix: section has methods with value receivers \(ReadAt\), which would copy the mutex$`
	if _, err := s.Seek(off, io.SeekStart); err != nil {
		return 0, err
	}
	n := 0
	for n < len(p) {
		m, err := s.Read(p[n:])
		n += m
		if err != nil {
			if err == io.EOF && n == len(p) {
				err = nil
			}
			return n, err
		}
	}
	return n, nil
}

// ptrSection is the same design with a pointer receiver.
type ptrSection struct {
	io.ReadSeeker
}

func (s *ptrSection) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*ptrSection\)\.ReadAt seeks s\.ReadSeeker and reads from s\.ReadSeeker without holding a lock; io\.ReaderAt allows parallel calls$`
	if _, err := s.Seek(off, io.SeekStart); err != nil {
		return 0, err
	}
	return io.ReadFull(s.ReadSeeker, p)
}

// guardedSection holds a pointer to a mutex shared by all its copies, so
// the value receiver still serialises the seek and the read.
type guardedSection struct {
	io.ReadSeeker
	mu *sync.Mutex
}

func (s guardedSection) ReadAt(p []byte, off int64) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.Seek(off, io.SeekStart); err != nil { // ok: under *s.mu
		return 0, err
	}
	return io.ReadFull(s.ReadSeeker, p) // ok: under *s.mu
}
