// Package ignore holds racy readers silenced, or not, by a
// //readeratcheck:ignore directive.
package ignore

import (
	"io"
	"sync"
)

// singleUser is only ever used by one goroutine, so its owner silences the
// report in its doc comment, with a reason.
type singleUser struct {
	src  io.ReaderAt
	last int64
}

// ReadAt records the offset.
//
//readeratcheck:ignore only the decoder goroutine reads from it
func (r *singleUser) ReadAt(p []byte, off int64) (int, error) {
	r.last = off // ok: suppressed by the directive above
	return r.src.ReadAt(p, off)
}

// sameLine silences the report with a directive on the func line.
type sameLine struct {
	src  io.ReaderAt
	last int64
}

func (r *sameLine) ReadAt(p []byte, off int64) (int, error) { //readeratcheck:ignore single owner
	r.last = off // ok: suppressed by the directive on the func line
	return r.src.ReadAt(p, off)
}

// noReason has a directive without a reason: it suppresses nothing, and
// is reported itself.
type noReason struct {
	src  io.ReaderAt
	last int64
}

// ReadAt records the offset.
//
/* want `^readeratcheck:ignore directive needs a reason after it$` */ //readeratcheck:ignore
func (r *noReason) ReadAt(p []byte, off int64) (int, error) {         // want `^\(\*noReason\)\.ReadAt writes r\.last without holding a lock; io\.ReaderAt allows parallel calls$`
	r.last = off
	return r.src.ReadAt(p, off)
}

// otherWord uses a comment that only starts like the directive.
type otherWord struct {
	src  io.ReaderAt
	last int64
}

// ReadAt records the offset.
//
//readeratcheck:ignored by nobody
func (r *otherWord) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*otherWord\)\.ReadAt writes r\.last without holding a lock; io\.ReaderAt allows parallel calls$`
	r.last = off
	return r.src.ReadAt(p, off)
}

// alreadySafe holds its lock, so its directive silences nothing.
type alreadySafe struct {
	mu   sync.Mutex
	src  io.ReaderAt
	last int64
}

// ReadAt records the offset under the lock.
//
//readeratcheck:ignore left over // want `^readeratcheck:ignore directive suppresses nothing$`
func (r *alreadySafe) ReadAt(p []byte, off int64) (int, error) {
	r.mu.Lock()
	r.last = off // ok: under r.mu
	r.mu.Unlock()
	return r.src.ReadAt(p, off)
}
