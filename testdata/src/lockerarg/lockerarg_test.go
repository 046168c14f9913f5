package lockerarg

import (
	"bytes"
	"testing"

	"racetest"
)

func TestParallelReadAt(t *testing.T) {
	data := racetest.Pattern(8 << 10)
	r := &readLocker{src: bytes.NewReader(data)}
	racetest.ReadAt(t, r, data)
	if r.reads != racetest.Total {
		t.Errorf("reads = %d, want %d", r.reads, racetest.Total)
	}
}
