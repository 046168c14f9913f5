package relock

import (
	"testing"
	"time"

	"racetest"
	"racetest/fake"
)

func TestParallelReadAt(t *testing.T) {
	// A slow source keeps each call in the window where the lock is
	// dropped long enough for other calls to count their misses.
	data := racetest.Pattern(8 << 10)
	src := &fake.Source{Data: data, Delay: 20 * time.Microsecond}
	r := &countInWindow{src: src, cache: make(map[int64][]byte)}
	racetest.ReadAtFull(t, r, data)

	// The fix holds a lock for the whole call, so a second read at an
	// offset always finds the first one's block: one miss per block.
	if r.misses != len(r.cache) {
		t.Errorf("misses = %d, want %d, one per cached block", r.misses, len(r.cache))
	}
}
