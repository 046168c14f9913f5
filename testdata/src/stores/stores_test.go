package stores

import (
	"bytes"
	"testing"

	"racetest"
)

func TestParallelReadAt(t *testing.T) {
	data := racetest.Pattern(8 << 10)
	t.Run("incDec", func(t *testing.T) {
		r := &incDec{src: bytes.NewReader(data)}
		racetest.ReadAt(t, r, data)
		if r.inFlight != 0 {
			t.Errorf("inFlight = %d after the reads, want 0", r.inFlight)
		}
	})
	t.Run("opAssign", func(t *testing.T) {
		r := &opAssign{src: bytes.NewReader(data), byOff: make(map[int64]int)}
		racetest.ReadAtFull(t, r, data)
		byOff := 0
		for _, n := range r.byOff {
			byOff += n
		}
		want := racetest.Total * racetest.ReadSize
		if r.bytes != int64(want) || byOff != want || r.shifts[0] != 1 {
			t.Errorf("bytes = %d, by offset %d, shifts %v; want %d, %d, [1 0]", r.bytes,
				byOff, r.shifts, want, want)
		}
	})
	t.Run("multiAssign", func(t *testing.T) {
		r := &multiAssign{src: bytes.NewReader(data)}
		racetest.ReadAtFull(t, r, data)
		if r.pos.off != r.last || r.pos.n != racetest.ReadSize {
			t.Errorf("pos = %+v after a last read at %d", r.pos, r.last)
		}
	})
	t.Run("throughPointers", func(t *testing.T) {
		r := &throughPointers{src: bytes.NewReader(data), count: new(int64)}
		racetest.ReadAt(t, r, data)
		if *r.count != r.pos.off {
			t.Errorf("count = %d, pos.off = %d: not from the same call", *r.count, r.pos.off)
		}
	})
}
