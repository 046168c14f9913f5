// Package knownmiss holds races the analyzer does not report. Each case's
// doc comment says why; no line carries a want, so the test fails the day
// one of them starts being reported, and the case moves to a scenario of
// its own.
package knownmiss

import (
	"container/heap"
	"io"
	"math/rand"
	"reflect"
	"sort"
	"sync"
	"sync/atomic"

	"knownmiss/dep"
)

// known miss: function literals stored in a local slice and called later
// are not followed. Only function values that flow directly from a
// literal or a method value to a call are analysed; following them through
// containers needs a points-to analysis.
type funcsInSlice struct {
	src  io.ReaderAt
	seen []int64
}

func (r *funcsInSlice) ReadAt(p []byte, off int64) (int, error) {
	var marks []func()
	for i := range r.seen {
		marks = append(marks, func() { r.seen[i] = off })
	}
	for _, mark := range marks {
		mark()
	}
	return r.src.ReadAt(p, off)
}

// hook is an interface of this package with a mutating implementation.
type hook interface {
	observe(off int64)
}

// lastOffset records the latest offset it observed.
type lastOffset struct {
	off int64
}

func (l *lastOffset) observe(off int64) { l.off = off }

// known miss: a call through an interface is taken to mutate only if it is
// a known stream method. Finding the implementations of an arbitrary
// interface needs a call graph, and the dynamic type is usually set
// elsewhere.
type throughInterface struct {
	src io.ReaderAt
	h   hook
}

func (r *throughInterface) ReadAt(p []byte, off int64) (int, error) {
	r.h.observe(off)
	return r.src.ReadAt(p, off)
}

// known miss: the function in a field is set by a constructor, and what
// it mutates is not known where it is called.
type funcField struct {
	src    io.ReaderAt
	onRead func(off int64)
	last   int64
}

// newFuncField returns a reader whose callback writes its own field.
func newFuncField(src io.ReaderAt) *funcField {
	r := &funcField{src: src}
	r.onRead = func(off int64) { r.last = off }
	return r
}

func (r *funcField) ReadAt(p []byte, off int64) (int, error) {
	r.onRead(off)
	return r.src.ReadAt(p, off)
}

// known miss: the receiver is sent over a channel to a worker goroutine
// that mutates it. The worker runs elsewhere; nothing in ReadAt's own code
// writes.
type handedOff struct {
	src   io.ReaderAt
	work  chan *handedOff
	reads int
}

// worker counts the reads it is handed.
func worker(work chan *handedOff) {
	for r := range work {
		r.reads++
	}
}

func (r *handedOff) ReadAt(p []byte, off int64) (int, error) {
	r.work <- r
	return r.src.ReadAt(p, off)
}

// known miss: dep.Meter.Record writes Last before it takes its lock.
// Summaries of other packages come from syntax alone, and a function that
// takes any lock is taken to synchronise all of its writes.
type partlyLocked struct {
	src   io.ReaderAt
	meter *dep.Meter
}

func (r *partlyLocked) ReadAt(p []byte, off int64) (int, error) {
	n, err := r.src.ReadAt(p, off)
	r.meter.Record(off, n)
	return n, err
}

// known miss: the field is set through reflection.
type reflected struct {
	src  io.ReaderAt
	Last int64
}

func (r *reflected) ReadAt(p []byte, off int64) (int, error) {
	reflect.ValueOf(r).Elem().FieldByName("Last").SetInt(off)
	return r.src.ReadAt(p, off)
}

// known miss: it holds one of several mutexes, chosen by the offset, while
// it writes a map that all offsets share. Any held lock is taken to
// protect every write; telling which lock guards which memory would need
// annotations or a guarded-by inference.
type stripedLocks struct {
	src    io.ReaderAt
	locks  [8]sync.Mutex
	blocks map[int64]int
}

func (r *stripedLocks) ReadAt(p []byte, off int64) (int, error) {
	mu := &r.locks[off%8]
	mu.Lock()
	r.blocks[off]++
	mu.Unlock()
	return r.src.ReadAt(p, off)
}

// known miss: *rand.Rand is not safe for parallel use, but its methods
// change its state through the rand.Source interface it holds, which a
// summary of math/rand cannot see into.
type sharedRand struct {
	src io.ReaderAt
	rnd *rand.Rand
}

func (r *sharedRand) ReadAt(p []byte, off int64) (int, error) {
	if r.rnd.Intn(100) == 0 {
		return 0, io.ErrNoProgress
	}
	return r.src.ReadAt(p, off)
}

// offsets is a heap of offsets, used through container/heap and sort.
type offsets []int64

func (h offsets) Len() int           { return len(h) }
func (h offsets) Less(i, j int) bool { return h[i] < h[j] }
func (h offsets) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *offsets) Push(x any)        { *h = append(*h, x.(int64)) }

// Pop removes and returns the last offset.
func (h *offsets) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// known miss: container/heap mutates the heap only through the methods of
// heap.Interface, called on an interface inside another package, so its
// summaries record nothing.
type heapOfOffsets struct {
	src io.ReaderAt
	h   offsets
}

func (r *heapOfOffsets) ReadAt(p []byte, off int64) (int, error) {
	heap.Push(&r.h, off)
	return r.src.ReadAt(p, off)
}

// known miss: sort.Slice swaps elements through reflection and sort.Sort
// through sort.Interface, neither of which a summary of package sort can
// follow. (sort.Ints and slices.Sort are found: they swap elements
// directly; see the sorting scenario.)
type sortedInPlace struct {
	src  io.ReaderAt
	offs []int64
	h    offsets
}

