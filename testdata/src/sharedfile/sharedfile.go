// Package sharedfile holds handles that share one file: the state of each
// handle is guarded by the mutex of the file it points to.
package sharedfile

import (
	"io"
	"sync"
)

// file is shared by all its handles.
type file struct {
	mu    sync.Mutex
	data  []byte
	reads int
}

// handle records its last offset under the shared file's mutex.
type handle struct {
	f    *file
	last int64
}

func (h *handle) ReadAt(p []byte, off int64) (int, error) {
	h.f.mu.Lock()
	defer h.f.mu.Unlock()
	h.last = off // ok: under h.f.mu
	h.f.reads++  // ok: under h.f.mu
	return readFrom(h.f.data, p, off)
}

// sloppyHandle counts on the shared file with no lock.
type sloppyHandle struct {
	f    *file
	last int64
}

func (h *sloppyHandle) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*sloppyHandle\)\.ReadAt writes h\.f\.reads without holding a lock; io\.ReaderAt allows parallel calls; no fix: h\.f\.reads belongs to the object h\.f points to, which has its own mutex h\.f\.mu: hold that one$`
	h.f.reads++
	h.f.mu.Lock()
	h.last = off // ok: under h.f.mu
	h.f.mu.Unlock()
	return readFrom(h.f.data, p, off)
}

// fileOf is a handle reached through two pointers; it locks the file
// through a helper of the file type.
type fileOf struct {
	dir  *directory
	last int64
}

// directory points to a shared file.
type directory struct {
	f *file
}

// lock locks the file.
func (f *file) lock() { f.mu.Lock() }

// unlock unlocks the file.
func (f *file) unlock() { f.mu.Unlock() }

func (h *fileOf) ReadAt(p []byte, off int64) (int, error) {
	h.dir.f.lock()
	defer h.dir.f.unlock()
	h.last = off // ok: under h.dir.f.mu
	return readFrom(h.dir.f.data, p, off)
}

// readFrom copies from data at off into p and keeps the io.ReaderAt
// contract on short reads.
func readFrom(data, p []byte, off int64) (int, error) {
	if off >= int64(len(data)) {
		return 0, io.EOF
	}
	n := copy(p, data[off:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}
