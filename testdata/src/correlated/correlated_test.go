package correlated

import (
	"bytes"
	"testing"

	"racetest"
)

func TestParallelReadAt(t *testing.T) {
	// Every offset is small, so every call counts in small.
	data := racetest.Pattern(8 << 10)
	r := &lockWrongCondition{src: bytes.NewReader(data)}
	racetest.ReadAt(t, r, data)
	if r.small != racetest.Total {
		t.Errorf("small = %d, want %d", r.small, racetest.Total)
	}
}
