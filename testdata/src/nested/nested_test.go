package nested

import (
	"bytes"
	"testing"

	"racetest"
)

func TestParallelReadAt(t *testing.T) {
	// embeddedPointer has no fix: only the other two are tested.
	data := racetest.Pattern(8 << 10)
	t.Run("nestedByValue", func(t *testing.T) {
		r := &nestedByValue{src: bytes.NewReader(data)}
		racetest.ReadAt(t, r, data)
		if r.meta.stats.reads != racetest.Total {
			t.Errorf("reads = %d, want %d", r.meta.stats.reads, racetest.Total)
		}
	})
	t.Run("promotedField", func(t *testing.T) {
		r := &promotedField{src: bytes.NewReader(data)}
		racetest.ReadAtFull(t, r, data)
		if want := int64(racetest.Total * racetest.ReadSize); r.bytes != want {
			t.Errorf("bytes = %d, want %d", r.bytes, want)
		}
	})
}
