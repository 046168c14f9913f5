// Package onelinestruct holds a racy reader whose struct type is written on
// one line: the fix must still be able to add a mutex field, so the
// message carries no "no fix" reason.
package onelinestruct

import "io"

// oneField is declared on one line, as gofmt leaves a struct with one
// short field.
type oneField struct{ pos int64 }

func (r *oneField) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*oneField\)\.ReadAt writes r\.pos without holding a lock; io\.ReaderAt allows parallel calls$`
	r.pos = off
	return 0, io.EOF
}
