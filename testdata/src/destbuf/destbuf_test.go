package destbuf

import (
	"bytes"
	"io"
	"testing"

	"racetest"
)

func TestParallelReadAt(t *testing.T) {
	data := racetest.Pattern(8 << 10)
	t.Run("scratchReader", func(t *testing.T) {
		r := &scratchReader{src: bytes.NewReader(data), scratch: make([]byte, 128)}
		racetest.ReadAt(t, r, data)
	})
	t.Run("fullScratch", func(t *testing.T) {
		open := func(off int64) (io.Reader, error) { return bytes.NewReader(data[off:]), nil }
		r := &fullScratch{open: open, scratch: make([]byte, 128)}
		racetest.ReadAtFull(t, r, data)
	})
}
