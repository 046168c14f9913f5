package seekread

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"racetest"
)

// rounds is how many drives a reader over an os.File gets.
const rounds = 20

// open returns a file holding data, closed when the test ends.
func open(t *testing.T, data []byte) *os.File {
	name := filepath.Join(t.TempDir(), "data")
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestParallelReadAt(t *testing.T) {
	// os.File serialises its own Seek and Read calls, so the race
	// detector sees nothing there: a read after another call's seek
	// returns the wrong bytes instead. That takes two calls interleaved,
	// which a busy machine may not give a single drive: drive a few
	// times.
	data := racetest.Pattern(8 << 10)
	t.Run("seekThenRead", func(t *testing.T) {
		r := &seekThenRead{f: open(t, data)}
		for range rounds {
			if racetest.ReadAtFull(t, r, data); t.Failed() {
				break
			}
		}
	})
	t.Run("seekThenReadFull", func(t *testing.T) {
		r := &seekThenReadFull{f: open(t, data)}
		for range rounds {
			if racetest.ReadAtFull(t, r, data); t.Failed() {
				break
			}
		}
	})
	t.Run("bufferedFull", func(t *testing.T) {
		r := &bufferedFull{br: bufio.NewReader(bytes.NewReader(racetest.Stream()))}
		racetest.ReadStream(t, r)
	})
}
