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

// Shared runs f for one caller at a time per key, but releases its own
// lock before it calls f: calls for different keys run in parallel.
type Shared struct {
	mu      sync.Mutex
	running map[string]bool
}

// Do runs f unless a call for key is running.
func (s *Shared) Do(key string, f func()) {
	s.mu.Lock()
	if s.running[key] {
		s.mu.Unlock()
		return
	}
	s.running[key] = true
	s.mu.Unlock()
	f()
	s.mu.Lock()
	delete(s.running, key)
	s.mu.Unlock()
}

// Spawn counts f and runs it on a goroutine of its own.
type Spawn struct {
	mu      sync.Mutex
	started int
}

// Go starts f.
func (s *Spawn) Go(f func()) {
	s.mu.Lock()
	s.started++
	s.mu.Unlock()
	go f()
}
