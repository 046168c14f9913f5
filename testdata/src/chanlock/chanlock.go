// Package chanlock holds readers that use a buffered channel as their
// lock. A channel of capacity one is a mutex, whether a send takes it and
// a receive gives it back or, filled with one token, the other way round;
// a channel of greater capacity lets several readers in at once.
package chanlock

import (
	"context"
	"io"
	"runtime"
)

// sendLocked takes its one-slot channel by sending into it.
type sendLocked struct {
	sem chan struct{}
	src io.ReadSeeker
}

func newSendLocked(src io.ReadSeeker) *sendLocked {
	return &sendLocked{sem: make(chan struct{}, 1), src: src}
}

func (r *sendLocked) ReadAt(p []byte, off int64) (int, error) {
	r.sem <- struct{}{}
	defer func() { <-r.sem }()
	if _, err := r.src.Seek(off, io.SeekStart); err != nil {
		return 0, err
	}
	n, err := io.ReadFull(r.src, p)
	if err == io.ErrUnexpectedEOF {
		err = io.EOF
	}
	return n, err
}

// tokenLocked holds one token in its channel and takes it to read.
type tokenLocked struct {
	token chan struct{}
	src   io.ReaderAt
	reads int
}

func newTokenLocked(src io.ReaderAt) *tokenLocked {
	r := &tokenLocked{src: src}
	r.token = make(chan struct{}, 1)
	r.token <- struct{}{}
	return r
}

func (r *tokenLocked) ReadAt(p []byte, off int64) (int, error) {
	<-r.token
	r.reads++
	r.token <- struct{}{}
	return r.src.ReadAt(p, off)
}

// cancellable waits for its one-slot channel or for its context.
type cancellable struct {
	ctx   context.Context
	sem   chan struct{}
	src   io.ReaderAt
	reads int
}

func newCancellable(ctx context.Context, src io.ReaderAt) *cancellable {
	return &cancellable{ctx: ctx, sem: make(chan struct{}, 1), src: src}
}

func (r *cancellable) ReadAt(p []byte, off int64) (int, error) {
	select {
	case r.sem <- struct{}{}:
	case <-r.ctx.Done():
		return 0, r.ctx.Err()
	}
	r.reads++
	<-r.sem
	return r.src.ReadAt(p, off)
}

// fourAtOnce lets four readers in at once: its channel bounds the load
// on the source, it excludes nothing.
type fourAtOnce struct {
	slots chan struct{}
	src   io.ReaderAt
	reads int
}

func newFourAtOnce(src io.ReaderAt) *fourAtOnce {
	return &fourAtOnce{slots: make(chan struct{}, 4), src: src}
}

func (r *fourAtOnce) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*fourAtOnce\)\.ReadAt writes r\.reads without holding a lock; io\.ReaderAt allows parallel calls$`
	r.slots <- struct{}{}
	defer func() { <-r.slots }()
	n := r.reads
	runtime.Gosched() // let the other readers in the slots run here
	r.reads = n + 1
	return r.src.ReadAt(p, off)
}

// prefetched takes chunks that a goroutine reads ahead from a queue, and
// keeps the last one.
type prefetched struct {
	chunks chan []byte
	src    io.ReaderAt
	last   []byte
}

func newPrefetched(src io.ReaderAt) *prefetched {
	return &prefetched{chunks: make(chan []byte, 8), src: src}
}

func (r *prefetched) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*prefetched\)\.ReadAt writes r\.last without holding a lock; io\.ReaderAt allows parallel calls$`
	select {
	case c := <-r.chunks:
		r.last = c
	default:
	}
	return r.src.ReadAt(p, off)
}
