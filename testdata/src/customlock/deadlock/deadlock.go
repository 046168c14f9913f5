// Package deadlock stands for a drop-in replacement of sync.Mutex that
// watches for deadlocks: its Lock goes through a helper that the
// analyzer's summaries cannot see into, as such replacements do.
package deadlock

import "sync"

// Mutex is a mutual exclusion lock.
type Mutex struct {
	mu sync.Mutex
}

// watch runs take, where a real replacement would time it.
func watch(take func()) { take() }

// Lock takes m.
func (m *Mutex) Lock() { watch(m.mu.Lock) }

// Unlock releases m.
func (m *Mutex) Unlock() { m.mu.Unlock() }

// RWMutex is a reader/writer lock.
type RWMutex struct {
	mu sync.RWMutex
}

// Lock takes m for writing.
func (m *RWMutex) Lock() { watch(m.mu.Lock) }

// Unlock releases m for writing.
func (m *RWMutex) Unlock() { m.mu.Unlock() }

// RLock takes m for reading.
func (m *RWMutex) RLock() { watch(m.mu.RLock) }

// RUnlock releases m for reading.
func (m *RWMutex) RUnlock() { m.mu.RUnlock() }
