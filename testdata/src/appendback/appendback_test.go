package appendback

import (
	"bytes"
	"testing"

	"racetest"
)

func TestParallelReadAt(t *testing.T) {
	data := racetest.Pattern(8 << 10)
	t.Run("offsetLog", func(t *testing.T) {
		r := &offsetLog{src: bytes.NewReader(data)}
		racetest.ReadAt(t, r, data)
		if len(r.log) != racetest.Total {
			t.Errorf("%d offsets logged, want %d", len(r.log), racetest.Total)
		}
	})
	t.Run("nestedLog", func(t *testing.T) {
		r := &nestedLog{src: bytes.NewReader(data), stats: &stats{}}
		racetest.ReadAt(t, r, data)
		if len(r.stats.sizes) != racetest.Total {
			t.Errorf("%d sizes logged, want %d", len(r.stats.sizes), racetest.Total)
		}
	})
}
