package lockresult

import (
	"bytes"
	"fmt"
	"io"
	"testing"

	"racetest"
)

func TestParallelReadAt(t *testing.T) {
	// The reader is closed: every call misses and fails.
	data := racetest.Pattern(8 << 10)
	r := &wrongBranch{closed: true, src: bytes.NewReader(data)}
	bufs := make([][]byte, racetest.Goroutines)
	racetest.Run(t, func(g, i int) error {
		if bufs[g] == nil {
			bufs[g] = make([]byte, racetest.ReadSize)
		}
		if n, err := r.ReadAt(bufs[g], int64(i)); n != 0 || err != io.ErrClosedPipe {
			return fmt.Errorf("ReadAt on a closed reader = %d, %v", n, err)
		}
		return nil
	})
	if r.misses != racetest.Total {
		t.Errorf("misses = %d, want %d", r.misses, racetest.Total)
	}
}
