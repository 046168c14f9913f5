// Package locker holds readers that lock through sync.Locker values.
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
