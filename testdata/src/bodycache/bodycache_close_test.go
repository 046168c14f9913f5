package bodycache

import (
	"bytes"
	"io"
	"testing"

	"racetest"
)

func TestCloseWhileReading(t *testing.T) {
	// The fix holds the lock in Close too: closing while reads run must
	// neither race nor deadlock, and no read may return wrong bytes.
	data := racetest.Pattern(64 << 10)
	open := func(off int64) (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(data[off:])), nil
	}
	r := &reopener{open: open}
	racetest.ReadAtWhileClosing(t, r, data)
	if !r.closed {
		t.Error("closed is false after Close")
	}
}
