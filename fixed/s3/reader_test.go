package s3

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"testing"
	"time"
)

// Injected faults; the tests check that each reaches the caller unchanged.
var (
	errOpen     = errors.New("injected open failure")
	errBody     = errors.New("injected body failure")
	errChecksum = errors.New("injected checksum mismatch")
)

// checkReadAt compares one ReadAt on r with the same call on want, which
// is a bytes.Reader over the source: same count, same bytes, and io.EOF
// exactly when want reports it.
func checkReadAt(r io.ReaderAt, want *bytes.Reader, off int64, size int) error {
	got, exp := make([]byte, size), make([]byte, size)
	n, err := r.ReadAt(got, off)
	wn, werr := want.ReadAt(exp, off)
	switch {
	case n != wn:
		return fmt.Errorf("ReadAt(%d bytes, %d) = %d bytes, want %d (err %v)", size, off,
			n, wn, err)
	case (err == io.EOF) != (werr == io.EOF) || (err == nil) != (werr == nil):
		return fmt.Errorf("ReadAt(%d bytes, %d) error = %v, want %v", size, off, err, werr)
	case !bytes.Equal(got[:n], exp[:wn]):
		return fmt.Errorf("ReadAt(%d bytes, %d) returned wrong bytes", size, off)
	}
	return nil
}

// TestSequentialReuse checks that one caller reading the object front to
// back in small steps opens one body, and that the body is closed once the
// end is reached.
func TestSequentialReuse(t *testing.T) {
	data := testData(1<<20+7, 1)
	src := newFakeSource(data)
	src.chunk = 1500 // short Reads exercise the fill loop
	r := New(src.open, int64(len(data)))
	want := bytes.NewReader(data)

	for off := int64(0); off < int64(len(data)); off += 4000 {
		if err := checkReadAt(r, want, off, 4000); err != nil {
			t.Fatal(err)
		}
	}
	if got := src.opens.Load(); got != 1 {
		t.Errorf("opened %d bodies, want 1", got)
	}
	if got := src.openBodies(); got != 0 {
		t.Errorf("%d bodies open after reading to the end, want 0", got)
	}
	if got := src.pulled.Load(); got != int64(len(data)) {
		t.Errorf("pulled %d bytes from the source, want %d", got, len(data))
	}
	if err := r.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	src.checkClean(t)
}

// region returns the offset of the i-th of the disjoint test regions, which
// are separated by gaps so that no region's body is ever positioned at the
// start of another.
func region(i int) int64 {
	return int64(i) * 40000
}

// regionLen is the length of each test region.
const regionLen = 30000

// TestRegionsOneBodyEach checks that parallel sequential readers, fewer
// than the pool holds, each open exactly one body.
func TestRegionsOneBodyEach(t *testing.T) {
	const readers = 12
	data := testData(region(readers), 2)
	src := newFakeSource(data)
	r := New(src.open, int64(len(data)))
	want := bytes.NewReader(data)

	errs := make([]error, readers)
	parallel(readers, func(i int) {
		for step := int64(0); step < regionLen && errs[i] == nil; step += 1000 {
			errs[i] = checkReadAt(r, want, region(i)+step, 1000)
		}
	})
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	if got := src.opens.Load(); got != readers {
		t.Errorf("opened %d bodies, want %d", got, readers)
	}
	if err := r.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	src.checkClean(t)
}

// TestPoolBound checks that the pool never holds more than maxIdle bodies,
// that it evicts the least recently used one, and that Close closes them
// all. Readers take turns in a fixed order so that the evictions, and so
// the number of opens, are exact.
func TestPoolBound(t *testing.T) {
	const readers, steps = maxIdle + 8, 3
	data := testData(region(readers), 3)
	src := newFakeSource(data)
	r := New(src.open, int64(len(data)))
	want := bytes.NewReader(data)

	// step has readers first..readers-1 each read their next 1000 bytes.
	step := func(k, first int) {
		for i := first; i < readers; i++ {
			if err := checkReadAt(r, want, region(i)+int64(k)*1000, 1000); err != nil {
				t.Fatal(err)
			}
		}
		if got := src.openBodies(); got != maxIdle {
			t.Fatalf("step %d: %d bodies open, want %d", k, got, maxIdle)
		}
	}

	// Going round more readers than the pool holds, each body is evicted
	// before its reader comes back, so every read opens a body.
	for k := range steps {
		step(k, 0)
	}
	if got, want := src.opens.Load(), int64(readers*steps); got != want {
		t.Errorf("opened %d bodies going round %d readers, want %d", got, readers, want)
	}

	// The pool now holds the bodies of the last maxIdle readers, so those
	// readers go on without opening anything.
	for k := steps; k < 2*steps; k++ {
		step(k, readers-maxIdle)
	}
	if got, want := src.opens.Load(), int64(readers*steps); got != want {
		t.Errorf("opened %d bodies in all, want %d", got, want)
	}
	if err := r.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	src.checkClean(t)
}

