package lockhelper

import (
	"testing"

	"racetest"
)

func TestParallelReadAt(t *testing.T) {
	data := racetest.Pattern(8 << 10)
	t.Run("lateLocking", func(t *testing.T) {
		r := &lateLocking{data: data}
		racetest.ReadAt(t, r, data)
		if r.hits != racetest.Total {
			t.Errorf("hits = %d, want %d", r.hits, racetest.Total)
		}
	})
	t.Run("unlockingHelper", func(t *testing.T) {
		r := &unlockingHelper{data: data}
		racetest.ReadAt(t, r, data)
		if r.hits != racetest.Total {
			t.Errorf("hits = %d, want %d", r.hits, racetest.Total)
		}
	})
}