func (r *sortedInPlace) ReadAt(p []byte, off int64) (int, error) {
	sort.Slice(r.offs, func(i, j int) bool { return r.offs[i] < r.offs[j] })
	sort.Sort(r.h)
	return r.src.ReadAt(p, off)
}

// known miss: WriteAt's stores into the elements of a slice the receiver
// holds are trusted to be the range [off, off+len(p)) that io.WriterAt
// gives each parallel caller; the index is not checked. This one also
// rewrites a header at index 0 on every call.
type headerToo struct {
	buf []byte
}

func (w *headerToo) WriteAt(p []byte, off int64) (int, error) {
	if off < 8 || off+int64(len(p)) > int64(len(w.buf)) {
		return 0, io.ErrShortWrite
	}
	w.buf[0] = 1
	return copy(w.buf[off:], p), nil
}

// known miss: for the same reason, a copy into a scratch buffer the
// receiver keeps is trusted, though it is not indexed by the offset and
// every parallel call overwrites it.
type copiedScratch struct {
	dst     io.WriterAt
	scratch []byte
}

func (w *copiedScratch) WriteAt(p []byte, off int64) (int, error) {
	if len(p) > len(w.scratch) {
		return w.dst.WriteAt(p, off)
	}
	n := copy(w.scratch, p)
	return w.dst.WriteAt(w.scratch[:n], off)
}

// known miss: each step is atomic, so none is a mutation, but the sequence
// is not: a parallel call can move the shared position between the store
// and the read, the shape of afero's mem.File.ReadAt. Atomicity of a
// sequence of steps is beyond a lock-set analysis.
type atomicPosition struct {
	mu   sync.Mutex
	data []byte
	at   int64
}

// read reads from the shared position and advances it.
func (f *atomicPosition) read(p []byte) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	at := atomic.LoadInt64(&f.at)
	if at >= int64(len(f.data)) {
		return 0, io.EOF
	}
	n := copy(p, f.data[at:])
	atomic.AddInt64(&f.at, int64(n))
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

func (f *atomicPosition) ReadAt(p []byte, off int64) (int, error) {
	prev := atomic.LoadInt64(&f.at)
	atomic.StoreInt64(&f.at, off)
	n, err := f.read(p)
	atomic.StoreInt64(&f.at, prev)
	return n, err
}

// known miss: a pointer read from an element of a shared slice while the
// lock is held is taken to be checked out of a pool the lock guards, and
// so the reader's own after the unlock. Here the element stays in the
// slice, and parallel calls write the same counter.
type peekedElement struct {
	mu    sync.Mutex
	src   io.ReaderAt
	slots []*slot
}

// slot counts the reads of one region.
type slot struct{ reads int }

func (r *peekedElement) ReadAt(p []byte, off int64) (int, error) {
	r.mu.Lock()
	s := r.slots[off%int64(len(r.slots))]
	r.mu.Unlock()
	s.reads++
	return r.src.ReadAt(p, off)
}

// known miss: append to a shared slice writes its array in place when it
// has room past its length, which the analysis cannot see; only appends
// that cut the slice first (append(r.buf[:0], ...)) are reported.
type spareRoom struct {
	src    io.ReaderAt
	prefix []byte
}

func (r *spareRoom) ReadAt(p []byte, off int64) (int, error) {
	line := append(r.prefix, p...)
	_ = line
	return r.src.ReadAt(p, off)
}

// known miss: the channel is a semaphore for several readers, but it is
// made in another package, so its capacity is not known here; a send on a
// shared channel of unknown capacity counts as taking a lock, since a
// channel of capacity one is a mutex.
type sharedSlots struct {
	slots chan struct{}
	src   io.ReaderAt
	reads int
}

func newSharedSlots(src io.ReaderAt) *sharedSlots {
	return &sharedSlots{slots: dep.Slots(4), src: src}
}

func (r *sharedSlots) ReadAt(p []byte, off int64) (int, error) {
	r.slots <- struct{}{}
	defer func() { <-r.slots }()
	r.reads++
	return r.src.ReadAt(p, off)
}

// known miss: a goroutine started once, under the lock and behind a flag,
// is taken to hand its writes over by its own means; this one writes
// r.ahead without the lock while later calls read it under the lock.
type onceAhead struct {
	mu      sync.Mutex
	src     io.ReaderAt
	started bool
	ahead   int64
}

func (r *onceAhead) ReadAt(p []byte, off int64) (int, error) {
	r.mu.Lock()
	if !r.started {
		r.started = true
		go func() {
			for i := int64(0); i < 8; i++ {
				r.ahead = i
			}
		}()
	}
	_ = r.ahead
	r.mu.Unlock()
	return r.src.ReadAt(p, off)
}

// known miss: every call of the private file's WriteAt holds a lock, but
// each handle's own, and several handles share one file. Any lock held
// at the call counts; which object it guards is not checked.
type sharedMemFile struct {
	data []byte
}

func (f *sharedMemFile) WriteAt(p []byte, off int64) (int, error) {
	if end := off + int64(len(p)); end > int64(len(f.data)) {
		f.data = append(f.data, make([]byte, end-int64(len(f.data)))...)
	}
	return copy(f.data[off:], p), nil
}

// handle writes to a file that other handles share, under its own lock.
type handle struct {
	mu   sync.Mutex
	file *sharedMemFile
}

// Write writes p at off through the handle.
func (h *handle) Write(p []byte, off int64) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	_, err := h.file.WriteAt(p, off)
	return err
}
