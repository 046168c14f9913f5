package s3

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fakeSource is an in-memory source for New. It counts the bodies it opens
// and closes, the bytes read from them and any misuse, and it injects
// faults.
type fakeSource struct {
	data []byte

	// Faults, set before the first open and then only read.
	openErr error // every open fails with this when set
	failAt  int64 // a body that reaches this offset fails with failErr
	failErr error
	truncAt int64         // bodies end early, with io.EOF, at this offset
	endErr  error         // returned instead of io.EOF at the end of a body
	chunk   int           // at most this many bytes per Read; 0 means any
	gate    chan struct{} // when set, each Read waits until it is closed

	opens    atomic.Int64 // bodies opened
	closes   atomic.Int64 // bodies closed
	pulled   atomic.Int64 // bytes returned by Read
	reading  atomic.Int64 // Reads under way, for tests that close meanwhile
	misuse   atomic.Int64 // reads after close, double closes, parallel reads
	lastMiss atomic.Value // description of the last misuse
}

// newFakeSource returns a fault-free source over data.
func newFakeSource(data []byte) *fakeSource {
	return &fakeSource{data: data, failAt: -1, truncAt: -1}
}

// open is the function handed to New.
func (s *fakeSource) open(off int64) (io.ReadCloser, error) {
	if s.openErr != nil {
		return nil, s.openErr
	}
	if off < 0 || off > int64(len(s.data)) {
		return nil, fmt.Errorf("fake source: open at %d, size %d", off, len(s.data))
	}
	s.opens.Add(1)
	return &fakeBody{src: s, pos: off}, nil
}

// openBodies returns how many opened bodies are not closed yet.
func (s *fakeSource) openBodies() int64 {
	return s.opens.Load() - s.closes.Load()
}

// checkClean fails t if a body is still open or was misused.
func (s *fakeSource) checkClean(t testing.TB) {
	t.Helper()
	if n := s.openBodies(); n != 0 {
		t.Errorf("%d bodies left open (opened %d, closed %d)", n, s.opens.Load(),
			s.closes.Load())
	}
	if n := s.misuse.Load(); n != 0 {
		t.Errorf("%d misuses of bodies, last: %v", n, s.lastMiss.Load())
	}
}

// noteMisuse records a use of a body that its owner must never make.
func (s *fakeSource) noteMisuse(what string) {
	s.misuse.Add(1)
	s.lastMiss.Store(what)
}

// fakeBody is one body of a fakeSource, reading forward from pos.
type fakeBody struct {
	src    *fakeSource
	pos    int64
	busy   atomic.Bool // set during Read, to catch parallel Reads
	closed atomic.Bool
}

// Read returns the source's bytes from pos, applying the source's faults.
func (b *fakeBody) Read(p []byte) (int, error) {
	s := b.src
	if !b.busy.CompareAndSwap(false, true) {
		s.noteMisuse("parallel reads on one body")
		return 0, errors.New("fake body: parallel read")
	}
	defer b.busy.Store(false)
	if b.closed.Load() {
		s.noteMisuse("read after close")
		return 0, errors.New("fake body: read after close")
	}
	if s.gate != nil {
		s.reading.Add(1)
		<-s.gate
		s.reading.Add(-1)
	}
	return b.readData(p)
}

// readData copies the next bytes, stopping at the source's fault points.
func (b *fakeBody) readData(p []byte) (int, error) {
	s := b.src
	end := int64(len(s.data))
	if s.truncAt >= 0 && s.truncAt < end {
		end = s.truncAt
	}
	if s.failAt >= 0 && b.pos >= s.failAt {
		return 0, s.failErr
	}
	if s.failAt >= 0 && s.failAt < end {
		end = s.failAt
	}
	if b.pos >= end {
		if s.endErr != nil {
			return 0, s.endErr
		}
		return 0, io.EOF
	}
	if s.chunk > 0 && len(p) > s.chunk {
		p = p[:s.chunk]
	}
	n := copy(p, s.data[b.pos:end])
	b.pos += int64(n)
	s.pulled.Add(int64(n))
	return n, nil
}

// Close marks the body closed; a second Close is a misuse.
func (b *fakeBody) Close() error {
	if b.closed.Swap(true) {
		b.src.noteMisuse("double close")
		return nil
	}
	b.src.closes.Add(1)
	return nil
}

// testData returns n reproducible pseudo-random bytes.
func testData(n int64, seed uint64) []byte {
	data := make([]byte, n)
	src := rand.NewChaCha8([32]byte{byte(seed), byte(seed >> 8), 's', '3'})
	if _, err := src.Read(data); err != nil {
		panic(err) // ChaCha8.Read never fails
	}
	return data
}

// checkGoroutines fails t if more goroutines than base still run after a
// grace period, printing the stacks of all of them.
func checkGoroutines(t testing.TB, base int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > base && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > base {
		buf := make([]byte, 1<<20)
		buf = buf[:runtime.Stack(buf, true)]
		t.Errorf("%d goroutines left running, want at most %d:\n%s", n, base, buf)
	}
}

// parallel runs fn(i) for i in [0, n) on n goroutines and waits for all.
func parallel(n int, fn func(i int)) {
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { fn(i) })
	}
	wg.Wait()
}

// errText returns err's message, or "<nil>", for exact comparisons.
func errText(err error) string {
	if err == nil {
		return "<nil>"
	}
	return strings.TrimSpace(err.Error())
}
