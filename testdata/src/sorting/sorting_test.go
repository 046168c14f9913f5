package sorting

import (
	"bytes"
	"slices"
	"testing"

	"racetest"
)

func TestParallelReadAt(t *testing.T) {
	data := racetest.Pattern(8 << 10)
	r := &sortedOffsets{src: bytes.NewReader(data)}
	for i := range 64 {
		r.offs = append(r.offs, (i*37)%64)
		r.sizes = append(r.sizes, int64((i*41)%64))
	}
	racetest.ReadAt(t, r, data)
	if !slices.IsSorted(r.offs) || !slices.IsSorted(r.sizes) {
		t.Errorf("not sorted: %v %v", r.offs, r.sizes)
	}
}
