package ctorflag

import (
	"bytes"
	"testing"

	"racetest"
)

func TestParallelReadAt(t *testing.T) {
	// A read that runs past size rebuilds the index: small content makes
	// that frequent.
	data := racetest.Pattern(1 << 10)
	r := &rebuilding{src: bytes.NewReader(data), size: int64(len(data))}
	racetest.ReadAt(t, r, data)
	if r.size <= int64(len(data)) {
		t.Errorf("size = %d: no read rebuilt the index", r.size)
	}
	if want := int((r.size + 511) / 512); len(r.index) != want {
		t.Errorf("%d index entries for size %d, want %d", len(r.index), r.size, want)
	}
}
