// Package lazyopen holds readers that open their file on the first call
// instead of in a constructor.
package lazyopen

import (
	"os"
	"sync"
)

// openOnFirstRead checks and sets its file without a lock: two first calls
// can both open it, and one file leaks.
type openOnFirstRead struct {
	name string
	f    *os.File
	err  error
}

func (l *openOnFirstRead) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*openOnFirstRead\)\.ReadAt writes l\.f and l\.err without holding a lock; io\.ReaderAt allows parallel calls$`
	if l.f == nil && l.err == nil {
		l.f, l.err = os.Open(l.name)
	}
	if l.err != nil {
		return 0, l.err
	}
	return l.f.ReadAt(p, off)
}

// lockedOpen opens under its mutex, then reads outside it: os.File.ReadAt
// is safe for parallel calls.
type lockedOpen struct {
	mu   sync.Mutex
	name string
	f    *os.File
}

// file returns the open file, opening it on first use.
func (l *lockedOpen) file() (*os.File, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		f, err := os.Open(l.name)
		if err != nil {
			return nil, err
		}
		l.f = f // ok: under l.mu
	}
	return l.f, nil
}

func (l *lockedOpen) ReadAt(p []byte, off int64) (int, error) {
	f, err := l.file()
	if err != nil {
		return 0, err
	}
	return f.ReadAt(p, off)
}
