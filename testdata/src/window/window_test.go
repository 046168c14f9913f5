package window

import (
	"bytes"
	"testing"

	"racetest"
)

func TestParallelReadAt(t *testing.T) {
	data := racetest.Pattern(8 << 10)
	r := &refilled{src: bytes.NewReader(data), buf: make([]byte, 256)}
	racetest.ReadAtFull(t, r, data)
}
