package typeparamptr

import (
	"bytes"
	"testing"

	"racetest"
)

func TestParallelReadAt(t *testing.T) {
	data := racetest.Pattern(8 << 10)
	v := 1
	r := &box[*int, int]{p: &v, src: bytes.NewReader(data)}
	racetest.ReadAt(t, r, data)
	if v != 0 {
		t.Errorf("*p = %d, want 0", v)
	}
}
