package panics

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"racetest"
	"racetest/fake"
)

func TestParallelReadAt(t *testing.T) {
	// The source panics on a third of the reads; ReadAt recovers, counts
	// the panic and fails with an error that names it. The source is slow,
	// so that calls overlap.
	data := racetest.Pattern(8 << 10)
	fail := func(off int64) bool { return off%3 == 0 }
	src := &fake.Source{Data: data, Fail: fail, Panic: true, Delay: 20 * time.Microsecond}
	r := &recoverAfterUnlock{src: src}
	want := "read panicked: " + racetest.ErrInjected.Error()
	failed := 0
	for g := range racetest.Goroutines {
		for i := range racetest.Calls {
			if fail(racetest.FullOffset(g, i, len(data))) {
				failed++
			}
		}
	}
	bufs := make([][]byte, racetest.Goroutines)
	racetest.Run(t, func(g, i int) error {
		if bufs[g] == nil {
			bufs[g] = make([]byte, racetest.ReadSize)
		}
		off := racetest.FullOffset(g, i, len(data))
		n, err := r.ReadAt(bufs[g], off)
		switch {
		case fail(off) && (n != 0 || err == nil || err.Error() != want):
			return fmt.Errorf("ReadAt at %d = %d, %v, want 0, %s", off, n, err, want)
		case !fail(off) && (n != len(bufs[g]) || err != nil ||
			!bytes.Equal(bufs[g], data[off:off+int64(n)])):
			return fmt.Errorf("ReadAt at %d = %d, %v", off, n, err)
		}
		return nil
	})
	if failed == 0 || r.panics != failed {
		t.Errorf("panics = %d, want %d", r.panics, failed)
	}
}
