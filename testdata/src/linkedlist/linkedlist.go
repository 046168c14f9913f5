// Package linkedlist holds readers that mutate nodes of a linked list
// hanging off the receiver.
package linkedlist

import (
	"io"
	"sync"
)

// node is one extent of a file kept in a singly linked list.
type node struct {
	off, size int64
	hits      int
	next      *node
}

// extentList counts a hit on the second extent through a pointer chain.
type extentList struct {
	src  io.ReaderAt
	head *node
}

func (r *extentList) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*extentList\)\.ReadAt writes r\.head\.next\.hits without holding a lock; io\.ReaderAt allows parallel calls$`
	if r.head != nil && r.head.next != nil {
		r.head.next.hits++
	}
	return r.src.ReadAt(p, off)
}

// walkingList walks the list in a loop and marks the extent it finds.
type walkingList struct {
	src  io.ReaderAt
	head *node
}

func (r *walkingList) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*walkingList\)\.ReadAt writes r\.head\.hits without holding a lock; io\.ReaderAt allows parallel calls$`
	for n := r.head; n != nil; n = n.next {
		if off >= n.off && off < n.off+n.size {
			n.hits++
			break
		}
	}
	return r.src.ReadAt(p, off)
}

// moveToFront relinks the list to put the extent it found first.
type moveToFront struct {
	src  io.ReaderAt
	head *node
}

func (r *moveToFront) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*moveToFront\)\.ReadAt writes r\.head\.next and r\.head without holding a lock; io\.ReaderAt allows parallel calls$`
	var prev *node
	for n := r.head; n != nil; prev, n = n, n.next {
		if off >= n.off && off < n.off+n.size && prev != nil {
			prev.next = n.next
			n.next = r.head
			r.head = n
			break
		}
	}
	return r.src.ReadAt(p, off)
}

// lockedList walks and marks under its mutex.
type lockedList struct {
	mu   sync.Mutex
	src  io.ReaderAt
	head *node
}

func (r *lockedList) ReadAt(p []byte, off int64) (int, error) {
	r.mu.Lock()
	for n := r.head; n != nil; n = n.next {
		if off >= n.off && off < n.off+n.size {
			n.hits++ // ok: under r.mu
			break
		}
	}
	r.mu.Unlock()
	return r.src.ReadAt(p, off)
}

// freshList builds a list of its own and links into it.
type freshList struct {
	src io.ReaderAt
}

func (r *freshList) ReadAt(p []byte, off int64) (int, error) {
	head := &node{off: off}
	head.next = &node{off: off + int64(len(p))} // ok: nodes made in this call
	head.next.hits++                            // ok: nodes made in this call
	return r.src.ReadAt(p, off)
}
