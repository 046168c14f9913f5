package deferunlock

import (
	"bytes"
	"testing"

	"racetest"
)

func TestParallelReadAt(t *testing.T) {
	data := racetest.Pattern(8 << 10)
	t.Run("recordBefore", func(t *testing.T) {
		r := &recordBefore{src: bytes.NewReader(data)}
		racetest.ReadAt(t, r, data)
	})
	t.Run("deferredRUnlock", func(t *testing.T) {
		r := &deferredRUnlock{src: bytes.NewReader(data)}
		racetest.ReadAt(t, r, data)
	})
}
