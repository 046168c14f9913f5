// Package channels holds readers that talk to other goroutines through
// channels: sends and receives are synchronised by the channel.
package channels

import (
	"io"
)

// request asks a server goroutine for a read.
type request struct {
	p     []byte
	off   int64
	reply chan result
}

// result is the answer to a request.
type result struct {
	n   int
	err error
}

// served sends each read to a server goroutine and waits for the answer.
type served struct {
	reqs chan request
	done chan struct{}
}

func (r *served) ReadAt(p []byte, off int64) (int, error) {
	reply := make(chan result, 1)
	select {
	case r.reqs <- request{p: p, off: off, reply: reply}: // ok: a channel send
	case <-r.done: // ok: a channel receive
		return 0, io.ErrClosedPipe
	}
	res := <-reply
	return res.n, res.err
}

// tokens limits parallel reads with a buffered channel used as a
// semaphore.
type tokens struct {
	src io.ReaderAt
	sem chan struct{}
}

func (r *tokens) ReadAt(p []byte, off int64) (int, error) {
	r.sem <- struct{}{}        // ok: a channel send
	defer func() { <-r.sem }() // ok: a channel receive
	return r.src.ReadAt(p, off)
}

// replacedChannel swaps in a new channel: that is a write to the field,
// not a channel operation.
type replacedChannel struct {
	src  io.ReaderAt
	done chan struct{}
}

func (r *replacedChannel) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*replacedChannel\)\.ReadAt writes r\.done without holding a lock; io\.ReaderAt allows parallel calls$`
	n, err := r.src.ReadAt(p, off)
	if err != nil {
		r.done = make(chan struct{})
	}
	return n, err
}
