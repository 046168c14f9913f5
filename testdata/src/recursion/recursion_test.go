package recursion

import (
	"bytes"
	"testing"

	"racetest"
)

func TestParallelReadAt(t *testing.T) {
	data := racetest.Pattern(8 << 10)
	t.Run("treeCounter", func(t *testing.T) {
		leaf := &node{}
		r := &treeCounter{src: bytes.NewReader(data), root: &node{left: leaf}}
		racetest.ReadAt(t, r, data)
		if r.root.hits != racetest.Total || leaf.hits != racetest.Total {
			t.Errorf("hits = %d and %d, want %d", r.root.hits, leaf.hits, racetest.Total)
		}
	})
	t.Run("wideTreeCounter", func(t *testing.T) {
		leaf := &wideNode{}
		r := &wideTreeCounter{src: bytes.NewReader(data), root: &wideNode{c: leaf}}
		racetest.ReadAt(t, r, data)
		if r.root.hits != racetest.Total || leaf.hits != racetest.Total {
			t.Errorf("hits = %d and %d, want %d", r.root.hits, leaf.hits, racetest.Total)
		}
	})
}
