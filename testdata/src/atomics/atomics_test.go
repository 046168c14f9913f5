package atomics

import (
	"bytes"
	"testing"

	"racetest"
)

func TestParallelReadAt(t *testing.T) {
	data := racetest.Pattern(8 << 10)
	r := &mixedAtomic{src: bytes.NewReader(data)}
	racetest.ReadAtFull(t, r, data)

	// high is the end of the furthest read.
	var want int64
	for g := range racetest.Goroutines {
		for i := range racetest.Calls {
			want = max(want, racetest.FullOffset(g, i, len(data))+racetest.ReadSize)
		}
	}
	if r.high != want {
		t.Errorf("high = %d, want %d", r.high, want)
	}
}
