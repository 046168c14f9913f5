package chanlock

import (
	"bytes"
	"context"
	"testing"

	"racetest"
)

func TestParallelReadAt(t *testing.T) {
	data := racetest.Pattern(8 << 10)
	t.Run("sendLocked", func(t *testing.T) {
		racetest.ReadAt(t, newSendLocked(bytes.NewReader(data)), data)
	})
	t.Run("tokenLocked", func(t *testing.T) {
		r := newTokenLocked(bytes.NewReader(data))
		racetest.ReadAt(t, r, data)
		if r.reads != racetest.Total {
			t.Errorf("%d reads counted, want %d", r.reads, racetest.Total)
		}
	})
	t.Run("cancellable", func(t *testing.T) {
		r := newCancellable(context.Background(), bytes.NewReader(data))
		racetest.ReadAt(t, r, data)
		if r.reads != racetest.Total {
			t.Errorf("%d reads counted, want %d", r.reads, racetest.Total)
		}
	})
	t.Run("fourAtOnce", func(t *testing.T) {
		r := newFourAtOnce(bytes.NewReader(data))
		racetest.ReadAt(t, r, data)
		if r.reads != racetest.Total {
			t.Errorf("%d reads counted, want %d", r.reads, racetest.Total)
		}
	})
	t.Run("prefetched", func(t *testing.T) {
		r := newPrefetched(bytes.NewReader(data))
		// Keep the queue fed, so that every call takes a chunk.
		stop := make(chan struct{})
		go func() {
			for {
				select {
				case r.chunks <- data[:16]:
				case <-stop:
					return
				}
			}
		}()
		racetest.ReadAt(t, r, data)
		close(stop)
	})
}
