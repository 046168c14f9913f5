// Package aliases holds readers declared through type aliases, and locks
// spelled through aliases and wrapper types.
package aliases

import (
	"io"
	"sync"
)

// mutex spells sync.Mutex through an alias.
type mutex = sync.Mutex

// reader is declared under its own name; its methods are declared on an
// alias of it.
type reader struct {
	src   io.ReaderAt
	reads int
}

// readerAlias is an alias of reader, used as a receiver type.
type readerAlias = reader

func (r *readerAlias) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*reader\)\.ReadAt writes r\.reads without holding a lock; io\.ReaderAt allows parallel calls$`
	r.reads++
	return r.src.ReadAt(p, off)
}

// aliasedMutex locks a mutex whose type is spelled through an alias.
type aliasedMutex struct {
	mu    mutex
	src   io.ReaderAt
	reads int
}

func (r *aliasedMutex) ReadAt(p []byte, off int64) (int, error) {
	r.mu.Lock()
	r.reads++ // ok: under r.mu
	r.mu.Unlock()
	return r.src.ReadAt(p, off)
}

// lockWrapper embeds a mutex; its Lock and Unlock are promoted.
type lockWrapper struct {
	sync.Mutex
}

// wrappedMutex locks through the wrapper's promoted methods.
type wrappedMutex struct {
	mu    lockWrapper
	src   io.ReaderAt
	reads int
}

func (r *wrappedMutex) ReadAt(p []byte, off int64) (int, error) {
	r.mu.Lock()
	r.reads++ // ok: under r.mu.Mutex
	r.mu.Unlock()
	return r.src.ReadAt(p, off)
}
