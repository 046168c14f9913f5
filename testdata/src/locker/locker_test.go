package locker

import (
	"bytes"
	"sync"
	"testing"

	"racetest"
)

func TestParallelReadAt(t *testing.T) {
	data := racetest.Pattern(8 << 10)
	t.Run("lockerReleased", func(t *testing.T) {
		r := &lockerReleased{l: &sync.Mutex{}, src: bytes.NewReader(data)}
		racetest.ReadAt(t, r, data)
		if r.reads != racetest.Total {
			t.Errorf("reads = %d, want %d", r.reads, racetest.Total)
		}
	})
	t.Run("copiedMutex", func(t *testing.T) {
		r := &copiedMutex{src: bytes.NewReader(data)}
		racetest.ReadAt(t, r, data)
		if r.reads != racetest.Total {
			t.Errorf("reads = %d, want %d", r.reads, racetest.Total)
		}
	})
}
