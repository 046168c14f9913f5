// Package safecalls holds readers that only call methods documented as
// safe for parallel use: os.File.ReadAt and the ReadAt of an io.ReaderAt.
package safecalls

import (
	"io"
	"os"
)

// fileSection reads through os.File.ReadAt, which does not move the file
// offset.
type fileSection struct {
	f    *os.File
	base int64
	size int64
}

func (s *fileSection) ReadAt(p []byte, off int64) (int, error) {
	if off >= s.size {
		return 0, io.EOF
	}
	return s.f.ReadAt(p, s.base+off) // ok: os.File.ReadAt
}

// readerAtField reads through an io.ReaderAt field, whose contract allows
// parallel calls.
type readerAtField struct {
	src io.ReaderAt
}

func (s readerAtField) ReadAt(p []byte, off int64) (int, error) {
	return s.src.ReadAt(p, off) // ok: io.ReaderAt
}

// writerAtField writes through an io.WriterAt field.
type writerAtField struct {
	dst io.WriterAt
}

func (s *writerAtField) WriteAt(p []byte, off int64) (int, error) {
	return s.dst.WriteAt(p, off) // ok: io.WriterAt
}

// sectionOf builds an io.SectionReader on each call: a fresh reader over
// a shared io.ReaderAt.
type sectionOf struct {
	src io.ReaderAt
}

func (s *sectionOf) ReadAt(p []byte, off int64) (int, error) {
	sr := io.NewSectionReader(s.src, off, int64(len(p)))
	return io.ReadFull(sr, p) // ok: a reader made in this call
}

// fileRead uses Read on the shared file instead: that moves its offset.
type fileRead struct {
	f *os.File
}

func (s *fileRead) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*fileRead\)\.ReadAt reads from s\.f without holding a lock; io\.ReaderAt allows parallel calls$`
	if off != 0 {
		return 0, io.ErrNoProgress
	}
	n, err := s.f.Read(p)
	if err == nil && n < len(p) {
		err = io.ErrUnexpectedEOF
	}
	return n, err
}
