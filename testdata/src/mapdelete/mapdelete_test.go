package mapdelete

import (
	"bytes"
	"testing"

	"racetest"
)

func TestParallelReadAt(t *testing.T) {
	data := racetest.Pattern(8 << 10)
	t.Run("evicting", func(t *testing.T) {
		r := &evicting{src: bytes.NewReader(data), blocks: make(map[int64][]byte)}
		racetest.ReadAt(t, r, data)
	})
	t.Run("clearing", func(t *testing.T) {
		// The cache is over its limit: the first call clears it.
		r := &clearing{src: bytes.NewReader(data), blocks: make(map[int64][]byte)}
		for off := range int64(100) {
			r.blocks[off] = nil
		}
		racetest.ReadAt(t, r, data)
		if len(r.blocks) != 0 {
			t.Errorf("%d blocks left, want 0", len(r.blocks))
		}
	})
	t.Run("nestedMaps", func(t *testing.T) {
		r := &nestedMaps{src: bytes.NewReader(data),
			index: map[string]map[int64]int{"reads": {}}}
		racetest.ReadAt(t, r, data)
		reads := 0
		for _, n := range r.index["reads"] {
			reads += n
		}
		if reads != racetest.Total {
			t.Errorf("%d reads counted, want %d", reads, racetest.Total)
		}
	})
}
