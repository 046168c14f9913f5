package crosspkg

import (
	"bytes"
	"testing"

	"crosspkg/streams"
	"racetest"
)

func TestParallelReadAt(t *testing.T) {
	data := racetest.Pattern(8 << 10)
	t.Run("bumping", func(t *testing.T) {
		r := &bumping{src: bytes.NewReader(data), bytes: &streams.Counter{}}
		racetest.ReadAt(t, r, data)
		if r.reads.N != racetest.Total || r.bytes.N != 2*racetest.Total {
			t.Errorf("counts %d and %d, want %d and %d", r.reads.N, r.bytes.N,
				racetest.Total, 2*racetest.Total)
		}
	})
	t.Run("cursorField", func(t *testing.T) {
		r := &cursorField{src: bytes.NewReader(data), next: &streams.Cursor{}}
		racetest.ReadAtFull(t, r, data)
		want := int64(racetest.Total * racetest.ReadSize)
		if r.cur.Pos() != want || r.next.Pos() != want {
			t.Errorf("cursors at %d and %d, want %d", r.cur.Pos(), r.next.Pos(), want)
		}
	})
	t.Run("filling", func(t *testing.T) {
		r := &filling{body: bytes.NewReader(racetest.Stream()), buf: make([]byte, 64)}
		racetest.ReadStream(t, r)
	})
	t.Run("logAndForget", func(t *testing.T) {
		r := &logAndForget{src: bytes.NewReader(data), cache: make(map[int64][]byte)}
		for off := range int64(len(data)) {
			r.cache[off] = nil
		}
		racetest.ReadAt(t, r, data)
		if len(r.log) != racetest.Total {
			t.Errorf("%d offsets logged, want %d", len(r.log), racetest.Total)
		}
	})
	t.Run("promotedTally", func(t *testing.T) {
		r := &promotedTally{src: bytes.NewReader(data)}
		racetest.ReadAt(t, r, data)
	})
	t.Run("leftEarly", func(t *testing.T) {
		r := &leftEarly{src: bytes.NewReader(data)}
		racetest.ReadAt(t, r, data)
	})
}
