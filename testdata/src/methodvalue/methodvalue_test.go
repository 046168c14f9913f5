package methodvalue

import (
	"bytes"
	"fmt"
	"io"
	"testing"

	"racetest"
	"racetest/fake"
)

func TestParallelReadAt(t *testing.T) {
	data := racetest.Pattern(8 << 10)
	t.Run("boundMethod", func(t *testing.T) {
		// ReadAt calls count through a method value with the lock held: a
		// fix that locked count too would deadlock here.
		r := &boundMethod{src: bytes.NewReader(data)}
		racetest.ReadAt(t, r, data)
		if r.reads != racetest.Total {
			t.Errorf("reads = %d, want %d", r.reads, racetest.Total)
		}
	})
	t.Run("methodExpr", func(t *testing.T) {
		r := &methodExpr{src: bytes.NewReader(data)}
		racetest.ReadAt(t, r, data)
		if r.reads != racetest.Total {
			t.Errorf("reads = %d, want %d", r.reads, racetest.Total)
		}
	})
	t.Run("interfaceMethodValue", func(t *testing.T) {
		// Odd calls ask for a negative offset, which closes the stream.
		rc := &fake.File{Data: data}
		r := &interfaceMethodValue{rc: rc}
		bufs := make([][]byte, racetest.Goroutines)
		racetest.Run(t, func(g, i int) error {
			if bufs[g] == nil {
				bufs[g] = make([]byte, racetest.ReadSize)
			}
			off, want := int64(i), io.EOF
			if i%2 == 1 {
				off, want = -1, io.ErrClosedPipe
			}
			if n, err := r.ReadAt(bufs[g], off); n != 0 || err != want {
				return fmt.Errorf("ReadAt at %d = %d, %v, want 0, %v", off, n, err, want)
			}
			return nil
		})
		if rc.Closes() != racetest.Total/2 {
			t.Errorf("%d closes, want %d", rc.Closes(), racetest.Total/2)
		}
	})
}
