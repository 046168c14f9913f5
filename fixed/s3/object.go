package s3

import (
	"context"
	"fmt"
	"io"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	s3sdk "github.com/aws/aws-sdk-go-v2/service/s3"
)

// GetObjectAPI is the part of an S3 client that NewObject uses;
// *s3.Client from the AWS SDK for Go v2 implements it.
type GetObjectAPI interface {
	GetObject(ctx context.Context, params *s3sdk.GetObjectInput,
		optFns ...func(*s3sdk.Options)) (*s3sdk.GetObjectOutput, error)
}

// object opens ranged GETs on one S3 object and checks that every response
// comes from the same version of it.
type object struct {
	ctx    context.Context
	client GetObjectAPI
	bucket string
	key    string

	mu   sync.Mutex
	etag string // ETag of the first response; empty until one arrives
}

// NewObject returns a Reader over the first size bytes of the object key in
// bucket. Each body it opens is a GET with the header Range: bytes=N-, sent
// with a context derived from ctx that Close cancels. If a response carries
// an ETag different from the first one seen, the object was replaced while
// being read, and the read fails rather than mix two versions.
func NewObject(ctx context.Context, client GetObjectAPI, bucket, key string,
	size int64) *Reader {
	ctx, cancel := context.WithCancel(ctx)
	o := &object{ctx: ctx, client: client, bucket: bucket, key: key}
	r := New(o.open, size)
	r.cancel = cancel
	return r
}

// open sends a GET for the object from off to its end.
func (o *object) open(off int64) (io.ReadCloser, error) {
	out, err := o.client.GetObject(o.ctx, &s3sdk.GetObjectInput{
		Bucket: aws.String(o.bucket),
		Key:    aws.String(o.key),
		Range:  aws.String(fmt.Sprintf("bytes=%d-", off)),
	})
	if err != nil {
		return nil, err
	}
	if err := o.sameVersion(aws.ToString(out.ETag)); err != nil {
		out.Body.Close()
		return nil, err
	}
	return out.Body, nil
}

// sameVersion records the first ETag seen and fails on any later one that
// differs. Servers that send no ETag are not checked.
func (o *object) sameVersion(etag string) error {
	if etag == "" {
		return nil
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.etag == "" {
		o.etag = etag
		return nil
	}
	if etag != o.etag {
		return fmt.Errorf("s3: object %s/%s changed while being read: etag %s, then %s",
			o.bucket, o.key, o.etag, etag)
	}
	return nil
}
