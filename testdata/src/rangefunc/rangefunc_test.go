package rangefunc

import (
	"bytes"
	"testing"

	"racetest"
)

func TestParallelReadAt(t *testing.T) {
	data := racetest.Pattern(8 << 10)
	t.Run("ownIterator", func(t *testing.T) {
		r := &ownIterator{src: bytes.NewReader(data), offs: []int64{1, 2, 3}}
		racetest.ReadAt(t, r, data)
		if r.total != 6*racetest.Total {
			t.Errorf("total = %d, want %d", r.total, 6*racetest.Total)
		}
	})
	t.Run("mapsAll", func(t *testing.T) {
		r := &mapsAll{src: bytes.NewReader(data), sizes: map[int64]int{0: 1, 1: 2, 2: 3}}
		racetest.ReadAt(t, r, data)
		if r.total != 6*racetest.Total {
			t.Errorf("total = %d, want %d", r.total, 6*racetest.Total)
		}
	})
	t.Run("slicesValues", func(t *testing.T) {
		// No offset is in offs: every call sees all three.
		r := &slicesValues{src: bytes.NewReader(data), offs: []int64{-1, -2, -3}}
		racetest.ReadAt(t, r, data)
		if r.seen != 3*racetest.Total {
			t.Errorf("seen = %d, want %d", r.seen, 3*racetest.Total)
		}
	})
}
