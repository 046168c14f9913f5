package signature

import (
	"fmt"
	"io"
	"testing"

	"racetest"
)

func TestParallelReadAt(t *testing.T) {
	// blankReceiver has no fix: only the two spellings of []byte are
	// tested. Both always report the end.
	for _, r := range []io.ReaderAt{&aliasSpelling{}, &uint8Spelling{}} {
		t.Run(fmt.Sprintf("%T", r), func(t *testing.T) {
			bufs := make([][]byte, racetest.Goroutines)
			racetest.Run(t, func(g, i int) error {
				if bufs[g] == nil {
					bufs[g] = make([]byte, racetest.ReadSize)
				}
				if n, err := r.ReadAt(bufs[g], int64(i)); n != 0 || err != io.EOF {
					return fmt.Errorf("ReadAt = %d, %v, want 0, EOF", n, err)
				}
				return nil
			})
		})
	}
}
