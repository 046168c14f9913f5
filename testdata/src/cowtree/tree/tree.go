// Package tree is an immutable binary tree: changes return new nodes
// built from value copies, and never write the nodes they start from.
package tree

// Node is a node of the tree.
type Node struct {
	lo, hi *Node
	key    int64
	val    []byte
}

// With returns the tree with key set to val.
func (n *Node) With(key int64, val []byte) *Node {
	if n == nil {
		return &Node{key: key, val: val}
	}
	c := *n
	switch {
	case key < n.key:
		c.lo = n.lo.With(key, val)
	case key > n.key:
		c.hi = n.hi.With(key, val)
	default:
		c.val = val
	}
	return &c
}

// Scrub returns the tree with the bytes of key's value zeroed in place:
// the copy shares the value's array, so this one does write through n.
func (n *Node) Scrub(key int64) *Node {
	c := *n
	if key == n.key {
		clear(c.val)
	}
	return &c
}
