// Package externalclosure holds readers that pass a function literal to a
// function of another package, which calls it before returning. Its
// mutations belong to ReadAt; where the callee is not known to call it
// synchronously, it should still be analysed as holding no lock.
package externalclosure

import (
	"bytes"
	"io"
	"slices"
	"sync"
)

// scanCounter counts scanned bytes in a literal passed to bytes.IndexFunc.
type scanCounter struct {
	src     io.ReaderAt
	scanned int
}

func (r *scanCounter) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*scanCounter\)\.ReadAt writes r\.scanned without holding a lock; io\.ReaderAt allows parallel calls$`
	n, err := r.src.ReadAt(p, off)
	bytes.IndexFunc(p[:n], func(c rune) bool {
		r.scanned++
		return c == 0
	})
	return n, err
}

// searchCounter counts comparisons in a literal passed to
// slices.IndexFunc.
type searchCounter struct {
	src   io.ReaderAt
	offs  []int64
	comps int
}

func (r *searchCounter) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*searchCounter\)\.ReadAt writes r\.comps without holding a lock; io\.ReaderAt allows parallel calls$`
	slices.IndexFunc(r.offs, func(o int64) bool {
		r.comps++
		return o == off
	})
	return r.src.ReadAt(p, off)
}

// lockedLiteral's literal takes the lock itself.
type lockedLiteral struct {
	mu      sync.Mutex
	src     io.ReaderAt
	scanned int
}

func (r *lockedLiteral) ReadAt(p []byte, off int64) (int, error) {
	n, err := r.src.ReadAt(p, off)
	bytes.IndexFunc(p[:n], func(c rune) bool {
		r.mu.Lock()
		r.scanned++ // ok: under r.mu
		r.mu.Unlock()
		return c == 0
	})
	return n, err
}
