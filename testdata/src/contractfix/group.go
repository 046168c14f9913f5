package contractfix

import (
	"errors"
	"sync"
)

var errNegative = errors.New("negative offset")

// grouped reads once, under a lock that keeps the source to itself.
type grouped struct {
	mu  sync.Mutex
	src func(off int64) source
}

func (g *grouped) ReadAt(buf []byte, off int64) (int, error) {
	if off < 0 {
		return 0, errNegative
	}
	g.mu.Lock()
	rd := g.src(off)
	g.mu.Unlock()
	got, failure := rd.Read(buf)
	return got, failure // want `^\(\*grouped\)\.ReadAt may return got < len\(buf\) with a nil error: got comes from a single Read, which may return less than asked$`
}
