// Package recursion holds a reader that walks a tree hanging off the
// receiver with a recursive helper. The message must name the mutated
// field once, not once per depth the analysis unrolled.
package recursion

import (
	"io"
)

// node is a node of a binary tree.
type node struct {
	left, right *node
	hits        int
}

// visit counts a hit on every node under n.
func visit(n *node) {
	if n == nil {
		return
	}
	n.hits++
	visit(n.left)
	visit(n.right)
}

// treeCounter counts hits over its whole tree.
type treeCounter struct {
	src  io.ReaderAt
	root *node
}

func (r *treeCounter) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*treeCounter\)\.ReadAt writes r\.root(\.(left|right))*\.hits without holding a lock; io\.ReaderAt allows parallel calls$`
	visit(r.root)
	return r.src.ReadAt(p, off)
}
