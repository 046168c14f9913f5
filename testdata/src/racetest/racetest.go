package racetest

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Goroutines and calls per goroutine of each drive.
const (
	Goroutines = 8
	Calls      = 200
	Total      = Goroutines * Calls // calls in a drive
)

// Deadline bounds a drive: calls still running after it are taken for a
// deadlock. A drive of a fixed reader takes well under a second even under
// -race on a loaded machine; the original of a racy one may hang, and
// should fail soon.
const Deadline = 5 * time.Second

// Pattern returns n bytes that differ at nearby offsets, so that a read
// from the wrong place does not pass for a right one.
func Pattern(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*7 + i/251)
	}
	return b
}

// Run calls call(g, i) for i from 0 to Calls-1 in each of Goroutines
// goroutines, g from 0 to Goroutines-1, all released at once. A goroutine
// stops at its first error, and every error fails the test. If the calls
// have not all returned by Deadline, the test fails at once.
func Run(t *testing.T, call func(g, i int) error) {
	t.Helper()
	start := make(chan struct{})
	errs := make(chan error, Goroutines)
	var wg sync.WaitGroup
	for g := range Goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			for i := range Calls {
				if err := call(g, i); err != nil {
					errs <- fmt.Errorf("goroutine %d, call %d: %w", g, i, err)
					return
				}
			}
		}()
	}
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	close(start)

	// A deadlocked call never returns: report it rather than wait for
	// the test binary's timeout. The stuck goroutines die with the binary.
	select {
	case <-done:
	case <-time.After(Deadline):
		t.Fatalf("parallel calls still running after %v: deadlock?", Deadline)
	}
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// ReadSize is the length of each read of a drive: odd, so that reads
// straddle any power-of-two block a reader may keep.
const ReadSize = 97

// ReadAt calls ra.ReadAt from several goroutines at spread offsets and
// checks every byte returned against want, the content ra serves. A read
// that reaches the end may be short if it returns io.EOF.
func ReadAt(t *testing.T, ra io.ReaderAt, want []byte) {
	t.Helper()
	bufs := buffers(ReadSize)
	Run(t, func(g, i int) error {
		buf := bufs[g]
		off := int64(spread(g, i) % len(want))
		n, err := ra.ReadAt(buf, off)
		if err != nil && err != io.EOF {
			return err
		}
		end := min(int(off)+len(buf), len(want))
		if n != end-int(off) || (err == nil && n < len(buf)) {
			return fmt.Errorf("ReadAt(%d bytes, %d) = %d, %v", len(buf), off, n, err)
		}
		if !bytes.Equal(buf[:n], want[off:end]) {
			return fmt.Errorf("ReadAt(%d bytes, %d): wrong bytes", len(buf), off)
		}
		return nil
	})
}

// spread returns the offset of call i of goroutine g before reduction:
// neighbouring calls land far apart.
func spread(g, i int) int { return g*7919 + i*104729 }

// FullOffset returns the offset that call i of goroutine g reads at in
// ReadAtFull and ReadAtFailing over size bytes, for tests that compute
// what the reads leave behind.
func FullOffset(g, i, size int) int64 {
	return int64(spread(g, i) % (size - ReadSize + 1))
}

// ReadAtFull is ReadAt for readers that must not be asked past the end of
// their content: every read lies wholly inside want, and must fill the
// buffer with a nil error.
func ReadAtFull(t *testing.T, ra io.ReaderAt, want []byte) {
	t.Helper()
	ReadAtFailing(t, ra, want, nil)
}

// ReadAtFailing is ReadAtFull over a source that fails where fail says,
// such as a fake.Source: a read at an offset where fail(off) is true must
// return no bytes and an error that wraps ErrInjected. It returns how
// many reads failed so.
func ReadAtFailing(t *testing.T, ra io.ReaderAt, want []byte, fail func(off int64) bool) int {
	t.Helper()
	if len(want) <= ReadSize {
		t.Fatalf("ReadAtFull needs more than %d bytes of content", ReadSize)
	}
	var failed atomic.Int64
	bufs := buffers(ReadSize)
	Run(t, func(g, i int) error {
		buf := bufs[g]
		off := FullOffset(g, i, len(want))
		n, err := ra.ReadAt(buf, off)
		if fail != nil && fail(off) {
			if n != 0 || !errors.Is(err, ErrInjected) {
				return fmt.Errorf("ReadAt(%d bytes, %d) = %d, %v, want %v", len(buf), off,
					n, err, ErrInjected)
			}
			failed.Add(1)
			return nil
		}
		if n != len(buf) || err != nil {
			return fmt.Errorf("ReadAt(%d bytes, %d) = %d, %v", len(buf), off, n, err)
		}
		if !bytes.Equal(buf, want[off:off+ReadSize]) {
			return fmt.Errorf("ReadAt(%d bytes, %d): wrong bytes", len(buf), off)
		}
		return nil
	})
	return int(failed.Load())
}

// ReadAtCloser is a reader that can be closed.
type ReadAtCloser interface {
	io.ReaderAt
	io.Closer
}

