// Package foreignglobal holds readers that hand a variable of another
// package, such as io.Discard or os.Stderr, to a function that writes to
// it. Those variables are the other package's business: io.Discard and
// *os.File are safe for parallel use.
package foreignglobal

import (
	"fmt"
	"io"
	"os"
)

// skipPrefix discards the bytes before off from a fresh stream, the shape
// of estargz's fileReader.
type skipPrefix struct {
	open func() io.Reader
}

func (r *skipPrefix) ReadAt(p []byte, off int64) (int, error) {
	body := r.open()
	if _, err := io.CopyN(io.Discard, body, off); err != nil { // ok: io.Discard
		return 0, err
	}
	return io.ReadFull(body, p)
}

// tracing prints each call to standard error.
type tracing struct {
	src io.ReaderAt
}

func (r *tracing) ReadAt(p []byte, off int64) (int, error) {
	fmt.Fprintf(os.Stderr, "read %d at %d\n", len(p), off) // ok: os.Stderr
	return r.src.ReadAt(p, off)
}
