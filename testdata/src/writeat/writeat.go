// Package writeat holds WriteAt methods: io.WriterAt allows parallel calls
// on disjoint ranges, so they must not share mutable state either. Storing
// p at [off, off+len(p)) of the receiver's own buffer is the method's job
// and is no race.
package writeat

import (
	"io"
	"os"
	"sync"
)

// sizeTracking writes through the file's WriteAt and tracks the size in
// a field.
type sizeTracking struct {
	f    *os.File
	size int64
}

func (w *sizeTracking) WriteAt(p []byte, off int64) (int, error) { // want `^\(\*sizeTracking\)\.WriteAt writes w\.size without holding a lock; io\.WriterAt allows parallel calls$`
	n, err := w.f.WriteAt(p, off)
	if end := off + int64(n); end > w.size {
		w.size = end
	}
	return n, err
}

// lockedTracking tracks the size under its mutex.
type lockedTracking struct {
	mu   sync.Mutex
	f    *os.File
	size int64
}

func (w *lockedTracking) WriteAt(p []byte, off int64) (int, error) {
	n, err := w.f.WriteAt(p, off)
	w.mu.Lock()
	defer w.mu.Unlock()
	if end := off + int64(n); end > w.size {
		w.size = end // ok: under w.mu
	}
	return n, err
}

// growingBuffer grows its buffer under its mutex.
type growingBuffer struct {
	mu   sync.Mutex
	buf  []byte
	size int64
}

func (w *growingBuffer) WriteAt(p []byte, off int64) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	end := off + int64(len(p))
	if end > int64(len(w.buf)) {
		grown := make([]byte, end)
		copy(grown, w.buf)
		w.buf = grown // ok: under w.mu
	}
	if end > w.size {
		w.size = end // ok: under w.mu
	}
	return copy(w.buf[off:], p), nil // ok: under w.mu
}

// seekWriter seeks a shared file and writes to it.
type seekWriter struct {
	f *os.File
}

func (w *seekWriter) WriteAt(p []byte, off int64) (int, error) { // want `^\(\*seekWriter\)\.WriteAt seeks w\.f and writes to w\.f without holding a lock; io\.WriterAt allows parallel calls$`
	if _, err := w.f.Seek(off, io.SeekStart); err != nil {
		return 0, err
	}
	return w.f.Write(p)
}

// positionalWriter uses os.File.WriteAt, safe for parallel calls.
type positionalWriter struct {
	f    *os.File
	base int64
}

func (w *positionalWriter) WriteAt(p []byte, off int64) (int, error) {
	return w.f.WriteAt(p, w.base+off) // ok: os.File.WriteAt
}

// bothWays is an io.ReaderAt and an io.WriterAt over one file, counting
// calls; each method is reported with its own interface.
type bothWays struct {
	f      *os.File
	writes int
	reads  int
}

func (b *bothWays) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*bothWays\)\.ReadAt writes b\.reads without holding a lock; io\.ReaderAt allows parallel calls$`
	b.reads++
	return b.f.ReadAt(p, off)
}

func (b *bothWays) WriteAt(p []byte, off int64) (int, error) { // want `^\(\*bothWays\)\.WriteAt writes b\.writes without holding a lock; io\.WriterAt allows parallel calls$`
	b.writes++
	return b.f.WriteAt(p, off)
}

// fixedBuffer writes into a buffer of fixed size: parallel calls touch
// disjoint ranges of it.
type fixedBuffer struct {
	buf []byte
}

func (w *fixedBuffer) WriteAt(p []byte, off int64) (int, error) {
	if off < 0 || off+int64(len(p)) > int64(len(w.buf)) {
		return 0, io.ErrShortWrite
	}
	return copy(w.buf[off:], p), nil // ok: the range the caller owns
}

// sliceWriter is a named byte slice with a value receiver, the shape of
// azblob's bytesWriter.
type sliceWriter []byte

func (w sliceWriter) WriteAt(p []byte, off int64) (int, error) {
	if off < 0 || off >= int64(len(w)) {
		return 0, io.ErrShortWrite
	}
	n := copy(w[off:], p) // ok: the range the caller owns
	if n < len(p) {
		return n, io.ErrShortWrite
	}
	return n, nil
}

// byteByByte stores the same bytes one element at a time.
type byteByByte struct {
	buf []byte
}

func (w *byteByByte) WriteAt(p []byte, off int64) (int, error) {
	if off < 0 || off+int64(len(p)) > int64(len(w.buf)) {
		return 0, io.ErrShortWrite
	}
	for i, c := range p {
		w.buf[off+int64(i)] = c // ok: the range the caller owns
	}
	return len(p), nil
}

// unlockedGrowth grows its buffer with no lock: the reallocation and the
// size are races, the copy into the range it was given is not.
type unlockedGrowth struct {
	buf  []byte
	size int64
}

func (w *unlockedGrowth) WriteAt(p []byte, off int64) (int, error) { // want `^\(\*unlockedGrowth\)\.WriteAt writes w\.buf and w\.size without holding a lock; io\.WriterAt allows parallel calls$`
	end := off + int64(len(p))
	if end > int64(len(w.buf)) {
		grown := make([]byte, end)
		copy(grown, w.buf)
		w.buf = grown
	}
	if end > w.size {
		w.size = end
	}
	return copy(w.buf[off:], p), nil
}
