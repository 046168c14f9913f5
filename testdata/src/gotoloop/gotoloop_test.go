package gotoloop

import (
	"bytes"
	"fmt"
	"testing"

	"racetest"
)

func TestParallelReadAt(t *testing.T) {
	data := racetest.Pattern(8 << 10)
	t.Run("gotoFailure", func(t *testing.T) {
		// Odd calls ask for a negative offset and jump to the failure
		// label; even calls read whole buffers.
		r := &gotoFailure{src: bytes.NewReader(data)}
		bufs := make([][]byte, racetest.Goroutines)
		racetest.Run(t, func(g, i int) error {
			if bufs[g] == nil {
				bufs[g] = make([]byte, racetest.ReadSize)
			}
			off := racetest.FullOffset(g, i, len(data))
			if i%2 == 1 {
				off = -1
			}
			n, err := r.ReadAt(bufs[g], off)
			switch {
			case off < 0 && (n != 0 || err == nil):
				return fmt.Errorf("ReadAt at -1 = %d, %v", n, err)
			case off >= 0 && (n != len(bufs[g]) || err != nil ||
				!bytes.Equal(bufs[g], data[off:off+int64(n)])):
				return fmt.Errorf("ReadAt at %d = %d, %v", off, n, err)
			}
			return nil
		})
		if r.errors != racetest.Total/2 || r.reads != racetest.Total/2 {
			t.Errorf("errors = %d, reads = %d, want %d each", r.errors, r.reads,
				racetest.Total/2)
		}
	})
	t.Run("continueSkipsLock", func(t *testing.T) {
		// The first row counts on every call; the second is skipped by
		// its negative entry.
		r := &continueSkipsLock{src: bytes.NewReader(data),
			blocks: [][]int64{{1 << 40}, {-1, 0}}}
		racetest.ReadAt(t, r, data)
		if r.hits != racetest.Total {
			t.Errorf("hits = %d, want %d", r.hits, racetest.Total)
		}
	})
}
