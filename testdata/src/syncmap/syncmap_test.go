package syncmap

import (
	"bytes"
	"testing"

	"racetest"
)

func TestParallelReadAt(t *testing.T) {
	data := racetest.Pattern(8 << 10)
	r := &plainCache{src: bytes.NewReader(data), blocks: make(map[int64][]byte)}
	racetest.ReadAt(t, r, data)
}
