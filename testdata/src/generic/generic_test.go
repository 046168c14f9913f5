package generic

import (
	"bytes"
	"strconv"
	"testing"

	"racetest"
)

func TestParallelReadAt(t *testing.T) {
	// valueStore has no fix: only blockStore and genericHelper are tested.
	data := racetest.Pattern(8 << 10)
	t.Run("blockStore", func(t *testing.T) {
		key := func(off int64) string { return strconv.FormatInt(off, 10) }
		r := &blockStore[string]{src: bytes.NewReader(data), key: key,
			blocks: make(map[string][]byte)}
		racetest.ReadAt(t, r, data)
	})
	t.Run("genericHelper", func(t *testing.T) {
		r := &genericHelper{src: bytes.NewReader(data)}
		racetest.ReadAt(t, r, data)
		if r.reads != racetest.Total {
			t.Errorf("reads = %d, want %d", r.reads, racetest.Total)
		}
	})
}
