package trylock

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"racetest"
	"racetest/fake"
)

func TestParallelReadAt(t *testing.T) {
	data := racetest.Pattern(8 << 10)
	t.Run("busyCounts", func(t *testing.T) {
		// A slow source keeps the lock taken, so that parallel calls find
		// it busy; each call either reads or fails busy.
		src := &fake.Source{Data: data, Delay: 20 * time.Microsecond}
		r := &busyCounts{src: src}
		bufs := make([][]byte, racetest.Goroutines)
		racetest.Run(t, func(g, i int) error {
			if bufs[g] == nil {
				bufs[g] = make([]byte, racetest.ReadSize)
			}
			off := racetest.FullOffset(g, i, len(data))
			n, err := r.ReadAt(bufs[g], off)
			if err == errBusy && n == 0 {
				return nil
			}
			if n != len(bufs[g]) || err != nil || !bytes.Equal(bufs[g], data[off:off+int64(n)]) {
				return fmt.Errorf("ReadAt at %d = %d, %v", off, n, err)
			}
			return nil
		})
		if r.hits+r.busy != racetest.Total {
			t.Errorf("hits = %d, busy = %d, want %d in all", r.hits, r.busy, racetest.Total)
		}
	})
	t.Run("tryReadLock", func(t *testing.T) {
		r := &tryReadLock{src: bytes.NewReader(data)}
		racetest.ReadAt(t, r, data)
		if r.hits != racetest.Total {
			t.Errorf("hits = %d, want %d", r.hits, racetest.Total)
		}
	})
}
