// Package methodvalue holds readers that call their mutating helpers
// through method values and method expressions.
package methodvalue

import (
	"io"
	"sync"
)

// boundMethod binds a mutating method to a variable and calls it.
type boundMethod struct {
	src   io.ReaderAt
	reads int
}

// count records a read.
func (r *boundMethod) count() { r.reads++ }

func (r *boundMethod) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*boundMethod\)\.ReadAt writes r\.reads without holding a lock; io\.ReaderAt allows parallel calls$`
	f := r.count
	f()
	return r.src.ReadAt(p, off)
}

// methodExpr calls the helper as a method expression.
type methodExpr struct {
	src   io.ReaderAt
	reads int
}

// count records a read.
func (r *methodExpr) count() { r.reads++ }

func (r *methodExpr) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*methodExpr\)\.ReadAt writes r\.reads without holding a lock; io\.ReaderAt allows parallel calls$`
	(*methodExpr).count(r)
	return r.src.ReadAt(p, off)
}

// interfaceMethodValue binds the Close method of a shared stream.
type interfaceMethodValue struct {
	rc io.ReadCloser
}

func (r *interfaceMethodValue) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*interfaceMethodValue\)\.ReadAt closes r\.rc without holding a lock; io\.ReaderAt allows parallel calls$`
	closeIt := r.rc.Close
	if off < 0 {
		closeIt()
		return 0, io.ErrClosedPipe
	}
	return 0, io.EOF
}

// boundLocked binds the helper and calls it under the lock.
type boundLocked struct {
	mu    sync.Mutex
	src   io.ReaderAt
	reads int
}

// count records a read.
func (r *boundLocked) count() {
	r.reads++ // ok: called under r.mu
}

func (r *boundLocked) ReadAt(p []byte, off int64) (int, error) {
	f := r.count
	r.mu.Lock()
	f()
	r.mu.Unlock()
	return r.src.ReadAt(p, off)
}

// boundUnlock binds the Unlock method and defers it.
type boundUnlock struct {
	mu    sync.Mutex
	src   io.ReaderAt
	reads int
}

func (r *boundUnlock) ReadAt(p []byte, off int64) (int, error) {
	unlock := r.mu.Unlock
	r.mu.Lock()
	defer unlock()
	r.reads++ // ok: under r.mu
	return r.src.ReadAt(p, off)
}
