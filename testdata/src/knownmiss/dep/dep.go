// Package dep is a helper package for the knownmiss scenario.
package dep

import "sync"

// Meter counts bytes under its mutex, and remembers the last offset
// outside it.
type Meter struct {
	mu    sync.Mutex
	bytes int64
	Last  int64
}

// Record records a read of n bytes at off. The write of Last happens
// before the lock is taken.
func (m *Meter) Record(off int64, n int) {
	m.Last = off
	m.mu.Lock()
	m.bytes += int64(n)
	m.mu.Unlock()
}

// Slots returns a semaphore that lets n callers in at once.
func Slots(n int) chan struct{} { return make(chan struct{}, n) }
