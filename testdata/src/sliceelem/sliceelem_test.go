package sliceelem

import (
	"bytes"
	"fmt"
	"testing"

	"racetest"
)

func TestParallelReadAt(t *testing.T) {
	data := racetest.Pattern(8 << 10)
	t.Run("blockHits", func(t *testing.T) {
		r := &blockHits{src: bytes.NewReader(data), hits: make([]int, 2)}
		racetest.ReadAt(t, r, data)
		if hits := r.hits[0] + r.hits[1]; hits != racetest.Total {
			t.Errorf("hits = %d, want %d", hits, racetest.Total)
		}
	})
	t.Run("ringOfOffsets", func(t *testing.T) {
		r := &ringOfOffsets{src: bytes.NewReader(data)}
		racetest.ReadAt(t, r, data)
		if r.next != racetest.Total {
			t.Errorf("next = %d, want %d", r.next, racetest.Total)
		}
	})
	t.Run("structElems", func(t *testing.T) {
		// Every call reads at one of the four offsets that have a block,
		// so the goroutines mark the same blocks.
		r := &structElems{src: bytes.NewReader(data),
			blocks: []block{{off: 0}, {off: 1}, {off: 2}, {off: 3}}}
		bufs := make([][]byte, racetest.Goroutines)
		racetest.Run(t, func(g, i int) error {
			if bufs[g] == nil {
				bufs[g] = make([]byte, racetest.ReadSize)
			}
			off := int64((g + i) % 4)
			n, err := r.ReadAt(bufs[g], off)
			if n != len(bufs[g]) || err != nil || !bytes.Equal(bufs[g], data[off:off+int64(n)]) {
				return fmt.Errorf("ReadAt at %d = %d, %v", off, n, err)
			}
			return nil
		})
		for _, b := range r.blocks {
			if !b.used {
				t.Errorf("block at %d not marked used", b.off)
			}
		}
	})
}
