package doublecheck

import (
	"bytes"
	"testing"
	"time"

	"racetest"
	"racetest/fake"
)

func TestParallelReadAt(t *testing.T) {
	data := racetest.Pattern(8 << 10)
	t.Run("readLockedPut", func(t *testing.T) {
		r := &readLockedPut{src: bytes.NewReader(data), blocks: make(map[int64][]byte)}
		racetest.ReadAt(t, r, data)
	})
	t.Run("gapUpgrade", func(t *testing.T) {
		// A slow source holds the write lock long enough for the other
		// calls to queue; they get the read lock together and count their
		// misses at once.
		src := &fake.Source{Data: data, Delay: 20 * time.Microsecond}
		r := &gapUpgrade{src: src, blocks: make(map[int64][]byte)}
		racetest.ReadAtFull(t, r, data)

		// A miss stores the block at its offset: one miss per offset.
		if r.misses != len(r.blocks) {
			t.Errorf("misses = %d, want %d, one per cached block", r.misses, len(r.blocks))
		}
	})
}
