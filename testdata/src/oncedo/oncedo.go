// Package oncedo holds readers that open their file once through
// sync.Once: the body of Once.Do runs exclusively.
package oncedo

import (
	"os"
	"sync"
)

// onceOpened opens its file in a method value passed to Once.Do.
type onceOpened struct {
	once sync.Once
	name string
	f    *os.File
	err  error
}

// open opens the file; only Once.Do calls it.
func (o *onceOpened) open() {
	o.f, o.err = os.Open(o.name) // ok: runs once, inside Once.Do
}

func (o *onceOpened) ReadAt(p []byte, off int64) (int, error) {
	o.once.Do(o.open)
	if o.err != nil {
		return 0, o.err
	}
	return o.f.ReadAt(p, off)
}

// onceLiteral does the same in a function literal.
type onceLiteral struct {
	once sync.Once
	name string
	f    *os.File
	err  error
}

func (o *onceLiteral) ReadAt(p []byte, off int64) (int, error) {
	o.once.Do(func() {
		o.f, o.err = os.Open(o.name) // ok: runs once, inside Once.Do
	})
	if o.err != nil {
		return 0, o.err
	}
	return o.f.ReadAt(p, off)
}

// retryOnce resets its Once after a failed open so that the next call
// tries again: the reset races with calls inside Do and with each other.
type retryOnce struct {
	once sync.Once
	name string
	f    *os.File
	err  error
}

func (o *retryOnce) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*retryOnce\)\.ReadAt writes o\.once without holding a lock; io\.ReaderAt allows parallel calls$`
	o.once.Do(func() {
		o.f, o.err = os.Open(o.name) // ok: runs once, inside Once.Do
	})
	if err := o.err; err != nil {
		o.once = sync.Once{}
		return 0, err
	}
	return o.f.ReadAt(p, off)
}
