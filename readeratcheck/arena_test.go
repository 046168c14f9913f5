package readeratcheck

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestCompareSteps checks that compareSteps orders paths as their
// spellings by path.key compare, on random paths that share prefixes.
func TestCompareSteps(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	names := []string{"", "a", "ab", "b", "z", "A", "a_b", "ä"}
	random := func() []step {
		steps := make([]step, r.IntN(5))
		for i := range steps {
			k := stepKind(r.IntN(int(stepCopy) + 1))
			steps[i] = step{kind: k}
			if k == stepField {
				steps[i].name = names[r.IntN(len(names))]
			}
		}
		return steps
	}
	sign := func(c int) int { return min(max(c, -1), 1) }
	for range 20000 {
		x, y := random(), random()
		if r.IntN(3) == 0 {
			y = append(append([]step(nil), x...), random()...)
		}
		want := strings.Compare(path{steps: x}.key(), path{steps: y}.key())
		if got := compareSteps(x, y); sign(got) != want {
			t.Fatalf("compareSteps(%q, %q) = %d; want %d", path{steps: x}.key(),
				path{steps: y}.key(), got, want)
		}
	}
}

// TestChunks checks that the arena's slices are zeroed, do not overlap,
// and come back zeroed after a reset.
func TestChunks(t *testing.T) {
	var c chunks[int]
	var got [][]int
	for n := range 300 {
		s := c.take(n % 40)
		for i := range s {
			if s[i] != 0 {
				t.Fatalf("take(%d)[%d] = %d; want 0", n%40, i, s[i])
			}
			s[i] = n + 1
		}
		if cap(s) != len(s) {
			t.Fatalf("take(%d) has cap %d", len(s), cap(s))
		}
		got = append(got, s)
	}
	for n, s := range got {
		for _, v := range s {
			if v != n+1 {
				t.Fatalf("slice %d was overwritten: %v", n, s)
			}
		}
	}
	c.reset()
	for range 300 {
		for _, v := range c.take(37) {
			if v != 0 {
				t.Fatal("a slice taken after reset is not zeroed")
			}
		}
	}
}
