package selects

import (
	"bytes"
	"fmt"
	"io"
	"testing"

	"racetest"
)

func TestParallelReadAt(t *testing.T) {
	data := racetest.Pattern(8 << 10)
	t.Run("lockInOneCase", func(t *testing.T) {
		// ready never fires: every call takes the default case.
		r := &lockInOneCase{src: bytes.NewReader(data), ready: make(chan struct{})}
		racetest.ReadAt(t, r, data)
		if r.state != racetest.Total {
			t.Errorf("state = %d, want %d", r.state, racetest.Total)
		}
	})
	t.Run("writeInCase", func(t *testing.T) {
		// done is closed: every call is canceled.
		done := make(chan struct{})
		close(done)
		r := &writeInCase{src: bytes.NewReader(data), done: done}
		bufs := make([][]byte, racetest.Goroutines)
		racetest.Run(t, func(g, i int) error {
			if bufs[g] == nil {
				bufs[g] = make([]byte, racetest.ReadSize)
			}
			if n, err := r.ReadAt(bufs[g], int64(i)); n != 0 || err != io.ErrClosedPipe {
				return fmt.Errorf("ReadAt after done = %d, %v", n, err)
			}
			return nil
		})
		if !r.canceled {
			t.Error("canceled is false")
		}
	})
}
