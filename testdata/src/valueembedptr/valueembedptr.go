// Package valueembedptr holds value receivers whose embedded pointer
// carries the mutex: each copy points to the same lock.
package valueembedptr

import (
	"io"
	"sync"
)

// Account carries a mutex and a balance of bytes read.
type Account struct {
	sync.Mutex
	balance int64
}

// view has a value receiver and locks the mutex promoted through its
// embedded *Account.
type view struct {
	*Account
	src io.ReaderAt
}

func (v view) ReadAt(p []byte, off int64) (int, error) {
	n, err := v.src.ReadAt(p, off)
	v.Lock()
	defer v.Unlock()
	v.balance += int64(n) // ok: under v.Account.Mutex
	return n, err
}

// unlockedView is the same without taking the lock.
type unlockedView struct {
	*Account
	src io.ReaderAt
}

func (v unlockedView) ReadAt(p []byte, off int64) (int, error) { // want `^unlockedView\.ReadAt writes v\.Account\.balance without holding a lock; io\.ReaderAt allows parallel calls; no fix: unlockedView has methods with value receivers \(ReadAt\), which would copy the mutex$`
	n, err := v.src.ReadAt(p, off)
	v.balance += int64(n)
	return n, err
}

// valueAccount embeds the Account by value in a value receiver: its
// mutex is the call's own copy, and so is the balance.
type valueAccount struct {
	Account
	src io.ReaderAt
}

func (v valueAccount) ReadAt(p []byte, off int64) (int, error) {
	n, err := v.src.ReadAt(p, off)
	v.Lock()
	v.balance += int64(n) // ok: the call's own copy
	v.Unlock()
	return n, err
}
