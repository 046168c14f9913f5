// Package embediface holds readers built on interfaces that embed other
// interfaces, and structs that embed interfaces.
package embediface

import (
	"io"
	"sync"
)

// source embeds io.ReaderAt and io.Closer.
type source interface {
	io.ReaderAt
	io.Closer
}

// closeOnError closes its shared source when a read fails.
type closeOnError struct {
	src source
}

func (r *closeOnError) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*closeOnError\)\.ReadAt closes r\.src without holding a lock; io\.ReaderAt allows parallel calls$`
	n, err := r.src.ReadAt(p, off)
	if err != nil && err != io.EOF {
		r.src.Close()
	}
	return n, err
}

// embeddedCloser embeds an io.ReadSeekCloser and calls its promoted Close.
type embeddedCloser struct {
	io.ReadSeekCloser
	size int64
}

func (r *embeddedCloser) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*embeddedCloser\)\.ReadAt closes r\.ReadSeekCloser without holding a lock; io\.ReaderAt allows parallel calls$`
	if off >= r.size {
		r.Close()
		return 0, io.EOF
	}
	return 0, io.ErrNoProgress
}

// atThroughEmbedded reads through the ReadAt promoted from an embedded
// interface: safe by contract.
type atThroughEmbedded struct {
	source
}

func (r *atThroughEmbedded) ReadAt(p []byte, off int64) (int, error) {
	return r.source.ReadAt(p, off) // ok: io.ReaderAt
}

// lockedClose closes under its mutex and marks the source closed.
type lockedClose struct {
	mu     sync.Mutex
	src    source
	closed bool
}

func (r *lockedClose) ReadAt(p []byte, off int64) (int, error) {
	n, err := r.src.ReadAt(p, off)
	if err != nil && err != io.EOF {
		r.mu.Lock()
		if !r.closed {
			r.src.Close()   // ok: under r.mu
			r.closed = true // ok: under r.mu
		}
		r.mu.Unlock()
	}
	return n, err
}
