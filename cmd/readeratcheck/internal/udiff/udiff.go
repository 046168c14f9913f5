// Package udiff formats the difference between two texts as a unified diff,
// the format read by patch(1) and git apply.
package udiff

import (
	"fmt"
	"strings"
)

// Context is the number of unchanged lines shown around each change.
const Context = 3

// maxCost bounds the number of differing lines for which Unified searches
// a shortest edit script. Beyond it the search would need quadratic
// memory, so the changed middle of the texts is shown as one replaced
// block instead: still a correct patch, only not a minimal one.
const maxCost = 4000

// kind says what a line of an edit script does.
type kind byte

const (
	same kind = ' '
	del  kind = '-'
	ins  kind = '+'
)

// line is one line of an edit script. Its text keeps its newline, if any.
type line struct {
	kind kind
	text string
}

// Unified returns a unified diff that turns before into after, with the
// headers "--- oldName" and "+++ newName". It returns "" when the texts
// are equal.
func Unified(oldName, newName, before, after string) string {
	if before == after {
		return ""
	}
	script := diffLines(splitLines(before), splitLines(after))

	var b strings.Builder
	fmt.Fprintf(&b, "--- %s\n+++ %s\n", oldName, newName)
	for _, h := range hunks(script) {
		writeHunk(&b, script, h)
	}
	return b.String()
}

// splitLines splits text after each newline. A last line without a newline
// is kept as it is, so that joining the result gives text back.
func splitLines(text string) []string {
	lines := strings.SplitAfter(text, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// diffLines returns an edit script turning a into b. Lines that both texts
// start or end with are matched first; the rest goes to a shortest edit
// script search, or, when that would cost too much, to one replaced block.
func diffLines(a, b []string) []line {
	// Trim the common prefix and suffix: most fixes change a few lines of
	// a long file, and this keeps the search small.
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}

	script := make([]line, 0, len(a)+len(b))
	for _, s := range a[:pre] {
		script = append(script, line{same, s})
	}
	midA, midB := a[pre:len(a)-suf], b[pre:len(b)-suf]
	mid, ok := shortest(midA, midB)
	if !ok {
		mid = replaceAll(midA, midB)
	}
	script = append(script, mid...)
	for _, s := range a[len(a)-suf:] {
		script = append(script, line{same, s})
	}
	return script
}

// replaceAll returns the edit script that deletes all of a and inserts all
// of b.
func replaceAll(a, b []string) []line {
	script := make([]line, 0, len(a)+len(b))
	for _, s := range a {
		script = append(script, line{del, s})
	}
	for _, s := range b {
		script = append(script, line{ins, s})
	}
	return script
}

// shortest finds a shortest edit script turning a into b with Myers' greedy
// algorithm. It reports false when more than maxCost lines differ.
func shortest(a, b []string) ([]line, bool) {
	n, m := len(a), len(b)
	limit := min(n+m, maxCost)

	// frontier[k+off] is the furthest x reached on diagonal k = x-y.
	// Before each round d a copy of the diagonals -d-1..d+1 is kept in
	// trace[d], so that the path can be walked back afterwards.
	off := limit + 1
	frontier := make([]int, 2*limit+3)
	var trace [][]int
	for d := 0; d <= limit; d++ {
		trace = append(trace, append([]int(nil), frontier[off-d-1:off+d+2]...))
		for k := -d; k <= d; k += 2 {
			x := frontier[off+k-1] + 1 // step right: delete a[x]
			if k == -d || (k != d && frontier[off+k-1] < frontier[off+k+1]) {
				x = frontier[off+k+1] // step down: insert b[y]
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			frontier[off+k] = x
			if x >= n && y >= m {
				return backtrack(a, b, trace), true
			}
		}
	}
	return nil, false
}

// backtrack walks the rounds recorded by shortest from the end of both
// texts back to their start and returns the edit script in forward order.
func backtrack(a, b []string, trace [][]int) []line {
	var rev []line
	x, y := len(a), len(b)
	for d := len(trace) - 1; d >= 0; d-- {
		// trace[d] holds diagonals -d-1..d+1, so diagonal k is at k+d+1.
		v := trace[d]
		k := x - y
		prevK := k - 1
		if k == -d || (k != d && v[k-1+d+1] < v[k+1+d+1]) {
			prevK = k + 1
		}
		prevX := v[prevK+d+1]
		prevY := prevX - prevK

		for x > prevX && y > prevY {
			rev = append(rev, line{same, a[x-1]})
			x, y = x-1, y-1
		}
		if d == 0 {
			break
		}
		if x == prevX {
			rev = append(rev, line{ins, b[y-1]})
		} else {
			rev = append(rev, line{del, a[x-1]})
		}
		x, y = prevX, prevY
	}
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	return rev
}

// span is a half-open range of an edit script.
type span struct{ from, to int }

// hunks groups the changes of script into hunks: each change with Context
// unchanged lines around it, and changes whose context would touch or
// overlap merged into one hunk.
func hunks(script []line) []span {
	var out []span
	for i := 0; i < len(script); i++ {
		if script[i].kind == same {
			continue
		}
		from := max(0, i-Context)
		if n := len(out); n > 0 && from <= out[n-1].to {
			from = out[n-1].from
			out = out[:n-1]
		}

		// Extend to the end of this run of changes, then add context.
		for i < len(script) && script[i].kind != same {
			i++
		}
		out = append(out, span{from, min(len(script), i+Context)})
	}
	return out
}

// writeHunk writes the hunk h of script: its header, then its lines. A
// line without a newline (the last of a text) is followed by the marker
// that patch expects.
func writeHunk(b *strings.Builder, script []line, h span) {
	// Line numbers count the lines of each text before the hunk.
	oldStart, newStart := 1, 1
	for _, l := range script[:h.from] {
		if l.kind != ins {
			oldStart++
		}
		if l.kind != del {
			newStart++
		}
	}
	oldLen, newLen := 0, 0
	for _, l := range script[h.from:h.to] {
		if l.kind != ins {
			oldLen++
		}
		if l.kind != del {
			newLen++
		}
	}
	fmt.Fprintf(b, "@@ -%s +%s @@\n", rangeOf(oldStart, oldLen), rangeOf(newStart, newLen))

	for _, l := range script[h.from:h.to] {
		b.WriteByte(byte(l.kind))
		b.WriteString(l.text)
		if !strings.HasSuffix(l.text, "\n") {
			b.WriteString("\n\\ No newline at end of file\n")
		}
	}
}

// rangeOf formats the start and length of a hunk's side the way diff -u
// does: the length is left out when it is 1, and an empty side names the
// line before it.
func rangeOf(start, n int) string {
	switch n {
	case 0:
		return fmt.Sprintf("%d,0", start-1)
	case 1:
		return fmt.Sprint(start)
	}
	return fmt.Sprintf("%d,%d", start, n)
}