// TestParallelMixed runs sequential readers over their own regions in small
// uneven steps next to readers at random offsets and sizes, some across the
// end, and compares every result with bytes.Reader.
func TestParallelMixed(t *testing.T) {
	const sequential, random = 12, 8
	base := runtime.NumGoroutine()
	data := testData(region(sequential)+333, 4)
	src := newFakeSource(data)
	src.chunk = 4096
	r := New(src.open, int64(len(data)))
	want := bytes.NewReader(data)

	errs := make([]error, sequential+random)
	parallel(sequential+random, func(i int) {
		rng := rand.New(rand.NewPCG(uint64(i), 5))
		if i < sequential {
			for off := region(i); off < region(i)+regionLen && errs[i] == nil; {
				size := 1 + rng.IntN(3000)
				errs[i] = checkReadAt(r, want, off, size)
				off += int64(size)
			}
			return
		}
		for range 300 {
			off := rng.Int64N(int64(len(data)) + 100)
			if errs[i] = checkReadAt(r, want, off, rng.IntN(9000)); errs[i] != nil {
				return
			}
		}
	})
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	if err := r.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	src.checkClean(t)
	checkGoroutines(t, base)
}

// TestEnd checks reads at, across and past the end, and bad offsets,
// against exact results, and that none of them opens a body it need not.
func TestEnd(t *testing.T) {
	const size = 10000
	tests := []struct {
		off       int64
		len       int
		n         int
		err       string
		wantOpens int64
	}{
		{off: 0, len: 0, n: 0, err: "<nil>", wantOpens: 0},
		{off: size - 10, len: 10, n: 10, err: "<nil>", wantOpens: 1},
		{off: size - 10, len: 100, n: 10, err: "EOF", wantOpens: 1},
		{off: 0, len: size + 1, n: size, err: "EOF", wantOpens: 1},
		{off: size, len: 0, n: 0, err: "EOF", wantOpens: 0},
		{off: size, len: 10, n: 0, err: "EOF", wantOpens: 0},
		{off: size + 5, len: 10, n: 0, err: "EOF", wantOpens: 0},
		{off: -1, len: 10, n: 0, err: "s3: read at negative offset -1", wantOpens: 0},
	}
	data := testData(size, 6)
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d+%d", tt.off, tt.len), func(t *testing.T) {
			src := newFakeSource(data)
			r := New(src.open, size)
			p := make([]byte, tt.len)
			n, err := r.ReadAt(p, tt.off)
			if n != tt.n || errText(err) != tt.err {
				t.Errorf("ReadAt = %d, %q; want %d, %q", n, errText(err), tt.n, tt.err)
			}
			if tt.n > 0 && !bytes.Equal(p[:n], data[tt.off:tt.off+int64(n)]) {
				t.Errorf("ReadAt returned wrong bytes")
			}
			if got := src.opens.Load(); got != tt.wantOpens {
				t.Errorf("opened %d bodies, want %d", got, tt.wantOpens)
			}
			if got := src.openBodies(); got != 0 {
				t.Errorf("%d bodies open after a read that reached the end", got)
			}
			r.Close()
			src.checkClean(t)
		})
	}
}

// TestReadAfterClose checks that Close closes pooled bodies, is idempotent,
// and that a later ReadAt fails with ErrClosed without opening anything.
func TestReadAfterClose(t *testing.T) {
	data := testData(10000, 7)
	src := newFakeSource(data)
	r := New(src.open, int64(len(data)))
	if _, err := r.ReadAt(make([]byte, 100), 0); err != nil {
		t.Fatalf("ReadAt before Close: %v", err)
	}
	if got := src.openBodies(); got != 1 {
		t.Fatalf("%d bodies open after one read, want 1 in the pool", got)
	}

	if err := r.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if err := r.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	for _, off := range []int64{0, 100, int64(len(data))} {
		n, err := r.ReadAt(make([]byte, 10), off)
		if n != 0 || err != ErrClosed {
			t.Errorf("ReadAt(%d) after Close = %d, %v; want 0, %v", off, n, err, ErrClosed)
		}
	}
	if got := src.opens.Load(); got != 1 {
		t.Errorf("opened %d bodies, want 1", got)
	}
	src.checkClean(t)
}

