// Package correlated holds a reader that takes its lock and writes under
// the same condition, tested twice: the write happens only when the lock
// was taken.
package correlated

import (
	"io"
	"sync"
)

// lockWhenNeeded locks only for large offsets, and counts only then.
type lockWhenNeeded struct {
	mu    sync.Mutex
	large int
	src   io.ReaderAt
}

func (r *lockWhenNeeded) ReadAt(p []byte, off int64) (int, error) {
	need := off > 1<<20
	if need {
		r.mu.Lock()
	}
	if need {
		r.large++ // ok: need is true, so r.mu is held
		r.mu.Unlock()
	}
	return r.src.ReadAt(p, off)
}

// lockWrongCondition locks for large offsets but counts the small ones:
// the count is made exactly when the lock was not taken.
type lockWrongCondition struct {
	mu    sync.Mutex
	small int
	src   io.ReaderAt
}

func (r *lockWrongCondition) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*lockWrongCondition\)\.ReadAt writes r\.small without holding a lock; io\.ReaderAt allows parallel calls$`
	need := off > 1<<20
	if need {
		r.mu.Lock()
	}
	if !need {
		r.small++
	}
	if need {
		r.mu.Unlock()
	}
	return r.src.ReadAt(p, off)
}
