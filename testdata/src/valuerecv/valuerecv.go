// Package valuerecv holds readers with value receivers: the fields of the
// receiver are the call's own copy, but what they point to is shared.
package valuerecv

import (
	"io"
	"sync"
)

// readStats counts reads; every copy of a reader points to the same one.
type readStats struct {
	reads int
	bytes int64
}

// cursorCopy moves a cursor in its own copy of the receiver: no other call
// can see it.
type cursorCopy struct {
	data []byte
	pos  int64
	last [4]int64
}

func (c cursorCopy) ReadAt(p []byte, off int64) (int, error) {
	c.pos = off        // ok: the call's own copy
	c.last[0] = off    // ok: an array inside the call's own copy
	c.data = c.data[:] // ok: reslicing the copy's slice header
	if c.pos >= int64(len(c.data)) {
		return 0, io.EOF
	}
	n := copy(p, c.data[c.pos:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// countingCopy has a value receiver too, but counts through a pointer that
// all copies share.
type countingCopy struct {
	data  []byte
	stats *readStats
}

func (c countingCopy) ReadAt(p []byte, off int64) (int, error) { // want `^countingCopy\.ReadAt writes c\.stats\.reads and c\.stats\.bytes without holding a lock; io\.ReaderAt allows parallel calls; no fix: countingCopy has methods with value receivers \(ReadAt\), which would copy the mutex$`
	c.stats.reads++
	if off >= int64(len(c.data)) {
		return 0, io.EOF
	}
	n := copy(p, c.data[off:])
	c.stats.bytes += int64(n)
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// scrubbingCopy clears the bytes it has served in a slice that all copies
// share: the slice header is copied, its elements are not.
type scrubbingCopy struct {
	data []byte
}

func (c scrubbingCopy) ReadAt(p []byte, off int64) (int, error) { // want `^scrubbingCopy\.ReadAt writes c\.data\[i\] without holding a lock; io\.ReaderAt allows parallel calls; no fix: scrubbingCopy has methods with value receivers \(ReadAt\), which would copy the mutex$`
	if off >= int64(len(c.data)) {
		return 0, io.EOF
	}
	n := copy(p, c.data[off:])
	for i := off; i < off+int64(n); i++ {
		c.data[i] = 0
	}
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// copiedLock locks a mutex held by value in a value receiver: each call
// locks its own copy, which guards nothing the calls share.
type copiedLock struct {
	mu    sync.Mutex
	stats *readStats
}

func (c copiedLock) ReadAt(p []byte, off int64) (int, error) { // want `^copiedLock\.ReadAt writes c\.stats\.reads without holding a lock; io\.ReaderAt allows parallel calls; no fix: copiedLock has methods with value receivers \(ReadAt\), which would copy the mutex$`
	c.mu.Lock()
	defer c.mu.Unlock()
	c.stats.reads++
	return 0, io.EOF
}

// sharedLock holds a pointer to the mutex, so all copies lock the same one.
type sharedLock struct {
	mu    *sync.Mutex
	stats *readStats
}

func (c sharedLock) ReadAt(p []byte, off int64) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.stats.reads++ // ok: under *c.mu
	return 0, io.EOF
}
