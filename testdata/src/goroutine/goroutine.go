// Package goroutine holds readers that start goroutines: a goroutine holds
// none of its starter's locks.
package goroutine

import (
	"io"
	"sync"
	"sync/atomic"
	"time"
)

// prefetcher starts a goroutine that records the next offset.
type prefetcher struct {
	mu   sync.Mutex
	src  io.ReaderAt
	next int64
}

// prefetch records off as the next offset to read.
func (r *prefetcher) prefetch(off int64) { r.next = off }

func (r *prefetcher) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*prefetcher\)\.ReadAt starts a goroutine that writes r\.next without holding a lock; io\.ReaderAt allows parallel calls; no fix: a goroutine it starts mutates the state, and a lock held by the method does not cover it$`
	r.mu.Lock()
	defer r.mu.Unlock()
	go r.prefetch(off + int64(len(p)))
	return r.src.ReadAt(p, off)
}

// lockedPrefetcher's goroutine takes the lock itself.
type lockedPrefetcher struct {
	mu   sync.Mutex
	src  io.ReaderAt
	next int64
}

// prefetch records off as the next offset to read, under the lock.
func (r *lockedPrefetcher) prefetch(off int64) {
	r.mu.Lock()
	r.next = off // ok: under r.mu
	r.mu.Unlock()
}

func (r *lockedPrefetcher) ReadAt(p []byte, off int64) (int, error) {
	go r.prefetch(off + int64(len(p)))
	return r.src.ReadAt(p, off)
}

// fanOut reads halves in two goroutines and waits; each goroutine writes
// only its own part of p and its own variables.
type fanOut struct {
	src io.ReaderAt
}

func (r *fanOut) ReadAt(p []byte, off int64) (int, error) {
	var wg sync.WaitGroup
	var n [2]int
	var errs [2]error
	half := len(p) / 2
	parts := [2][]byte{p[:half], p[half:]}
	for i := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n[i], errs[i] = r.src.ReadAt(parts[i], off+int64(i*half)) // ok: locals of this call
		}()
	}
	wg.Wait()
	if errs[0] != nil {
		return n[0], errs[0]
	}
	return n[0] + n[1], errs[1]
}

// literalGoroutine starts a literal that writes a field.
type literalGoroutine struct {
	src  io.ReaderAt
	done bool
}

func (r *literalGoroutine) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*literalGoroutine\)\.ReadAt starts a goroutine that writes r\.done without holding a lock; io\.ReaderAt allows parallel calls; no fix: a goroutine it starts mutates the state, and a lock held by the method does not cover it$`
	n, err := r.src.ReadAt(p, off)
	go func() { r.done = true }()
	return n, err
}

// startedOnce starts its background counter on the first read, under
// its lock and behind a flag: one goroutine for the life of the reader,
// which hands its total over on a channel when the reader is closed.
type startedOnce struct {
	mu      sync.Mutex
	src     io.ReaderAt
	started bool
	counts  chan int
	total   int
	done    chan struct{}
}

func (r *startedOnce) start() {
	if r.started {
		return
	}
	r.started = true
	r.counts = make(chan int, 16)
	r.done = make(chan struct{})
	go func() {
		defer close(r.done)
		for n := range r.counts {
			r.total += n // ok: one goroutine, read only after done is closed
		}
	}()
}

func (r *startedOnce) ReadAt(p []byte, off int64) (int, error) {
	r.mu.Lock()
	r.start()
	counts := r.counts
	r.mu.Unlock()
	n, err := r.src.ReadAt(p, off)
	counts <- n
	return n, err
}

// Close stops the counter and returns the total.
func (r *startedOnce) Close() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.start()
	close(r.counts)
	<-r.done
	return r.total
}

// casStarted starts its loader once, through a compare-and-swap, and
// hands the result over by closing a channel.
type casStarted struct {
	src     io.ReaderAt
	started atomic.Bool
	ready   chan struct{}
	index   []int64
}

func newCASStarted(src io.ReaderAt) *casStarted {
	return &casStarted{src: src, ready: make(chan struct{})}
}

func (r *casStarted) ReadAt(p []byte, off int64) (int, error) {
	if r.started.CompareAndSwap(false, true) {
		go func() {
			r.index = []int64{0} // ok: one goroutine, read after ready is closed
			close(r.ready)
		}()
	}
	<-r.ready
	return r.src.ReadAt(p, off)
}

// stickyGuard tests its sticky error before it starts a prefetch on
// every call: the test guards the error path, not the start.
type stickyGuard struct {
	mu    sync.Mutex
	src   io.ReaderAt
	err   error
	ahead int64
}

func (r *stickyGuard) prefetch(off int64) { r.ahead = off }

func (r *stickyGuard) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*stickyGuard\)\.ReadAt starts a goroutine that writes r\.ahead without holding a lock; io\.ReaderAt allows parallel calls; no fix: a goroutine it starts mutates the state, and a lock held by the method does not cover it$`
	r.mu.Lock()
	if r.err != nil {
		err := r.err
		r.mu.Unlock()
		return 0, err
	}
	go r.prefetch(off + int64(len(p)))
	r.mu.Unlock()
	n, err := r.src.ReadAt(p, off)
	if err != nil && err != io.EOF {
		r.mu.Lock()
		r.err = err
		r.mu.Unlock()
	}
	return n, err
}

// restarting starts a refresh behind a flag that the refresh clears
// itself: the next call starts another.
type restarting struct {
	mu         sync.Mutex
	src        io.ReaderAt
	refreshing bool
	index      []int64
}

func (r *restarting) refresh() {
	r.index = []int64{0}
	r.refreshing = false
}

func (r *restarting) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*restarting\)\.ReadAt starts a goroutine that writes r\.index and r\.refreshing without holding a lock; io\.ReaderAt allows parallel calls; no fix: a goroutine it starts mutates the state, and a lock held by the method does not cover it$`
	r.mu.Lock()
	if !r.refreshing {
		r.refreshing = true
		go r.refresh()
	}
	r.mu.Unlock()
	return r.src.ReadAt(p, off)
}

// perBlock starts one fetch per block, behind a flag per block: many
// fetches run at once, and each counts into the same field.
type perBlock struct {
	mu       sync.Mutex
	src      io.ReaderAt
	fetching [64]bool
	fetched  int
}

func (r *perBlock) fetch(i int) { r.fetched++ }

func (r *perBlock) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*perBlock\)\.ReadAt starts a goroutine that writes r\.fetched without holding a lock; io\.ReaderAt allows parallel calls; no fix: a goroutine it starts mutates the state, and a lock held by the method does not cover it$`
	i := int(off/4096) % len(r.fetching)
	r.mu.Lock()
	if !r.fetching[i] {
		r.fetching[i] = true
		go r.fetch(i)
	}
	r.mu.Unlock()
	return r.src.ReadAt(p, off)
}

// idleCloser arms a timer whose function runs later, on a goroutine of
// the runtime's, holding none of ReadAt's lock.
type idleCloser struct {
	mu     sync.Mutex
	src    io.ReaderAt
	timer  *time.Timer
	closed int
}

func (r *idleCloser) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*idleCloser\)\.ReadAt starts a goroutine that writes r\.closed without holding a lock; io\.ReaderAt allows parallel calls; no fix: a goroutine it starts mutates the state, and a lock held by the method does not cover it$`
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.timer == nil {
		r.timer = time.AfterFunc(time.Minute, func() { r.closed++ })
	}
	return r.src.ReadAt(p, off)
}
