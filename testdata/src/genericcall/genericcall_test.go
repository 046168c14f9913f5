package genericcall

import (
	"bytes"
	"testing"

	"racetest"
)

func TestParallelReadAt(t *testing.T) {
	data := racetest.Pattern(8 << 10)
	r := &throughConstraint{src: bytes.NewReader(data)}
	racetest.ReadAt(t, r, data)
	if r.c.n != racetest.Total {
		t.Errorf("count = %d, want %d", r.c.n, racetest.Total)
	}
}
