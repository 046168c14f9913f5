package helperlock

import (
	"bytes"
	"testing"
	"time"

	"racetest"
	"racetest/fake"
)

func TestParallelReadAt(t *testing.T) {
	// The cache must end up with every page the reads touched, read
	// right.
	data := racetest.Pattern(64 * pageSize)
	t.Run("prefetchCache", func(t *testing.T) {
		// ReadAt also loads the page after each read, with c.mu released.
		// The source is slow, so that those loads overlap the locked
		// part of other calls.
		src := &fake.Source{Data: data, Delay: 20 * time.Microsecond}
		r := &prefetchCache{src: src, pages: make(map[int64][]byte)}
		racetest.ReadAt(t, r, data)
		checkPages(t, r.pages, data)
		if r.loads != len(r.pages) {
			t.Errorf("loads = %d for %d pages", r.loads, len(r.pages))
		}
	})
	t.Run("unlockedPages", func(t *testing.T) {
		// ReadAt hands pageLocked to readPages as a method value, which
		// calls it with the lock held: a fix that locked pageLocked too
		// would deadlock here.
		r := &unlockedPages{src: bytes.NewReader(data), pages: make(map[int64][]byte)}
		racetest.ReadAt(t, r, data)
		checkPages(t, r.pages, data)
	})
}

// checkPages checks that every cached page holds its part of data.
func checkPages(t *testing.T, pages map[int64][]byte, data []byte) {
	for i, b := range pages {
		end := min((i+1)*pageSize, int64(len(data)))
		if i*pageSize > end || !bytes.Equal(b, data[i*pageSize:end]) {
			t.Errorf("page %d: wrong bytes", i)
		}
	}
}
