package rwmutex

import (
	"testing"

	"racetest"
)

func TestParallelReadAt(t *testing.T) {
	data := racetest.Pattern(8 << 10)
	t.Run("hitCounter", func(t *testing.T) {
		r := &hitCounter{data: data}
		racetest.ReadAt(t, r, data)
		if r.hits != racetest.Total {
			t.Errorf("hits = %d, want %d", r.hits, racetest.Total)
		}
	})
	t.Run("mixedLocks", func(t *testing.T) {
		r := &mixedLocks{data: data}
		racetest.ReadAt(t, r, data)
		if r.calls != racetest.Total || r.hits != racetest.Total {
			t.Errorf("calls = %d, hits = %d, want %d", r.calls, r.hits, racetest.Total)
		}
	})
}
