// Package rpcread holds readers that call an RPC client's method named
// Read: it has nothing of io.Reader's signature and moves no shared
// position. Only methods with the io signatures are stream methods.
package rpcread

import (
	"context"
	"io"
)

// readRequest asks for size bytes at off.
type readRequest struct {
	off, size int64
}

// readResponse carries the bytes read.
type readResponse struct {
	data []byte
}

// contentClient is an RPC client: Read asks the server for a range.
type contentClient interface {
	Read(ctx context.Context, req *readRequest) (*readResponse, error)
	Close() error
}

// remote reads ranges through the client, the shape of containerd's
// remoteReaderAt.
type remote struct {
	ctx    context.Context
	client contentClient
}

func (r *remote) ReadAt(p []byte, off int64) (int, error) {
	resp, err := r.client.Read(r.ctx, &readRequest{off: off, size: int64(len(p))}) // ok: an RPC
	if err != nil {
		return 0, err
	}
	n := copy(p, resp.data)
	if n < len(p) {
		return n, io.ErrUnexpectedEOF
	}
	return n, nil
}

// closingRemote closes the shared client after a failure: Close has
// io.Closer's signature, so that one is a stream method.
type closingRemote struct {
	ctx    context.Context
	client contentClient
}

func (r *closingRemote) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*closingRemote\)\.ReadAt closes r\.client without holding a lock; io\.ReaderAt allows parallel calls$`
	resp, err := r.client.Read(r.ctx, &readRequest{off: off, size: int64(len(p))}) // ok: an RPC
	if err != nil {
		r.client.Close()
		return 0, err
	}
	n := copy(p, resp.data)
	if n < len(p) {
		return n, io.ErrUnexpectedEOF
	}
	return n, nil
}
