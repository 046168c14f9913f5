package oncedo

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"testing"

	"racetest"
)

func TestParallelReadAt(t *testing.T) {
	// The file does not exist: every call fails to open it and resets
	// the Once for the next call.
	r := &retryOnce{name: filepath.Join(t.TempDir(), "missing")}
	bufs := make([][]byte, racetest.Goroutines)
	racetest.Run(t, func(g, i int) error {
		if bufs[g] == nil {
			bufs[g] = make([]byte, racetest.ReadSize)
		}
		if n, err := r.ReadAt(bufs[g], int64(i)); n != 0 || !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("ReadAt of a missing file = %d, %v", n, err)
		}
		return nil
	})
}
