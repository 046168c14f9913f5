package onelinestruct

import (
	"fmt"
	"io"
	"testing"

	"racetest"
)

func TestParallelReadAt(t *testing.T) {
	r := &oneField{}
	bufs := make([][]byte, racetest.Goroutines)
	racetest.Run(t, func(g, i int) error {
		if bufs[g] == nil {
			bufs[g] = make([]byte, racetest.ReadSize)
		}
		if n, err := r.ReadAt(bufs[g], int64(i)); n != 0 || err != io.EOF {
			return fmt.Errorf("ReadAt = %d, %v, want 0, EOF", n, err)
		}
		return nil
	})
	if r.pos < 0 || r.pos >= racetest.Calls {
		t.Errorf("pos = %d, want the offset of a call", r.pos)
	}
}
