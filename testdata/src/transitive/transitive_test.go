package transitive

import (
	"bytes"
	"testing"

	"racetest"
)

func TestParallelReadAt(t *testing.T) {
	data := racetest.Pattern(8 << 10)
	r := &threeDeep{src: bytes.NewReader(data), stats: &stats{}}
	racetest.ReadAt(t, r, data)
	if r.stats.reads != racetest.Total {
		t.Errorf("reads = %d, want %d", r.stats.reads, racetest.Total)
	}
}
