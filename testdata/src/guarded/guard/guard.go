// Package guard runs functions for its callers, some under a lock of its
// own.
package guard

import "sync"

// Guard runs functions one at a time.
type Guard struct{ mu sync.Mutex }

// Do runs f while holding g's lock.
func (g *Guard) Do(f func()) {
	g.mu.Lock()
	defer g.mu.Unlock()
	f()
}

// Locked runs f while holding mu.
func Locked(mu *sync.Mutex, f func() error) error {
	mu.Lock()
	defer mu.Unlock()
	return f()
}

// Now runs f at once, holding nothing.
func Now(f func()) { f() }
