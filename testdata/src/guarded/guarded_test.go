package guarded

import (
	"bytes"
	"testing"

	"racetest"
)

func TestParallelReadAt(t *testing.T) {
	data := racetest.Pattern(8 << 10)
	check := func(t *testing.T, reads int) {
		if reads != racetest.Total {
			t.Errorf("%d reads counted, want %d", reads, racetest.Total)
		}
	}
	t.Run("underGuard", func(t *testing.T) {
		r := &underGuard{src: bytes.NewReader(data)}
		racetest.ReadAt(t, r, data)
		check(t, r.reads)
	})
	t.Run("underMutex", func(t *testing.T) {
		r := &underMutex{src: bytes.NewReader(data)}
		racetest.ReadAt(t, r, data)
		check(t, r.reads)
	})
	t.Run("bare", func(t *testing.T) {
		r := &bare{src: bytes.NewReader(data)}
		racetest.ReadAt(t, r, data)
		check(t, r.reads)
	})
}
