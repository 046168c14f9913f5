package embediface

import (
	"fmt"
	"io"
	"testing"

	"racetest"
	"racetest/fake"
)

func TestParallelReadAt(t *testing.T) {
	data := racetest.Pattern(8 << 10)
	t.Run("closeOnError", func(t *testing.T) {
		// Every failed read closes the source once.
		fail := func(off int64) bool { return off%3 == 0 }
		src := &fake.Source{Data: data, Fail: fail}
		r := &closeOnError{src: src}
		failed := racetest.ReadAtFailing(t, r, data, fail)
		if failed == 0 || src.Closes() != failed {
			t.Errorf("%d closes after %d failed reads", src.Closes(), failed)
		}
	})
	t.Run("embeddedCloser", func(t *testing.T) {
		// Every call reads past size and closes.
		f := &fake.File{Data: data}
		r := &embeddedCloser{ReadSeekCloser: f, size: int64(len(data))}
		buf := make([][]byte, racetest.Goroutines)
		racetest.Run(t, func(g, i int) error {
			if buf[g] == nil {
				buf[g] = make([]byte, racetest.ReadSize)
			}
			if n, err := r.ReadAt(buf[g], int64(len(data)+i)); n != 0 || err != io.EOF {
				return fmt.Errorf("ReadAt past the end = %d, %v", n, err)
			}
			return nil
		})
		if f.Closes() != racetest.Total {
			t.Errorf("%d closes, want %d", f.Closes(), racetest.Total)
		}
	})
}
