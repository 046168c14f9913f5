// Package locker holds readers that lock through sync.Locker values, an
// embedded *sync.Mutex, a mutex a helper returns, and a copy of a mutex.
package locker

import (
	"io"
	"sync"
)

// lockerField locks a sync.Locker held in a field.
type lockerField struct {
	l     sync.Locker
	src   io.ReaderAt
	reads int
}

func (r *lockerField) ReadAt(p []byte, off int64) (int, error) {
	r.l.Lock()
	defer r.l.Unlock()
	r.reads++ // ok: under r.l
	return r.src.ReadAt(p, off)
}

// lockerReleased writes after unlocking the sync.Locker.
type lockerReleased struct {
	l     sync.Locker
	src   io.ReaderAt
	reads int
}

func (r *lockerReleased) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*lockerReleased\)\.ReadAt writes r\.reads without holding a lock; io\.ReaderAt allows parallel calls$`
	r.l.Lock()
	r.l.Unlock()
	r.reads++
	return r.src.ReadAt(p, off)
}

// embeddedMutexPointer locks through the methods promoted from an embedded
// *sync.Mutex.
type embeddedMutexPointer struct {
	*sync.Mutex
	src   io.ReaderAt
	reads int
}

func (r *embeddedMutexPointer) ReadAt(p []byte, off int64) (int, error) {
	r.Lock()
	r.reads++ // ok: under *r.Mutex
	r.Unlock()
	return r.src.ReadAt(p, off)
}

// returnedMutex locks the mutex that a helper returns a pointer to.
type returnedMutex struct {
	mu    sync.Mutex
	src   io.ReaderAt
	reads int
}

// lock returns the mutex guarding r.
func (r *returnedMutex) lock() *sync.Mutex { return &r.mu }

func (r *returnedMutex) ReadAt(p []byte, off int64) (int, error) {
	l := r.lock()
	l.Lock()
	r.reads++ // ok: under r.mu, through l
	l.Unlock()
	return r.src.ReadAt(p, off)
}

// copiedMutex copies its mutex into a local and locks the copy, which
// guards nothing.
type copiedMutex struct {
	mu    sync.Mutex
	src   io.ReaderAt
	reads int
}

func (r *copiedMutex) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*copiedMutex\)\.ReadAt writes r\.reads without holding a lock; io\.ReaderAt allows parallel calls$`
	mu := r.mu
	mu.Lock()
	r.reads++
	mu.Unlock()
	return r.src.ReadAt(p, off)
}
