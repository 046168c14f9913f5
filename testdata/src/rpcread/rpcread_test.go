package rpcread

import (
	"context"
	"testing"

	"racetest"
)

// fakeClient serves data by range, fails where fail says, and counts its
// Close calls without a lock.
type fakeClient struct {
	data   []byte
	fail   func(off int64) bool
	closes int
}

func (c *fakeClient) Read(ctx context.Context, req *readRequest) (*readResponse, error) {
	if c.fail(req.off) {
		return nil, racetest.ErrInjected
	}
	end := min(req.off+req.size, int64(len(c.data)))
	return &readResponse{data: c.data[req.off:end]}, nil
}

func (c *fakeClient) Close() error {
	c.closes++
	return nil
}

func TestParallelReadAt(t *testing.T) {
	// Every failed read closes the client.
	data := racetest.Pattern(8 << 10)
	fail := func(off int64) bool { return off%3 == 0 }
	client := &fakeClient{data: data, fail: fail}
	r := &closingRemote{ctx: context.Background(), client: client}
	failed := racetest.ReadAtFailing(t, r, data, fail)
	if failed == 0 || client.closes != failed {
		t.Errorf("%d closes after %d failed reads", client.closes, failed)
	}
}
