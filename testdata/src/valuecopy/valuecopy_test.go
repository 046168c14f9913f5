package valuecopy

import (
	"bytes"
	"testing"

	"racetest"
)

func TestParallelReadAt(t *testing.T) {
	data := racetest.Pattern(8 << 10)
	r := &grownInPlace{src: bytes.NewReader(data)}
	racetest.ReadAt(t, r, data)
	if want := int64(racetest.Total * racetest.ReadSize); r.span.N != want {
		t.Errorf("span.N = %d, want %d", r.span.N, want)
	}
}
