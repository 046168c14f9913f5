// Package crosspkg holds readers whose mutations and locks happen inside
// functions of another package, crosspkg/streams, known from the facts
// the analyzer exports for it.
package crosspkg

import (
	"io"

	"crosspkg/streams"
)

// bumping counts reads through streams.Bump and streams.BumpTwice.
type bumping struct {
	src   io.ReaderAt
	reads streams.Counter
	bytes *streams.Counter
}

func (r *bumping) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*bumping\)\.ReadAt writes r\.reads\.N and r\.bytes\.N without holding a lock; io\.ReaderAt allows parallel calls$`
	streams.Bump(&r.reads)
	streams.BumpTwice(r.bytes)
	return r.src.ReadAt(p, off)
}

// cursorField advances a cursor held by value and one held by pointer.
type cursorField struct {
	src  io.ReaderAt
	cur  streams.Cursor
	next *streams.Cursor
}

func (r *cursorField) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*cursorField\)\.ReadAt writes r\.cur\.pos and r\.next\.pos without holding a lock; io\.ReaderAt allows parallel calls$`
	n, err := r.src.ReadAt(p, off)
	r.cur.Advance(n)
	r.next.Advance(n)
	return n, err
}

// filling reads a shared stream into a shared buffer through
// streams.Fill.
type filling struct {
	body io.Reader
	buf  []byte
}

func (r *filling) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*filling\)\.ReadAt reads from r\.body and reads into r\.buf without holding a lock; io\.ReaderAt allows parallel calls$`
	if off != 0 || len(p) > len(r.buf) {
		return 0, io.ErrNoProgress
	}
	n, err := streams.Fill(r.body, r.buf[:len(p)])
	return copy(p, r.buf[:n]), err
}

// logAndForget appends to a log and deletes from a map through the helper
// package.
type logAndForget struct {
	src   io.ReaderAt
	log   []int64
	cache map[int64][]byte
}

func (r *logAndForget) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*logAndForget\)\.ReadAt writes r\.log and deletes from r\.cache without holding a lock; io\.ReaderAt allows parallel calls$`
	streams.Append(&r.log, off)
	streams.Forget(r.cache, off)
	return r.src.ReadAt(p, off)
}

// promotedTally calls an exported method promoted from an unexported
// embedded type of the helper package.
type promotedTally struct {
	src   io.ReaderAt
	tally streams.Tally
}

func (r *promotedTally) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*promotedTally\)\.ReadAt writes r\.tally\.tally\.n without holding a lock; io\.ReaderAt allows parallel calls$`
	r.tally.Inc()
	return r.src.ReadAt(p, off)
}

// selfLocked adds to statistics that lock themselves, and reads a counter
// without changing it.
type selfLocked struct {
	src   io.ReaderAt
	stats *streams.Stats
	reads streams.Counter
}

func (r *selfLocked) ReadAt(p []byte, off int64) (int, error) {
	n, err := r.src.ReadAt(p, off)
	r.stats.Add(n)             // ok: Stats.Add takes its own lock
	_ = streams.Peek(&r.reads) // ok: Peek only reads
	return n, err
}

// guarded enters and leaves a guard of the helper package around its
// write.
type guarded struct {
	guard streams.Guard
	src   io.ReaderAt
	last  int64
}

func (r *guarded) ReadAt(p []byte, off int64) (int, error) {
	r.guard.Enter()
	r.last = off // ok: Enter left r.guard.mu locked
	r.guard.Leave()
	return r.src.ReadAt(p, off)
}

// leftEarly writes after Leave.
type leftEarly struct {
	guard streams.Guard
	src   io.ReaderAt
	last  int64
}

func (r *leftEarly) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*leftEarly\)\.ReadAt writes r\.last without holding a lock; io\.ReaderAt allows parallel calls$`
	r.guard.Enter()
	r.guard.Leave()
	r.last = off
	return r.src.ReadAt(p, off)
}

// localCounter bumps a counter of its own.
type localCounter struct {
	src io.ReaderAt
}

func (r *localCounter) ReadAt(p []byte, off int64) (int, error) {
	var c streams.Counter
	streams.Bump(&c) // ok: a local of this call
	return r.src.ReadAt(p, off)
}
