// Package handedoff holds racy readers whose other methods hand the
// reader itself to code that calls its methods back: a Read that reads
// through io.NewSectionReader over its own receiver while holding its
// mutex, or that stores the receiver in an io.ReaderAt variable. Locking
// ReadAt with that mutex would deadlock, so the fix adds a mutex of its
// own. A ReadAt that hands itself on while it would hold the lock gets no
// fix at all.
package handedoff

import (
	"io"
	"sync"
)

// sectionRead's Read holds mu and reads through a section reader over
// the receiver, which calls ReadAt.
type sectionRead struct {
	mu   sync.Mutex
	src  io.ReadSeeker
	pos  int64
	size int64
}

func (r *sectionRead) Read(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	n, err := io.NewSectionReader(r, r.pos, r.size-r.pos).Read(p)
	r.pos += int64(n)
	return n, err
}

func (r *sectionRead) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*sectionRead\)\.ReadAt seeks r\.src and reads from r\.src without holding a lock; io\.ReaderAt allows parallel calls$`
	if _, err := r.src.Seek(off, io.SeekStart); err != nil {
		return 0, err
	}
	n, err := io.ReadFull(r.src, p)
	if err == io.ErrUnexpectedEOF {
		err = io.EOF
	}
	return n, err
}

// interfaceRead's Read holds mu and calls ReadAt through an io.ReaderAt
// holding the receiver.
type interfaceRead struct {
	mu  sync.Mutex
	src io.ReadSeeker
	pos int64
}

func (r *interfaceRead) Read(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	var ra io.ReaderAt = r
	n, err := ra.ReadAt(p, r.pos)
	r.pos += int64(n)
	return n, err
}

func (r *interfaceRead) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*interfaceRead\)\.ReadAt seeks r\.src and reads from r\.src without holding a lock; io\.ReaderAt allows parallel calls$`
	if _, err := r.src.Seek(off, io.SeekStart); err != nil {
		return 0, err
	}
	n, err := io.ReadFull(r.src, p)
	if err == io.ErrUnexpectedEOF {
		err = io.EOF
	}
	return n, err
}

// selfSection's ReadAt counts its calls, then reads through a section
// reader over itself when asked for a tail: a lock held by ReadAt would
// be taken again by the inner call.
type selfSection struct {
	src   io.ReaderAt
	size  int64
	calls int
}

func (r *selfSection) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*selfSection\)\.ReadAt writes r\.calls without holding a lock; io\.ReaderAt allows parallel calls; no fix: \(\*selfSection\)\.ReadAt hands a selfSection to code that may call \(\*selfSection\)\.ReadAt, and both would need the lock$`
	r.calls++
	if off < 0 {
		return io.NewSectionReader(r, 0, r.size).ReadAt(p, off+r.size)
	}
	return r.src.ReadAt(p, off)
}

// selfStream keeps a section reader over itself, made by its
// constructor, and reads through it in ReadAll: locking ReadAll and
// ReadAt with one mutex would deadlock.
type selfStream struct {
	src    io.ReaderAt
	size   int64
	stream *io.SectionReader
	blocks map[int64][]byte
}

func newSelfStream(src io.ReaderAt, size int64) *selfStream {
	r := &selfStream{src: src, size: size, blocks: make(map[int64][]byte)}
	r.stream = io.NewSectionReader(r, 0, size)
	return r
}

func (r *selfStream) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*selfStream\)\.ReadAt writes r\.blocks\[k\] without holding a lock; io\.ReaderAt allows parallel calls; no fix: \(\*selfStream\)\.ReadAll may call \(\*selfStream\)\.ReadAt through field stream, which refers back to the selfStream, and both would need the lock$`
	n, err := r.src.ReadAt(p, off)
	r.blocks[off] = p[:n]
	return n, err
}

// ReadAll drops the cache and reads everything through the stream.
func (r *selfStream) ReadAll() ([]byte, error) {
	clear(r.blocks)
	if _, err := r.stream.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	return io.ReadAll(r.stream)
}

// onceTable loads its table through sync.OnceValue of a method, which
// ReadAt calls through a field: locking both with one mutex would
// deadlock.
type onceTable struct {
	src   io.ReaderAt
	table func() []int64
	cur   int64
}

func newOnceTable(src io.ReaderAt) *onceTable {
	r := &onceTable{src: src}
	r.table = sync.OnceValue(r.load)
	return r
}

// load reads the table and notes where it ends.
func (r *onceTable) load() []int64 {
	r.cur = 0
	return []int64{0}
}

func (r *onceTable) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*onceTable\)\.ReadAt writes r\.cur without holding a lock; io\.ReaderAt allows parallel calls; no fix: \(\*onceTable\)\.ReadAt may call \(\*onceTable\)\.load through field table, which refers back to the onceTable, and both would need the lock$`
	_ = r.table()
	r.cur = off
	return r.src.ReadAt(p, off)
}
