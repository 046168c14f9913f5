// Package seekread holds readers that implement ReadAt by seeking a file
// they share between calls and then reading from it.
package seekread

import (
	"bufio"
	"io"
	"os"
	"sync"
)

// seekThenRead seeks the shared file and reads with a direct Read call:
// a parallel call can move the offset between the two.
type seekThenRead struct {
	f *os.File
}

func (s *seekThenRead) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*seekThenRead\)\.ReadAt seeks s\.f and reads from s\.f without holding a lock; io\.ReaderAt allows parallel calls$`
	if _, err := s.f.Seek(off, io.SeekStart); err != nil {
		return 0, err
	}
	n, err := s.f.Read(p)
	if err == nil && n < len(p) {
		err = io.ErrUnexpectedEOF
	}
	return n, err
}

// seekThenReadFull is the same with io.ReadFull doing the reads: the
// mutation hides in another package, known through its fact, and the
// stream is a pointer to a concrete type passed as an io.Reader.
type seekThenReadFull struct {
	f *os.File
}

func (s *seekThenReadFull) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*seekThenReadFull\)\.ReadAt seeks s\.f and reads from s\.f without holding a lock; io\.ReaderAt allows parallel calls$`
	if _, err := s.f.Seek(off, io.SeekStart); err != nil {
		return 0, err
	}
	return io.ReadFull(s.f, p)
}

// bufferedFull reads a shared *bufio.Reader through io.ReadFull, so the
// buffer's position moves under parallel calls.
type bufferedFull struct {
	br *bufio.Reader
}

func (s *bufferedFull) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*bufferedFull\)\.ReadAt reads from s\.br without holding a lock; io\.ReaderAt allows parallel calls$`
	if off != 0 {
		return 0, io.ErrNoProgress
	}
	return io.ReadFull(s.br, p)
}

// lockedSeek holds its mutex across the seek and the read, so no other
// call can move the offset in between.
type lockedSeek struct {
	mu sync.Mutex
	f  *os.File
}

func (s *lockedSeek) ReadAt(p []byte, off int64) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.f.Seek(off, io.SeekStart); err != nil { // ok: under s.mu
		return 0, err
	}
	return io.ReadFull(s.f, p) // ok: under s.mu
}

// positional uses the file's own ReadAt, which never touches the offset.
type positional struct {
	f *os.File
}

func (s *positional) ReadAt(p []byte, off int64) (int, error) {
	return s.f.ReadAt(p, off) // ok: (*os.File).ReadAt is safe for parallel calls
}

// sizedFile learns its file's size by seeking to the end, and reads only
// with ReadAt, which ignores the offset: the seek changes nothing that a
// parallel call depends on.
type sizedFile struct {
	f *os.File
}

func (r *sizedFile) ReadAt(p []byte, off int64) (int, error) {
	size, err := r.f.Seek(0, io.SeekEnd) // ok: a size query on an *os.File
	if err != nil {
		return 0, err
	}
	if off >= size {
		return 0, io.EOF
	}
	return r.f.ReadAt(p, off)
}

// whereAmI asks its stream where it is, which moves nothing.
type whereAmI struct {
	src  io.ReadSeeker
	data io.ReaderAt
}

func (r *whereAmI) ReadAt(p []byte, off int64) (int, error) {
	if _, err := r.src.Seek(0, io.SeekCurrent); err != nil { // ok: a query
		return 0, err
	}
	return r.data.ReadAt(p, off)
}
