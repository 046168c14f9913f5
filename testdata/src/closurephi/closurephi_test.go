package closurephi

import (
	"bytes"
	"os"
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
		// The fix locks both ReadAt and miss, and ReadAt calls miss
		// through a method value with the lock held: every read at an
		// offset above 0 deadlocks.
		if os.Getenv("READERATCHECK_KNOWN_BUGS") == "" {
			t.Skip("known bug: the fix deadlocks; set READERATCHECK_KNOWN_BUGS=1 to run")
		}
		r := &pickedMethod{src: bytes.NewReader(data)}
		racetest.ReadAt(t, r, data)
	})
}
