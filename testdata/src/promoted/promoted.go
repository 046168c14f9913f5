// Package promoted holds readers that call methods promoted from embedded
// fields: r.Read where Read belongs to an embedded reader.
package promoted

import (
	"bufio"
	"io"
	"sync"
)

// bufferedStream embeds a *bufio.Reader and calls its promoted methods.
type bufferedStream struct {
	*bufio.Reader
	pos int64
}

func (r *bufferedStream) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*bufferedStream\)\.ReadAt reads from r\.Reader and writes r\.pos without holding a lock; io\.ReaderAt allows parallel calls$`
	if off < r.pos {
		return 0, io.ErrNoProgress
	}
	if _, err := r.Discard(int(off - r.pos)); err != nil {
		return 0, err
	}
	n, err := io.ReadFull(r.Reader, p)
	r.pos = off + int64(n)
	return n, err
}

// resettingStream resets its embedded bufio.Reader on a new source and
// reads a byte through the promoted ReadByte.
type resettingStream struct {
	*bufio.Reader
	open func(off int64) io.Reader
}

func (r *resettingStream) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*resettingStream\)\.ReadAt resets r\.Reader and reads from r\.Reader without holding a lock; io\.ReaderAt allows parallel calls$`
	r.Reset(r.open(off))
	for i := range p {
		b, err := r.ReadByte()
		if err != nil {
			return i, err
		}
		p[i] = b
	}
	return len(p), nil
}

// counter is a helper type of the package that other types embed.
type counter struct {
	n int
}

// inc adds one to the count.
func (c *counter) inc() { c.n++ }

// countingStream counts through a method promoted from an embedded struct
// of this package.
type countingStream struct {
	counter
	src io.ReaderAt
}

func (r *countingStream) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*countingStream\)\.ReadAt writes r\.counter\.n without holding a lock; io\.ReaderAt allows parallel calls$`
	r.inc()
	return r.src.ReadAt(p, off)
}

// embeddedLock embeds its mutex and the counter, and calls both through
// promotion.
type embeddedLock struct {
	sync.Mutex
	counter
	src io.ReaderAt
}

func (r *embeddedLock) ReadAt(p []byte, off int64) (int, error) {
	r.Lock()
	r.inc() // ok: under the embedded mutex
	r.Unlock()
	return r.src.ReadAt(p, off)
}
