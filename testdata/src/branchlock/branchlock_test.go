package branchlock

import (
	"bytes"
	"testing"

	"racetest"
)

func TestParallelReadAt(t *testing.T) {
	data := racetest.Pattern(8 << 10)
	t.Run("lockWhenLarge", func(t *testing.T) {
		r := &lockWhenLarge{src: bytes.NewReader(data)}
		racetest.ReadAt(t, r, data)
		if r.reads != racetest.Total {
			t.Errorf("reads = %d, want %d", r.reads, racetest.Total)
		}
	})
	t.Run("readOrWrite", func(t *testing.T) {
		r := &readOrWrite{src: bytes.NewReader(data)}
		racetest.ReadAt(t, r, data)
		if r.reads != racetest.Total {
			t.Errorf("reads = %d, want %d", r.reads, racetest.Total)
		}
	})
}
