package nestedlock

import (
	"bytes"
	"testing"

	"racetest"
)

func TestParallelReadAt(t *testing.T) {
	data := racetest.Pattern(8 << 10)
	r := &innerReleased{src: bytes.NewReader(data)}
	racetest.ReadAt(t, r, data)
	if r.st.reads != racetest.Total {
		t.Errorf("reads = %d, want %d", r.st.reads, racetest.Total)
	}
}
