package bodycache

import (
	"bytes"
	"io"
	"testing"

	"racetest"
)

func TestParallelReadAt(t *testing.T) {
	data := racetest.Pattern(64 << 10)
	open := func(off int64) (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(data[off:])), nil
	}
	t.Run("reopener", func(t *testing.T) {
		racetest.ReadAt(t, &reopener{open: open}, data)
	})
	t.Run("lockedReopener", func(t *testing.T) {
		racetest.ReadAt(t, &lockedReopener{open: open}, data)
	})
}
