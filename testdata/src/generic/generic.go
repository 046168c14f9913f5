// Package generic holds readers declared on generic types.
package generic

import (
	"io"
	"sync"
)

// blockStore is a generic cache keyed by K; its ReadAt fills the cache
// with no lock.
type blockStore[K comparable] struct {
	src    io.ReaderAt
	key    func(off int64) K
	blocks map[K][]byte
}

func (s *blockStore[K]) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*blockStore\)\.ReadAt writes s\.blocks\[k\] without holding a lock; io\.ReaderAt allows parallel calls$`
	k := s.key(off)
	if b, ok := s.blocks[k]; ok && len(b) >= len(p) {
		return copy(p, b), nil
	}
	b := make([]byte, len(p))
	n, err := s.src.ReadAt(b, off)
	s.blocks[k] = b[:n]
	return copy(p, b[:n]), err
}

// lockedStore is the same generic cache with a mutex.
type lockedStore[K comparable, V ~[]byte] struct {
	mu     sync.Mutex
	src    io.ReaderAt
	key    func(off int64) K
	blocks map[K]V
}

func (s *lockedStore[K, V]) ReadAt(p []byte, off int64) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := s.key(off)
	if b, ok := s.blocks[k]; ok && len(b) >= len(p) {
		return copy(p, b), nil
	}
	b := make([]byte, len(p))
	n, err := s.src.ReadAt(b, off)
	s.blocks[k] = V(b[:n]) // ok: under s.mu
	return copy(p, b[:n]), err
}

// valueStore has a value receiver on a generic type and writes through
// a pointer field whose type is a type parameter's pointer.
type valueStore[T any] struct {
	src  io.ReaderAt
	last *T
	make func(off int64) T
}

func (s valueStore[T]) ReadAt(p []byte, off int64) (int, error) { // want `^valueStore\.ReadAt writes \*s\.last without holding a lock; io\.ReaderAt allows parallel calls; no fix: valueStore has methods with value receivers \(ReadAt\), which would copy the mutex$`
	*s.last = s.make(off)
	return s.src.ReadAt(p, off)
}

// genericHelper calls a generic function of the package that writes
// through its pointer argument.
type genericHelper struct {
	src   io.ReaderAt
	reads int64
}

// add adds d to *x.
func add[T int | int64](x *T, d T) { *x += d }

func (r *genericHelper) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*genericHelper\)\.ReadAt writes r\.reads without holding a lock; io\.ReaderAt allows parallel calls$`
	add(&r.reads, 1)
	return r.src.ReadAt(p, off)
}

// Instantiations, so that the generic types are used.
var (
	_ io.ReaderAt = (*blockStore[string])(nil)
	_ io.ReaderAt = (*lockedStore[int64, []byte])(nil)
	_ io.ReaderAt = valueStore[int]{}
)
