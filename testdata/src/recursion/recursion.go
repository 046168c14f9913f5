// Package recursion holds readers that walk a tree hanging off the
// receiver with a recursive helper. The message must name the mutated
// field once, not once per depth the analysis unrolled, and a wider tree
// must not exhaust the analysis budget and silence the report.
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

// wideNode is a node of a tree with three children.
type wideNode struct {
	a, b, c *wideNode
	hits    int
}

// visitWide counts a hit on every node under n.
func visitWide(n *wideNode) {
	if n == nil {
		return
	}
	n.hits++
	visitWide(n.a)
	visitWide(n.b)
	visitWide(n.c)
}

// wideTreeCounter counts hits over a tree with three children per node.
type wideTreeCounter struct {
	src  io.ReaderAt
	root *wideNode
}

func (r *wideTreeCounter) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*wideTreeCounter\)\.ReadAt writes r\.root(\.[abc])*\.hits without holding a lock; io\.ReaderAt allows parallel calls$`
	visitWide(r.root)
	return r.src.ReadAt(p, off)
}
