package promoted

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"testing"

	"racetest"
)

func TestParallelReadAt(t *testing.T) {
	data := racetest.Pattern(8 << 10)
	t.Run("bufferedStream", func(t *testing.T) {
		// The stream only moves forward: each goroutine reads upwards, and
		// a read behind the position fails with io.ErrNoProgress.
		data := racetest.Pattern(racetest.Total * racetest.ReadSize)
		r := &bufferedStream{Reader: bufio.NewReader(bytes.NewReader(data))}
		bufs := make([][]byte, racetest.Goroutines)
		racetest.Run(t, func(g, i int) error {
			if bufs[g] == nil {
				bufs[g] = make([]byte, racetest.ReadSize)
			}
			off := int64((i*racetest.Goroutines + g) * racetest.ReadSize)
			n, err := r.ReadAt(bufs[g], off)
			if err == io.ErrNoProgress && n == 0 {
				return nil
			}
			if n != len(bufs[g]) || err != nil || !bytes.Equal(bufs[g], data[off:off+int64(n)]) {
				return fmt.Errorf("ReadAt at %d = %d, %v", off, n, err)
			}
			return nil
		})
		if r.pos > int64(len(data)) || r.pos%racetest.ReadSize != 0 {
			t.Errorf("pos = %d, want the end of a read", r.pos)
		}
	})
	t.Run("resettingStream", func(t *testing.T) {
		open := func(off int64) io.Reader { return bytes.NewReader(data[off:]) }
		r := &resettingStream{Reader: bufio.NewReader(bytes.NewReader(nil)), open: open}
		racetest.ReadAt(t, r, data)
	})
	t.Run("countingStream", func(t *testing.T) {
		r := &countingStream{src: bytes.NewReader(data)}
		racetest.ReadAt(t, r, data)
		if r.n != racetest.Total {
			t.Errorf("count = %d, want %d", r.n, racetest.Total)
		}
	})
}
