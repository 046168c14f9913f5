package customlock

import (
	"bytes"
	"testing"

	"customlock/deadlock"
	"racetest"
)

func TestParallelReadAt(t *testing.T) {
	data := racetest.Pattern(8 << 10)
	t.Run("guarded", func(t *testing.T) {
		racetest.ReadAt(t, &guarded{src: bytes.NewReader(data)}, data)
	})
	t.Run("guardedByPointer", func(t *testing.T) {
		r := &guardedByPointer{mu: &deadlock.Mutex{}, src: bytes.NewReader(data)}
		racetest.ReadAt(t, r, data)
		if r.reads != racetest.Total {
			t.Errorf("%d reads counted, want %d", r.reads, racetest.Total)
		}
	})
	t.Run("spinGuarded", func(t *testing.T) {
		r := &spinGuarded{src: bytes.NewReader(data)}
		racetest.ReadAt(t, r, data)
		if r.reads != racetest.Total {
			t.Errorf("%d reads counted, want %d", r.reads, racetest.Total)
		}
	})
	t.Run("countAfterUnlock", func(t *testing.T) {
		r := &countAfterUnlock{src: bytes.NewReader(data)}
		racetest.ReadAt(t, r, data)
		if r.reads != racetest.Total {
			t.Errorf("%d reads counted, want %d", r.reads, racetest.Total)
		}
	})
	t.Run("countUnderReadLock", func(t *testing.T) {
		r := &countUnderReadLock{src: bytes.NewReader(data)}
		racetest.ReadAt(t, r, data)
		if r.reads != racetest.Total {
			t.Errorf("%d reads counted, want %d", r.reads, racetest.Total)
		}
	})
}
