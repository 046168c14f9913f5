package readeratcheck

import (
	"go/ast"
	"go/types"
	"sync"
)

// A summArena holds the memory a package's summaries are built from, and
// is reused by the next package once the first has exported its fact:
// nothing in a summary outlives summarize (the fact is encoded afresh).
// The analysis runs after the driver has loaded every package, on the
// largest heap of the run, so what it allocates there is what it costs:
// enough of it makes the collector run once more over the whole program.
type summArena struct {
	steps chunks[step]
	args  chunks[vpath]
	summs chunks[funcSumm]
	calls chunks[summCall]
	muts  chunks[summMut]
	decls map[*types.Func]*ast.FuncDecl
	sums  map[*types.Func]*funcSumm
}

// arenas recycles summArenas between packages, and between the goroutines
// of a driver that analyses packages in parallel.
var arenas = sync.Pool{New: func() any {
	return &summArena{
		decls: make(map[*types.Func]*ast.FuncDecl),
		sums:  make(map[*types.Func]*funcSumm),
	}
}}

// release clears a for the next package and returns it to the pool.
func (a *summArena) release() {
	a.steps.reset()
	a.args.reset()
	a.summs.reset()
	a.calls.reset()
	a.muts.reset()
	clear(a.decls)
	clear(a.sums)
	arenas.Put(a)
}

// newSumm returns a zeroed funcSumm from the arena.
func (a *summArena) newSumm() *funcSumm {
	return &a.summs.take(1)[0]
}

// concat returns a followed by b in new memory of the arena.
func (a *summArena) concat(x, y []step) []step {
	out := a.steps.take(len(x) + len(y))
	copy(out[copy(out, x):], y)
	return out
}

// chunks hands out slices of a few large arrays, zeroed, each with its
// capacity equal to its length, so that an append to one never writes
// into the next.
type chunks[T any] struct {
	list [][]T
	cur  int // index in list of the array being handed out
	off  int // how much of it is handed out
}

const chunkLen = 1024

func (c *chunks[T]) take(n int) []T {
	if n == 0 {
		return nil
	}
	if n > chunkLen/4 {
		return make([]T, n)
	}
	for {
		if c.cur == len(c.list) {
			c.list = append(c.list, make([]T, chunkLen))
		}
		if ch := c.list[c.cur]; c.off+n <= len(ch) {
			s := ch[c.off : c.off+n : c.off+n]
			c.off += n
			return s
		}
		c.cur++
		c.off = 0
	}
}

// reset zeroes what was handed out, so that the arrays hold no pointers
// into the last package and start out as make would give them.
func (c *chunks[T]) reset() {
	for i := 0; i <= c.cur && i < len(c.list); i++ {
		clear(c.list[i])
	}
	c.cur, c.off = 0, 0
}
