// Package unsafeptr holds readers that write shared state through
// unsafe.Pointer conversions.
package unsafeptr

import (
	"io"
	"sync"
	"sync/atomic"
	"unsafe"
)

// convertedStore stores through a pointer converted by unsafe.Pointer.
type convertedStore struct {
	src  io.ReaderAt
	last uint64
}

func (r *convertedStore) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*convertedStore\)\.ReadAt writes r\.last without holding a lock; io\.ReaderAt allows parallel calls$`
	*(*int64)(unsafe.Pointer(&r.last)) = off
	return r.src.ReadAt(p, off)
}

// convertedAtomic stores atomically through the converted pointer.
type convertedAtomic struct {
	src  io.ReaderAt
	last uint64
}

func (r *convertedAtomic) ReadAt(p []byte, off int64) (int, error) {
	atomic.StoreInt64((*int64)(unsafe.Pointer(&r.last)), off) // ok: atomic
	return r.src.ReadAt(p, off)
}

// lockedConverted stores through the converted pointer under its mutex.
type lockedConverted struct {
	mu   sync.Mutex
	src  io.ReaderAt
	last uint64
}

func (r *lockedConverted) ReadAt(p []byte, off int64) (int, error) {
	r.mu.Lock()
	*(*int64)(unsafe.Pointer(&r.last)) = off // ok: under r.mu
	r.mu.Unlock()
	return r.src.ReadAt(p, off)
}
