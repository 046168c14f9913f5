package contractfix

import stdio "io"

// aliased knows package io by another name.
type aliased struct {
	ra stdio.ReaderAt
}

func (a aliased) ReadAt(p []byte, off int64) (n int, err error) {
	if n, err := stdio.NewSectionReader(a.ra, off, 1<<40).Read(p); err != nil {
		return n, err // ok: the error is not nil
	}
	return stdio.NewSectionReader(a.ra, off, 1<<40).Read(p) // want `^aliased\.ReadAt may return a count < len\(p\) with a nil error: the count comes from a single Read, which may return less than asked$`
}