// TestCloseDuringReads closes the Reader while reads are blocked inside
// their bodies. Close must return without waiting for them; each read must
// then fail with ErrClosed and close its own body, exactly once.
func TestCloseDuringReads(t *testing.T) {
	const readers = 6
	base := runtime.NumGoroutine()
	data := testData(region(readers), 8)
	src := newFakeSource(data)
	r := New(src.open, int64(len(data)))

	// Leave one body in the pool, then make every further Read block.
	if _, err := r.ReadAt(make([]byte, 10), region(readers-1)); err != nil {
		t.Fatalf("ReadAt: %v", err)
	}
	src.gate = make(chan struct{})
	errs := make(chan error, readers)
	for i := range readers - 1 {
		go func() {
			_, err := r.ReadAt(make([]byte, 1000), region(i))
			errs <- err
		}()
	}
	waitFor(t, "reads to block", func() bool { return src.reading.Load() == readers-1 })

	// Close while they block, then let them go.
	if err := r.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if got := src.openBodies(); got != readers-1 {
		t.Errorf("%d bodies open after Close, want the %d in flight", got, readers-1)
	}
	close(src.gate)
	for range readers - 1 {
		select {
		case err := <-errs:
			if !errors.Is(err, ErrClosed) {
				t.Errorf("read in flight during Close: err = %v, want %v", err, ErrClosed)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("a read in flight during Close never returned")
		}
	}
	src.checkClean(t)
	checkGoroutines(t, base)
}

// waitFor polls cond until it holds, failing t after five seconds.
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !cond(); {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

// TestFaults injects each fault and checks the exact error the caller gets,
// that it wraps the injected one, and that no body is left open.
func TestFaults(t *testing.T) {
	const size = 10000
	tests := []struct {
		name   string
		inject func(*fakeSource)
		off    int64
		len    int
		n      int
		err    string
		wraps  error
	}{{
		name:   "open fails",
		inject: func(s *fakeSource) { s.openErr = errOpen },
		off:    1000, len: 100, n: 0,
		err:   "s3: open at offset 1000: injected open failure",
		wraps: errOpen,
	}, {
		name:   "body fails midway",
		inject: func(s *fakeSource) { s.failAt, s.failErr = 5000, errBody },
		off:    1000, len: 8000, n: 4000,
		err:   "s3: read at offset 5000: injected body failure",
		wraps: errBody,
	}, {
		name:   "body truncated",
		inject: func(s *fakeSource) { s.truncAt = 5000 },
		off:    1000, len: 8000, n: 4000,
		err:   "s3: read at offset 5000: unexpected EOF",
		wraps: io.ErrUnexpectedEOF,
	}, {
		name:   "checksum error at the end",
		inject: func(s *fakeSource) { s.endErr = errChecksum },
		off:    size - 100, len: 100, n: 100,
		err:   "s3: end of body at offset 10000: injected checksum mismatch",
		wraps: errChecksum,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := newFakeSource(testData(size, 9))
			tt.inject(src)
			r := New(src.open, size)
			n, err := r.ReadAt(make([]byte, tt.len), tt.off)
			if n != tt.n || errText(err) != tt.err {
				t.Errorf("ReadAt = %d, %q; want %d, %q", n, errText(err), tt.n, tt.err)
			}
			if !errors.Is(err, tt.wraps) {
				t.Errorf("error %v does not wrap %v", err, tt.wraps)
			}
			if got := src.openBodies(); got != 0 {
				t.Errorf("%d bodies open after the failed read, want 0", got)
			}
			r.Close()
			src.checkClean(t)
		})
	}
}

// TestFaultThenRecover checks that a failed body is dropped rather than
// pooled, so a later read at the same place opens a fresh one.
func TestFaultThenRecover(t *testing.T) {
	data := testData(10000, 10)
	src := newFakeSource(data)
	r := New(src.open, int64(len(data)))
	src.chunk = 100
	src.failAt, src.failErr = 5000, errBody
	if _, err := r.ReadAt(make([]byte, 1000), 4500); !errors.Is(err, errBody) {
		t.Fatalf("ReadAt across the fault: err = %v, want %v", err, errBody)
	}

	// With the fault gone, the same read succeeds on a new body.
	src.failAt = -1
	if err := checkReadAt(r, bytes.NewReader(data), 4500, 1000); err != nil {
		t.Fatal(err)
	}
	if got := src.opens.Load(); got != 2 {
		t.Errorf("opened %d bodies, want 2", got)
	}
	r.Close()
	src.checkClean(t)
}
