// Package span is a helper package for the valuecopy scenario.
package span

// Span is a range of bytes; tag makes it hold a reference.
type Span struct {
	Off, N int64
	tag    *string
}

// Grow extends s by d bytes in place.
func (s *Span) Grow(d int64) { s.N += d }

// Grown returns a copy of s extended by d bytes; s itself is a copy, so
// calling the pointer method Grow on it changes nothing the caller sees.
func (s Span) Grown(d int64) Span {
	s.Grow(d)
	return s
}
