package writeat

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"racetest"
)

// size is the size of the region each test writes.
const size = 64 << 10

// rounds is how many drives a writer over an os.File gets. os.File
// serialises its own calls, with atomic operations that the race detector
// takes for synchronisation: a race or a misplaced write needs two calls
// interleaved just so, which a busy machine may not give a single drive.
const rounds = 20

// repeat runs drive up to rounds times, until the test fails.
func repeat(t *testing.T, drive func()) {
	for range rounds {
		if drive(); t.Failed() {
			return
		}
	}
}

// create returns an empty file open for reading and writing, closed when
// the test ends.
func create(t *testing.T) *os.File {
	f, err := os.Create(filepath.Join(t.TempDir(), "data"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// contents returns what f holds.
func contents(t *testing.T, f *os.File) []byte {
	b, err := os.ReadFile(f.Name())
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParallelWriteAt(t *testing.T) {
	t.Run("sizeTracking", func(t *testing.T) {
		repeat(t, func() {
			w := &sizeTracking{f: create(t)}
			want := racetest.WriteAt(t, w, size)
			racetest.Equal(t, "file", contents(t, w.f), want)
			if w.size != int64(len(want)) {
				t.Errorf("size = %d, want %d", w.size, len(want))
			}
		})
	})
	t.Run("seekWriter", func(t *testing.T) {
		// A write after another call's seek lands in the wrong place.
		repeat(t, func() {
			w := &seekWriter{f: create(t)}
			want := racetest.WriteAt(t, w, size)
			racetest.Equal(t, "file", contents(t, w.f), want)
		})
	})
	t.Run("unlockedGrowth", func(t *testing.T) {
		w := &unlockedGrowth{}
		want := racetest.WriteAt(t, w, size)
		racetest.Equal(t, "buffer", w.buf, want)
		if w.size != int64(len(want)) {
			t.Errorf("size = %d, want %d", w.size, len(want))
		}
	})
}

func TestParallelReadWriteAt(t *testing.T) {
	// bothWays: even goroutines write back the bytes the file already
	// holds, odd ones read them, all at once.
	data := racetest.Pattern(8 << 10)
	repeat(t, func() {
		f := create(t)
		if _, err := f.Write(data); err != nil {
			t.Fatal(err)
		}
		b := &bothWays{f: f}
		readWrite(t, b, data)
		if b.reads != racetest.Total/2 || b.writes != racetest.Total/2 {
			t.Errorf("reads = %d, writes = %d, want %d each", b.reads, b.writes,
				racetest.Total/2)
		}
		racetest.Equal(t, "file", contents(t, f), data)
	})
}

// readWrite drives b with reads from odd goroutines and writes of the
// bytes b already holds from even ones.
func readWrite(t *testing.T, b *bothWays, data []byte) {
	bufs := make([][]byte, racetest.Goroutines)
	racetest.Run(t, func(g, i int) error {
		if bufs[g] == nil {
			bufs[g] = make([]byte, racetest.ReadSize)
		}
		off := racetest.FullOffset(g, i, len(data))
		want := data[off : off+racetest.ReadSize]
		if g%2 == 0 {
			if n, err := b.WriteAt(want, off); n != len(want) || err != nil {
				return fmt.Errorf("WriteAt at %d = %d, %v", off, n, err)
			}
			return nil
		}
		if n, err := b.ReadAt(bufs[g], off); n != len(want) || err != nil ||
			!bytes.Equal(bufs[g], want) {
			return fmt.Errorf("ReadAt at %d = %d, %v", off, n, err)
		}
		return nil
	})
}
