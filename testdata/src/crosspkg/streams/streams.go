// Package streams is a helper package for the crosspkg scenario: its
// functions mutate what their parameters reach, or take locks, and the
// analyzer learns which from the facts it exports.
package streams

import (
	"io"
	"sync"
)

// Counter counts events.
type Counter struct {
	N int
}

// Bump adds one to c.
func Bump(c *Counter) { c.N++ }

// BumpTwice adds two to c through Bump.
func BumpTwice(c *Counter) {
	Bump(c)
	Bump(c)
}

// Peek returns the count without changing it.
func Peek(c *Counter) int { return c.N }

// Cursor is a position in a stream.
type Cursor struct {
	pos int64
}

// Advance moves the cursor n bytes on.
func (c *Cursor) Advance(n int) { c.pos += int64(n) }

// Pos returns the position.
func (c *Cursor) Pos() int64 { return c.pos }

// Fill reads len(buf) bytes from r into buf.
func Fill(r io.Reader, buf []byte) (int, error) { return io.ReadFull(r, buf) }

// Append appends v to the slice s points to.
func Append(s *[]int64, v int64) { *s = append(*s, v) }

// Forget deletes k from m.
func Forget(m map[int64][]byte, k int64) { delete(m, k) }

// Stats guards its own totals.
type Stats struct {
	mu    sync.Mutex
	total int64
}

// Add adds n to the total under the lock.
func (s *Stats) Add(n int) {
	s.mu.Lock()
	s.total += int64(n)
	s.mu.Unlock()
}

// Guard is a mutex behind two methods that leave it locked and unlocked.
type Guard struct {
	mu sync.Mutex
}

// Enter locks the guard.
func (g *Guard) Enter() { g.mu.Lock() }

// Leave unlocks the guard.
func (g *Guard) Leave() { g.mu.Unlock() }

// tally is an unexported type whose exported method is promoted through
// Tally.
type tally struct {
	n int
}

// Inc adds one.
func (t *tally) Inc() { t.n++ }

// Tally embeds tally; its Inc method is promoted.
type Tally struct {
	tally
}
