package contractfix

// shadowed has a local variable named io, so no fix can name package io.
type shadowed struct {
	at func(off int64) source
}

func (s shadowed) ReadAt(p []byte, off int64) (int, error) {
	io := s.at(off)
	return io.Read(p) // want `^shadowed\.ReadAt may return a count < len\(p\) with a nil error: the count comes from a single Read, which may return less than asked$`
}

// taken already uses n and err in the scope of the return, and hides its
// named results: the fix reads into fresh names.
type taken struct {
	at func(off int64) source
}

func (t taken) ReadAt(p []byte, off int64) (n int, err error) {
	n, err = 0, nil
	{
		n, err := len(p), error(nil)
		_, _ = n, err
		return t.at(off).Read(p) // want `^taken\.ReadAt may return a count < len\(p\) with a nil error: the count comes from a single Read, which may return less than asked$`
	}
}
