// Package valuecopy holds readers that call value-receiver methods of
// other packages which call pointer methods on their own copy of the
// receiver: the copy is theirs, and the caller's value is not written.
package valuecopy

import (
	"io"
	"time"

	"valuecopy/span"
)

// deadline compares against a time.Time field; time.Time.Add and
// time.Since work on copies.
type deadline struct {
	src   io.ReaderAt
	start time.Time
	limit time.Duration
}

func (r *deadline) ReadAt(p []byte, off int64) (int, error) {
	if time.Since(r.start) > r.limit { // ok: a copy of r.start
		return 0, io.ErrNoProgress
	}
	if time.Now().After(r.start.Add(r.limit)) { // ok: a copy of r.start
		return 0, io.ErrNoProgress
	}
	return r.src.ReadAt(p, off)
}

// grownCopy calls a value method that grows its own copy.
type grownCopy struct {
	src  io.ReaderAt
	span span.Span
}

func (r *grownCopy) ReadAt(p []byte, off int64) (int, error) {
	s := r.span.Grown(int64(len(p))) // ok: Grown works on a copy
	_ = s
	return r.src.ReadAt(p, off)
}

// grownInPlace calls the pointer method on the field itself.
type grownInPlace struct {
	src  io.ReaderAt
	span span.Span
}

func (r *grownInPlace) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*grownInPlace\)\.ReadAt writes r\.span\.N without holding a lock; io\.ReaderAt allows parallel calls$`
	r.span.Grow(int64(len(p)))
	return r.src.ReadAt(p, off)
}
