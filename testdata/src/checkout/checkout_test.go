package checkout

import (
	"bytes"
	"testing"

	"racetest"
)

func TestParallelReadAt(t *testing.T) {
	content := racetest.Stream()
	t.Run("peekedField", func(t *testing.T) {
		// Every call reads on from the one current stream.
		r := &peekedField{cur: &stream{body: bytes.NewReader(content)}}
		racetest.ReadStream(t, r)
		if r.cur.next != int64(len(content)) {
			t.Errorf("next = %d, want %d", r.cur.next, len(content))
		}
	})
	t.Run("unlockedTake", func(t *testing.T) {
		// Each call takes the next idle stream, which holds the next
		// counters of the stream.
		r := &unlockedTake{}
		for off := 0; off < len(content); off += 16 {
			r.idle = append(r.idle, &stream{body: bytes.NewReader(content[off : off+16])})
		}
		racetest.ReadStream(t, r)
		if len(r.idle) != 0 {
			t.Errorf("%d streams left idle, want 0", len(r.idle))
		}
	})
}
