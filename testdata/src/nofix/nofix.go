// Package nofix holds racy readers for which no correct mutex fix can be
// made; each diagnostic says why.
package nofix

import (
	"io"
	"sync"

	"nofix/state"
)

// copied is copied by value by snapshot: a mutex field would be copied
// with it.
type copied struct {
	data []byte
	pos  int64
}

func (r *copied) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*copied\)\.ReadAt writes r\.pos without holding a lock; io\.ReaderAt allows parallel calls; no fix: a parameter or result at nofix\.go:24 copies a copied value, and with it the mutex$`
	r.pos = off
	return readFrom(r.data, p, off)
}

func snapshot(r *copied) copied {
	return *r
}

// unkeyed is built with a composite literal that lists its fields without
// names: a new field would break it.
type unkeyed struct {
	data []byte
	pos  int64
}

func newUnkeyed(data []byte) *unkeyed {
	return &unkeyed{data, 0}
}

func (r *unkeyed) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*unkeyed\)\.ReadAt writes r\.pos without holding a lock; io\.ReaderAt allows parallel calls; no fix: the composite literal at nofix\.go:36 lists unkeyed's fields without names, which a new field would break$`
	r.pos = off
	return readFrom(r.data, p, off)
}

// wrapped is defined on a struct of another package, which this package
// cannot add a field to.
type wrapped state.State

func (w *wrapped) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*wrapped\)\.ReadAt writes w\.Pos and w\.Reads without holding a lock; io\.ReaderAt allows parallel calls; no fix: wrapped's struct is State, declared in package state$`
	w.Pos = off
	w.Reads++
	return 0, io.EOF
}

// sized reads the state it writes through Size, which other packages call
// too: both would need the lock, and Go mutexes are not re-entrant.
type sized struct {
	data []byte
	n    int64
}

// Size returns how many bytes the reader serves.
func (s *sized) Size() int64 { return s.n }

func (s *sized) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*sized\)\.ReadAt writes s\.n without holding a lock; io\.ReaderAt allows parallel calls; no fix: \(\*sized\)\.ReadAt calls \(\*sized\)\.Size, and both would need the lock$`
	s.n = int64(len(s.data))
	if off >= s.Size() {
		return 0, io.EOF
	}
	return readFrom(s.data, p, off)
}

// readFrom copies from data at off into p and keeps the io.ReaderAt
// contract on short reads.
func readFrom(data, p []byte, off int64) (int, error) {
	if off >= int64(len(data)) {
		return 0, io.EOF
	}
	n := copy(p, data[off:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// sizedVia reads the state it writes through Size, by way of a helper.
type sizedVia struct {
	data []byte
	n    int64
}

// Size returns how many bytes the reader serves.
func (s *sizedVia) Size() int64 { return s.n }

// past reports whether off lies past the end.
func past(s *sizedVia, off int64) bool { return off >= s.Size() }

func (s *sizedVia) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*sizedVia\)\.ReadAt writes s\.n without holding a lock; io\.ReaderAt allows parallel calls; no fix: \(\*sizedVia\)\.ReadAt calls \(\*sizedVia\)\.Size \(through past\), and both would need the lock$`
	s.n = int64(len(s.data))
	if past(s, off) {
		return 0, io.EOF
	}
	return readFrom(s.data, p, off)
}

// upgraded writes under the read lock it holds throughout, and calls
// Size, which takes the same read lock: making ReadAt's lock a write lock
// would deadlock in Size, so the fix adds a mutex of its own.
type upgraded struct {
	mu    sync.RWMutex
	data  []byte
	reads int
}

// Size returns the length of the data.
func (u *upgraded) Size() int64 {
	u.mu.RLock()
	defer u.mu.RUnlock()
	return int64(len(u.data))
}

func (u *upgraded) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*upgraded\)\.ReadAt writes u\.reads while holding only the read lock of u\.mu; io\.ReaderAt allows parallel calls$`
	u.mu.RLock()
	defer u.mu.RUnlock()
	u.reads++
	if off >= u.Size() {
		return 0, io.EOF
	}
	return readFrom(u.data, p, off)
}

// loaded waits in ReadAt for an index that a goroutine, started by its
// constructor, loads: locking both would keep the loader from ever
// closing ready.
type loaded struct {
	src   io.ReaderAt
	ready chan struct{}
	index []int64
	last  int64
}

func newLoaded(src io.ReaderAt) *loaded {
	r := &loaded{src: src, ready: make(chan struct{})}
	go r.load()
	return r
}

// load reads the index.
func (r *loaded) load() {
	defer close(r.ready)
	r.index = []int64{0}
	r.last = -1
}

func (r *loaded) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*loaded\)\.ReadAt writes r\.last without holding a lock; io\.ReaderAt allows parallel calls; no fix: \(\*loaded\)\.ReadAt waits on a channel or a Wait while \(\*loaded\)\.load, which would need the lock too, runs on a goroutine$`
	<-r.ready
	r.last = off
	return r.src.ReadAt(p, off)
}

// loader fetches blocks for a cache.
type loader interface {
	load(off int64) ([]byte, error)
}

// blockCache fetches through its loader.
type blockCache struct {
	l loader
}

// get fetches the block at off.
func (c *blockCache) get(off int64) ([]byte, error) { return c.l.load(off) }

// cached keeps a cache that loads through the reader itself, set by a
// constructor in two steps, and a fill function that calls back into it:
// a lock held by ReadAt would be taken again by load.
type cached struct {
	src   io.ReaderAt
	cache *blockCache
	fill  func(off int64) ([]byte, error)
	last  int64
}

func newCached(src io.ReaderAt) *cached {
	r := &cached{src: src}
	c := &blockCache{l: r}
	r.cache = c
	r.fill = func(off int64) ([]byte, error) { return r.load(off) }
	return r
}

// load reads the block at off and notes it.
func (r *cached) load(off int64) ([]byte, error) {
	r.last = off
	b := make([]byte, 16)
	n, err := r.src.ReadAt(b, off)
	return b[:n], err
}

func (r *cached) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*cached\)\.ReadAt writes r\.last without holding a lock; io\.ReaderAt allows parallel calls; no fix: .*refers back to the cached, and both would need the lock$`
	r.last = -1
	b, err := r.cache.get(off)
	if err != nil {
		return 0, err
	}
	return readFrom(b, p, 0)
}

// progressive serves what a download has written so far, and waits for
// the rest; the downloader asks, under its own lock, how far readers got.
// A lock held by ReadAt while it waits would stop the downloader.
type progressive struct {
	mu      sync.Mutex
	data    []byte
	notify  chan struct{}
	wanted  int64
	written int64
}

// Behind reports whether readers wait for bytes not yet written.
func (r *progressive) Behind() bool {
	r.mu.Lock()
	w := r.written
	r.mu.Unlock()
	return r.wanted > w
}

func (r *progressive) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*progressive\)\.ReadAt writes r\.wanted without holding a lock; io\.ReaderAt allows parallel calls; no fix: \(\*progressive\)\.ReadAt would hold the lock while it waits on a channel or a Wait, which another goroutine may need the lock to end$`
	if end := off + int64(len(p)); end > r.wanted {
		r.wanted = end
	}
	for {
		r.mu.Lock()
		w, ch := r.written, r.notify
		r.mu.Unlock()
		if off+int64(len(p)) <= w {
			break
		}
		<-ch
	}
	return readFrom(r.data, p, off)
}
