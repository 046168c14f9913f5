package closure

import (
	"bytes"
	"testing"

	"racetest"
)

func TestParallelReadAt(t *testing.T) {
	data := racetest.Pattern(8 << 10)
	t.Run("calledLiteral", func(t *testing.T) {
		r := &calledLiteral{src: bytes.NewReader(data)}
		racetest.ReadAt(t, r, data)
		if r.reads != racetest.Total {
			t.Errorf("reads = %d, want %d", r.reads, racetest.Total)
		}
	})
	t.Run("passedLiteral", func(t *testing.T) {
		// Each read is shorter than a chunk: one chunk per call.
		r := &passedLiteral{src: bytes.NewReader(data)}
		racetest.ReadAtFull(t, r, data)
		if r.chunks != racetest.Total {
			t.Errorf("chunks = %d, want %d", r.chunks, racetest.Total)
		}
	})
	t.Run("loopLiterals", func(t *testing.T) {
		r := &loopLiterals{src: bytes.NewReader(data), seen: make([]int64, 4)}
		racetest.ReadAt(t, r, data)
	})
}
