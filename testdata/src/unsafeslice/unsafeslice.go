// Package unsafeslice holds readers that write receiver-owned memory
// through a slice made with unsafe.Slice.
package unsafeslice

import (
	"io"
	"unsafe"
)

// viewOfArray writes an array field through an unsafe.Slice view of it.
type viewOfArray struct {
	src io.ReaderAt
	hdr [8]byte
}

func (r *viewOfArray) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*viewOfArray\)\.ReadAt writes r\.hdr\[i\] without holding a lock; io\.ReaderAt allows parallel calls$`
	view := unsafe.Slice(&r.hdr[0], len(r.hdr))
	view[0] = byte(off)
	return r.src.ReadAt(p, off)
}

// pointerArithmetic computes the address with unsafe.Add from a pointer
// into the receiver: it still points into the receiver.
type pointerArithmetic struct {
	src    io.ReaderAt
	counts [4]int64
}

func (r *pointerArithmetic) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*pointerArithmetic\)\.ReadAt writes r\.counts\[i\] without holding a lock; io\.ReaderAt allows parallel calls$`
	base := unsafe.Pointer(&r.counts[0])
	*(*int64)(unsafe.Add(base, 8*(off%4))) = off
	return r.src.ReadAt(p, off)
}
