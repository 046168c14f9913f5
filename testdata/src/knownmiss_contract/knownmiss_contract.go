// Package knownmiss_contract holds ReadAt methods that break the count
// contract in ways the check does not see. The line a perfect tool would
// flag carries no want: the day the check reports it, the test fails and
// the case moves to a scenario of its own.
package knownmiss_contract

import "io"

// viaHelper hands back one Read done by a helper.
type viaHelper struct {
	open func(off int64) io.Reader
}

func (h viaHelper) fill(p []byte, off int64) (int, error) {
	return h.open(off).Read(p)
}

// known miss: the check looks at one method at a time and does not follow
// the count into fill, which returns a single Read.
func (h viaHelper) ReadAt(p []byte, off int64) (int, error) {
	n, err := h.fill(p, off)
	return n, err
}

// atLeastOne asks io.ReadAtLeast for one byte only.
type atLeastOne struct {
	open func(off int64) io.Reader
}

// known miss: io.ReadAtLeast with a minimum below len(p) is as short as a
// Read, but the check knows only the minimum len(p).
func (a atLeastOne) ReadAt(p []byte, off int64) (int, error) {
	return io.ReadAtLeast(a.open(off), p, 1)
}

// emptyTail returns nothing and no error past the end of its data.
type emptyTail struct {
	data []byte
}

// known miss: a constant count is never taken as short, since p may be
// empty; here 0 < len(p) with a nil error at the end of the data.
func (t emptyTail) ReadAt(p []byte, off int64) (int, error) {
	if off >= int64(len(t.data)) {
		return 0, nil
	}
	n := copy(p, t.data[off:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// stickyErr keeps the error of its last Read in a field.
type stickyErr struct {
	open func(off int64) io.Reader
	err  error
}

// known miss: an error loaded from a field may or may not be nil; the
// check stays silent on errors it cannot place.
func (s *stickyErr) ReadAt(p []byte, off int64) (int, error) {
	n, _ := s.open(off).Read(p)
	return n, s.err
}

// threeTries reads at most three times.
type threeTries struct {
	open func(off int64) io.Reader
}

// known miss: the loop also ends on a counter of its own, which the check
// cannot relate to p, so it leaves the loop undecided.
func (t threeTries) ReadAt(p []byte, off int64) (int, error) {
	rd := t.open(off)
	n := 0
	for try := 0; try < 3 && n < len(p); try++ {
		m, err := rd.Read(p[n:])
		n += m
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// limited checks reads against a limit that may exceed its data.
type limited struct {
	data  []byte
	limit int64
}

// known miss: off+len(p) <= l.limit bounds p by something the check
// cannot relate to len(l.data), so the copy is left undecided, though a
// limit past the data's end makes it short.
func (l limited) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 || off+int64(len(p)) > l.limit {
		return 0, io.EOF
	}
	return copy(p, l.data[off:]), nil
}

// clamped copies and returns a count it computes itself.
type clamped struct {
	data []byte
}

// known miss: the count is arithmetic on offsets (end - off, with end
// cut at the end of the data), not the result of a Read or a copy, so the
// check does not follow where it comes from, though it is short past the
// end of the data with a nil error.
func (c clamped) ReadAt(p []byte, off int64) (int, error) {
	if off >= int64(len(c.data)) {
		return 0, io.EOF
	}
	end := min(off+int64(len(p)), int64(len(c.data)))
	copy(p, c.data[off:end])
	return int(end - off), nil
}
