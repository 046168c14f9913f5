package deferred

import (
	"bytes"
	"fmt"
	"io"
	"testing"

	"racetest"
	"racetest/fake"
)

func TestParallelReadAt(t *testing.T) {
	data := racetest.Pattern(8 << 10)
	t.Run("deferredMethod", func(t *testing.T) {
		r := &deferredMethod{src: bytes.NewReader(data)}
		racetest.ReadAt(t, r, data)
	})
	t.Run("deferredClose", func(t *testing.T) {
		// Closing the body rewinds it, as if it were opened again, so that
		// every read at 0 returns the first bytes.
		body := &fake.File{Data: data, Rewind: true}
		r := &deferredClose{rc: body}
		bufs := make([][]byte, racetest.Goroutines)
		racetest.Run(t, func(g, i int) error {
			if bufs[g] == nil {
				bufs[g] = make([]byte, racetest.ReadSize)
			}
			n, err := r.ReadAt(bufs[g], 0)
			if n != racetest.ReadSize || err != nil || !bytes.Equal(bufs[g], data[:n]) {
				return fmt.Errorf("ReadAt at 0 = %d, %v, % x", n, err, bufs[g][:n])
			}
			return nil
		})
		if body.Closes() != racetest.Total {
			t.Errorf("%d closes, want %d", body.Closes(), racetest.Total)
		}
	})
	t.Run("deferredInBranch", func(t *testing.T) {
		// Half the calls ask for a negative offset and count an error.
		r := &deferredInBranch{src: bytes.NewReader(data)}
		buf := make([][]byte, racetest.Goroutines)
		racetest.Run(t, func(g, i int) error {
			if buf[g] == nil {
				buf[g] = make([]byte, racetest.ReadSize)
			}
			off := int64(i)
			if i%2 == 1 {
				off = -1
			}
			n, err := r.ReadAt(buf[g], off)
			switch {
			case off < 0 && (n != 0 || err != io.EOF):
				return fmt.Errorf("ReadAt at -1 = %d, %v", n, err)
			case off >= 0 && (n != len(buf[g]) || err != nil):
				return fmt.Errorf("ReadAt at %d = %d, %v", off, n, err)
			}
			return nil
		})
		if r.errors != racetest.Total/2 {
			t.Errorf("errors = %d, want %d", r.errors, racetest.Total/2)
		}
	})
}
