package fresh

import (
	"bytes"
	"testing"

	"racetest"
)

func TestParallelReadAt(t *testing.T) {
	data := racetest.Pattern(8 << 10)
	r := &publishedFresh{src: bytes.NewReader(data)}
	racetest.ReadAt(t, r, data)
	if r.last == nil || r.last.reads != 1 {
		t.Errorf("last = %+v, want the stats of one read", r.last)
	}
}
