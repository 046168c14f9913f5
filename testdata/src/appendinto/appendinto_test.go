package appendinto

import (
	"bytes"
	"testing"

	"racetest"
)

func TestParallelReadAt(t *testing.T) {
	data := racetest.Pattern(8 << 10)
	r := &reusedBuffer{src: bytes.NewReader(data), buf: make([]byte, 0, 256)}
	racetest.ReadAt(t, r, data)
}
