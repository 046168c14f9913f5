package unsafeptr

import (
	"bytes"
	"testing"

	"racetest"
)

func TestParallelReadAt(t *testing.T) {
	data := racetest.Pattern(8 << 10)
	r := &convertedStore{src: bytes.NewReader(data)}
	racetest.ReadAt(t, r, data)
}
