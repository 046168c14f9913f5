package closurephi

import (
	"bytes"
	"testing"

	"racetest"
)

func TestParallelReadAt(t *testing.T) {
	data := racetest.Pattern(8 << 10)
	t.Run("pickedUpdate", func(t *testing.T) {
		r := &pickedUpdate{src: bytes.NewReader(data)}
		racetest.ReadAtFull(t, r, data)

		// size is the end of the furthest read.
		var want int64
		for g := range racetest.Goroutines {
			for i := range racetest.Calls {
				want = max(want, racetest.FullOffset(g, i, len(data))+racetest.ReadSize)
			}
		}
		if r.size != want {
			t.Errorf("size = %d, want %d", r.size, want)
		}
	})
	t.Run("pickedMethod", func(t *testing.T) {
		// ReadAt calls miss through a method value with the lock held: a
		// fix that locked miss too would deadlock here. Every offset but
		// 0 misses.
		r := &pickedMethod{src: bytes.NewReader(data)}
		racetest.ReadAtFull(t, r, data)
		misses := 0
		for g := range racetest.Goroutines {
			for i := range racetest.Calls {
				if racetest.FullOffset(g, i, len(data)) > 0 {
					misses++
				}
			}
		}
		if r.misses != misses {
			t.Errorf("misses = %d, want %d", r.misses, misses)
		}
	})
}
