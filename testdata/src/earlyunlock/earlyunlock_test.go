package earlyunlock

import (
	"bytes"
	"fmt"
	"io"
	"testing"

	"racetest"
)

func TestParallelReadAt(t *testing.T) {
	data := racetest.Pattern(8 << 10)
	t.Run("lateCount", func(t *testing.T) {
		// Odd calls read past the end and count a miss.
		r := &lateCount{data: data}
		bufs := make([][]byte, racetest.Goroutines)
		racetest.Run(t, func(g, i int) error {
			if bufs[g] == nil {
				bufs[g] = make([]byte, racetest.ReadSize)
			}
			off := racetest.FullOffset(g, i, len(data))
			if i%2 == 1 {
				off = int64(len(data) + i)
			}
			n, err := r.ReadAt(bufs[g], off)
			switch {
			case off >= int64(len(data)) && (n != 0 || err != io.EOF):
				return fmt.Errorf("ReadAt past the end = %d, %v", n, err)
			case off < int64(len(data)) && (n != len(bufs[g]) || err != nil ||
				!bytes.Equal(bufs[g], data[off:off+int64(n)])):
				return fmt.Errorf("ReadAt at %d = %d, %v", off, n, err)
			}
			return nil
		})
		if r.misses != racetest.Total/2 {
			t.Errorf("misses = %d, want %d", r.misses, racetest.Total/2)
		}
	})
	t.Run("missCounter", func(t *testing.T) {
		// No block is cached: every call misses.
		r := &missCounter{blocks: map[int64][]byte{}, src: bytes.NewReader(data)}
		racetest.ReadAt(t, r, data)
		if r.misses != racetest.Total {
			t.Errorf("misses = %d, want %d", r.misses, racetest.Total)
		}
	})
}
