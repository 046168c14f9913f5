package pool

import (
	"bytes"
	"testing"

	"racetest"
)

func TestParallelReadAt(t *testing.T) {
	data := racetest.Pattern(8 << 10)
	r := &sharedScratch{src: bytes.NewReader(data), scratch: new(bytes.Buffer)}
	racetest.ReadAt(t, r, data)
}
