package unsafeslice

import (
	"bytes"
	"testing"

	"racetest"
)

func TestParallelReadAt(t *testing.T) {
	data := racetest.Pattern(8 << 10)
	t.Run("viewOfArray", func(t *testing.T) {
		racetest.ReadAt(t, &viewOfArray{src: bytes.NewReader(data)}, data)
	})
	t.Run("pointerArithmetic", func(t *testing.T) {
		racetest.ReadAt(t, &pointerArithmetic{src: bytes.NewReader(data)}, data)
	})
}
