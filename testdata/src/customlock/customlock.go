// Package customlock holds readers guarded by mutexes that are not the
// sync package's: a deadlock-detecting replacement from another package
// and a spin lock of the package's own. A type with Lock and Unlock
// methods is a lock, whatever its body looks like.
package customlock

import (
	"io"
	"runtime"
	"sync/atomic"
	"syscall"

	"customlock/deadlock"
	"customlock/flock"
)

// guarded seeks and reads its stream under a replacement mutex.
type guarded struct {
	mu  deadlock.Mutex
	src io.ReadSeeker
	pos int64
}

func (r *guarded) ReadAt(p []byte, off int64) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, err := r.src.Seek(off, io.SeekStart); err != nil {
		return 0, err
	}
	n, err := io.ReadFull(r.src, p)
	r.pos = off + int64(n)
	if err == io.ErrUnexpectedEOF {
		err = io.EOF
	}
	return n, err
}

// guardedByPointer holds its replacement mutex through a pointer.
type guardedByPointer struct {
	mu    *deadlock.Mutex
	src   io.ReaderAt
	reads int
}

func (r *guardedByPointer) ReadAt(p []byte, off int64) (int, error) {
	r.mu.Lock()
	r.reads++
	r.mu.Unlock()
	return r.src.ReadAt(p, off)
}

// spin is a lock of the package's own, built on an atomic flag.
type spin struct{ held atomic.Bool }

// Lock spins until it takes the flag.
func (s *spin) Lock() {
	for !s.held.CompareAndSwap(false, true) {
		runtime.Gosched()
	}
}

// Unlock drops the flag.
func (s *spin) Unlock() { s.held.Store(false) }

// spinGuarded counts its reads under the spin lock.
type spinGuarded struct {
	lock  spin
	src   io.ReaderAt
	reads int
}

func (r *spinGuarded) ReadAt(p []byte, off int64) (int, error) {
	r.lock.Lock()
	r.reads++
	r.lock.Unlock()
	return r.src.ReadAt(p, off)
}

// countAfterUnlock counts once the replacement mutex is released.
type countAfterUnlock struct {
	mu    deadlock.Mutex
	src   io.ReaderAt
	reads int
}

func (r *countAfterUnlock) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*countAfterUnlock\)\.ReadAt writes r\.reads without holding a lock; io\.ReaderAt allows parallel calls$`
	r.mu.Lock()
	n, err := r.src.ReadAt(p, off)
	r.mu.Unlock()
	r.reads++
	return n, err
}

// countUnderReadLock counts while holding the replacement's read lock,
// which other readers hold at the same time.
type countUnderReadLock struct {
	mu    deadlock.RWMutex
	src   io.ReaderAt
	reads int
}

func (r *countUnderReadLock) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*countUnderReadLock\)\.ReadAt writes r\.reads while holding only the read lock of r\.mu; io\.ReaderAt allows parallel calls$`
	r.mu.RLock()
	defer r.mu.RUnlock()
	r.reads++
	return r.src.ReadAt(p, off)
}

// fileLock locks a file for other processes: it excludes nothing in
// this one, whatever its Lock and Unlock are called.
type fileLock struct{ fd int }

// Lock takes the file lock.
func (l *fileLock) Lock() { _ = syscall.Flock(l.fd, syscall.LOCK_EX) }

// Unlock releases it.
func (l *fileLock) Unlock() { _ = syscall.Flock(l.fd, syscall.LOCK_UN) }

// fileLocked counts its reads under the file lock only.
type fileLocked struct {
	lock  fileLock
	src   io.ReaderAt
	reads int
}

func (r *fileLocked) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*fileLocked\)\.ReadAt writes r\.reads without holding a lock; io\.ReaderAt allows parallel calls$`
	r.lock.Lock()
	r.reads++
	r.lock.Unlock()
	return r.src.ReadAt(p, off)
}

// otherFileLocked counts its reads under a file lock of another package.
type otherFileLocked struct {
	lock  flock.Lock
	src   io.ReaderAt
	reads int
}

func (r *otherFileLocked) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*otherFileLocked\)\.ReadAt writes r\.reads without holding a lock; io\.ReaderAt allows parallel calls$`
	r.lock.Lock()
	r.reads++
	r.lock.Unlock()
	return r.src.ReadAt(p, off)
}
