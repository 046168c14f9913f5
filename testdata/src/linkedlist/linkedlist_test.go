package linkedlist

import (
	"bytes"
	"testing"

	"racetest"
)

// extents returns a list of n extents of equal size that covers size
// bytes.
func extents(n int, size int64) *node {
	var head *node
	for i := n - 1; i >= 0; i-- {
		head = &node{off: int64(i) * size / int64(n), size: size / int64(n), next: head}
	}
	return head
}

func TestParallelReadAt(t *testing.T) {
	data := racetest.Pattern(8 << 10)
	t.Run("extentList", func(t *testing.T) {
		r := &extentList{src: bytes.NewReader(data), head: extents(2, int64(len(data)))}
		racetest.ReadAt(t, r, data)
		if r.head.next.hits != racetest.Total {
			t.Errorf("hits = %d, want %d", r.head.next.hits, racetest.Total)
		}
	})
	t.Run("walkingList", func(t *testing.T) {
		// Every offset falls in one extent, which counts the hit.
		r := &walkingList{src: bytes.NewReader(data), head: extents(8, int64(len(data)))}
		racetest.ReadAt(t, r, data)
		hits := 0
		for n := r.head; n != nil; n = n.next {
			hits += n.hits
		}
		if hits != racetest.Total {
			t.Errorf("hits = %d, want %d", hits, racetest.Total)
		}
	})
	t.Run("moveToFront", func(t *testing.T) {
		// The list must keep all its extents, in whatever order.
		r := &moveToFront{src: bytes.NewReader(data), head: extents(8, int64(len(data)))}
		racetest.ReadAt(t, r, data)
		seen := make(map[*node]bool)
		for n := r.head; n != nil && !seen[n]; n = n.next {
			seen[n] = true
		}
		if len(seen) != 8 {
			t.Errorf("%d extents left in the list, want 8", len(seen))
		}
	})
}
