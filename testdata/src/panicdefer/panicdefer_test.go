package panicdefer

import (
	"bytes"
	"fmt"
	"testing"

	"racetest"
)

func TestParallelReadAt(t *testing.T) {
	// Odd calls ask for a negative offset, which panics after deferring
	// the count.
	data := racetest.Pattern(8 << 10)
	r := &countBadOffsets{src: bytes.NewReader(data)}
	bufs := make([][]byte, racetest.Goroutines)
	racetest.Run(t, func(g, i int) (err error) {
		if bufs[g] == nil {
			bufs[g] = make([]byte, racetest.ReadSize)
		}
		off := racetest.FullOffset(g, i, len(data))
		if i%2 == 0 {
			n, err := r.ReadAt(bufs[g], off)
			if n != len(bufs[g]) || err != nil || !bytes.Equal(bufs[g], data[off:off+int64(n)]) {
				return fmt.Errorf("ReadAt at %d = %d, %v", off, n, err)
			}
			return nil
		}
		defer func() {
			if v := recover(); v != "negative offset" {
				err = fmt.Errorf("ReadAt at -1 panicked with %v", v)
			}
		}()
		r.ReadAt(bufs[g], -1)
		return nil
	})
	if r.bad != racetest.Total/2 {
		t.Errorf("bad = %d, want %d", r.bad, racetest.Total/2)
	}
}
