// Package window holds readers that serve reads from a window buffer that
// a helper refills from the underlying source.
package window

import (
	"io"
	"sync"
)

// refilled keeps a window of the source in buf and refills it through a
// helper whenever a read falls outside it.
type refilled struct {
	src   io.ReaderAt
	buf   []byte
	start int64
	n     int
}

// fill loads the window that starts at off.
func (w *refilled) fill(off int64) error {
	n, err := w.src.ReadAt(w.buf, off)
	w.start = off
	w.n = n
	if err == io.EOF && n > 0 {
		err = nil
	}
	return err
}

func (w *refilled) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*refilled\)\.ReadAt reads into w\.buf, and writes w\.start and w\.n without holding a lock; io\.ReaderAt allows parallel calls$`
	if off < w.start || off+int64(len(p)) > w.start+int64(w.n) {
		if err := w.fill(off); err != nil {
			return 0, err
		}
	}
	if off+int64(len(p)) > w.start+int64(w.n) {
		return 0, io.ErrUnexpectedEOF
	}
	return copy(p, w.buf[off-w.start:]), nil
}

// lockedWindow refills the same way, holding its mutex for the whole call.
type lockedWindow struct {
	mu    sync.Mutex
	src   io.ReaderAt
	buf   []byte
	start int64
	n     int
}

// fill loads the window that starts at off; the caller holds w.mu.
func (w *lockedWindow) fill(off int64) error {
	n, err := w.src.ReadAt(w.buf, off) // ok: callers hold w.mu
	w.start = off                      // ok: callers hold w.mu
	w.n = n                            // ok: callers hold w.mu
	if err == io.EOF && n > 0 {
		err = nil
	}
	return err
}

func (w *lockedWindow) ReadAt(p []byte, off int64) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if off < w.start || off+int64(len(p)) > w.start+int64(w.n) {
		if err := w.fill(off); err != nil {
			return 0, err
		}
	}
	if off+int64(len(p)) > w.start+int64(w.n) {
		return 0, io.ErrUnexpectedEOF
	}
	return copy(p, w.buf[off-w.start:]), nil
}