// ReadAtWhileClosing is ReadAt with one more goroutine that calls Close
// while the reads run, once the first goroutine is half done. A read may
// fail once Close has begun, with any error, but a read that returns a
// nil error must return the right bytes, and Close must return nil.
func ReadAtWhileClosing(t *testing.T, rc ReadAtCloser, want []byte) {
	t.Helper()
	halfway := make(chan struct{})
	closed := make(chan error, 1)
	go func() {
		<-halfway
		closed <- rc.Close()
	}()
	bufs := buffers(ReadSize)
	Run(t, func(g, i int) error {
		if g == 0 && i == Calls/2 {
			close(halfway)
		}
		buf := bufs[g]
		off := int64(spread(g, i) % len(want))
		n, err := rc.ReadAt(buf, off)
		end := min(int(off)+len(buf), len(want))
		if err != nil && err != io.EOF {
			return nil // a failure after Close
		}
		if n > end-int(off) || (err == nil && n < len(buf)) {
			return fmt.Errorf("ReadAt(%d bytes, %d) = %d, %v", len(buf), off, n, err)
		}
		if !bytes.Equal(buf[:n], want[off:int(off)+n]) {
			return fmt.Errorf("ReadAt(%d bytes, %d): wrong bytes", len(buf), off)
		}
		return nil
	})
	select {
	case err := <-closed:
		if err != nil {
			t.Errorf("Close while reading: %v", err)
		}
	case <-time.After(Deadline):
		t.Fatalf("Close still running after %v: deadlock?", Deadline)
	}
}

// buffers returns one buffer of n bytes per goroutine.
func buffers(n int) [][]byte {
	bufs := make([][]byte, Goroutines)
	for g := range bufs {
		bufs[g] = make([]byte, n)
	}
	return bufs
}

// WriteAt calls wa.WriteAt from several goroutines, each on its own part
// of a region of size bytes, as io.WriterAt allows: every call writes a
// piece of that part no other call writes, in an order that makes the
// region grow from both ends. It returns the bytes the region must hold
// afterwards, the first WriteSize(size) bytes of Pattern(size); a write
// that lands in the wrong place leaves its own piece unwritten, so the
// caller's comparison catches it.
func WriteAt(t *testing.T, wa io.WriterAt, size int) []byte {
	t.Helper()
	piece := size / (Goroutines * Calls)
	if piece == 0 {
		t.Fatalf("WriteAt needs at least %d bytes", Goroutines*Calls)
	}
	want := Pattern(size)[:WriteSize(size)]
	Run(t, func(g, i int) error {
		// Goroutine g owns pieces g, g+Goroutines, ...: the parts
		// interleave, so that neighbouring pieces come from different
		// goroutines.
		k := g + Goroutines*order(i)
		off := k * piece
		n, err := wa.WriteAt(want[off:off+piece], int64(off))
		if n != piece || err != nil {
			return fmt.Errorf("WriteAt(%d bytes, %d) = %d, %v", piece, off, n, err)
		}
		return nil
	})
	return want
}

// WriteSize returns how many bytes of a region of size bytes WriteAt
// writes: a whole number of pieces.
func WriteSize(size int) int {
	return size / (Goroutines * Calls) * Goroutines * Calls
}

// order maps call i to the index of the piece it writes: high and low
// indexes alternate, so the region is written from both ends at once.
func order(i int) int {
	if i%2 == 0 {
		return Calls - 1 - i/2
	}
	return i / 2
}

// Equal fails the test if got differs from want, naming the first
// differing offset.
func Equal(t *testing.T, what string, got, want []byte) {
	t.Helper()
	if bytes.Equal(got, want) {
		return
	}
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	t.Errorf("%s: %d bytes, want %d; first difference at offset %d", what, len(got),
		len(want), i)
}

// streamRead is the length of each read of ReadStream: four counters.
const streamRead = 16

// Stream returns the content ReadStream consumes: one 4-byte big-endian
// counter per word, counting up from 0, enough for every call of a drive.
func Stream() []byte {
	words := Goroutines * Calls * streamRead / 4
	b := make([]byte, 4*words)
	for w := range words {
		binary.BigEndian.PutUint32(b[4*w:], uint32(w))
	}
	return b
}

// ReadStream drives a reader that serves a stream, whatever the offset:
// every call is ra.ReadAt(buf, 0) with a 16-byte buffer, on a reader over
// Stream(). Each call must return the next four counters of the stream,
// and the calls together must serve every counter exactly once.
func ReadStream(t *testing.T, ra io.ReaderAt) {
	t.Helper()
	var mu sync.Mutex
	served := make(map[uint32]bool)
	bufs := buffers(streamRead)
	Run(t, func(g, i int) error {
		buf := bufs[g]
		n, err := ra.ReadAt(buf, 0)
		if n != len(buf) || err != nil {
			return fmt.Errorf("ReadAt(%d bytes, 0) = %d, %v", len(buf), n, err)
		}
		first := binary.BigEndian.Uint32(buf)
		for w := 0; w < len(buf); w += 4 {
			if c := binary.BigEndian.Uint32(buf[w:]); c != first+uint32(w/4) {
				return fmt.Errorf("counters not in sequence: % x", buf)
			}
		}
		mu.Lock()
		defer mu.Unlock()
		for w := range uint32(len(buf) / 4) {
			if served[first+w] {
				return fmt.Errorf("counter %d served twice", first+w)
			}
			served[first+w] = true
		}
		return nil
	})
	if want := len(Stream()) / 4; len(served) != want && !t.Failed() {
		t.Errorf("served %d counters, want %d", len(served), want)
	}
}

// ErrInjected is the error a fake.Source fails with where its Fail
// function says.
var ErrInjected = errors.New("injected failure")
