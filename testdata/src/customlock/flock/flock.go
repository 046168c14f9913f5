// Package flock locks files for other processes.
package flock

import "syscall"

// Lock is an advisory lock on an open file.
type Lock struct{ FD int }

// Lock takes the lock.
func (l *Lock) Lock() { _ = syscall.Flock(l.FD, syscall.LOCK_EX) }

// Unlock releases it.
func (l *Lock) Unlock() { _ = syscall.Flock(l.FD, syscall.LOCK_UN) }
