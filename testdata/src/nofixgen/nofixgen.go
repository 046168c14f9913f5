// Package nofixgen holds a racy reader whose struct is declared in a
// generated file: no fix is offered, since the generator would undo it.
package nofixgen

import "io"

func (r *generated) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*generated\)\.ReadAt writes r\.pos without holding a lock; io\.ReaderAt allows parallel calls; no fix: generated is declared in a generated file$`
	r.pos = off
	if off >= int64(len(r.data)) {
		return 0, io.EOF
	}
	n := copy(p, r.data[off:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}
