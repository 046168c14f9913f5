package s3

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/s3/manager"
	s3sdk "github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
)

// Names used on every test server.
const (
	srcBucket = "source"
	dstBucket = "copies"
	srcKey    = "object.bin"
	testKeyID = "AKIDREADERATCHECK"
	testKeyPW = "readeratcheck-secret"
	partSize  = manager.MinUploadPartSize
)

// traffic is the HTTP client under the SDK. It counts the ranged GETs the
// SDK sends and what their bodies deliver, and can throttle them like a
// distant server would: a delay before each response and a bandwidth
// limit on each body.
type traffic struct {
	base  *http.Client
	delay time.Duration // added before each ranged GET is sent
	rate  int64         // bytes per second per body; 0 means unlimited

	gets   atomic.Int64 // ranged GETs sent
	pulled atomic.Int64 // bytes read from their bodies
	open   atomic.Int64 // their bodies not yet closed
	peak   atomic.Int64 // the most bodies open at once
}

// Do sends req; ranged GETs are counted and their bodies wrapped.
func (c *traffic) Do(req *http.Request) (*http.Response, error) {
	ranged := req.Method == http.MethodGet && req.Header.Get("Range") != ""
	if !ranged {
		return c.base.Do(req)
	}
	c.gets.Add(1)
	if c.delay > 0 {
		select {
		case <-time.After(c.delay):
		case <-req.Context().Done():
			return nil, req.Context().Err()
		}
	}
	resp, err := c.base.Do(req)
	if err != nil {
		return nil, err
	}
	c.notePeak(c.open.Add(1))
	resp.Body = &countedBody{ReadCloser: resp.Body, traffic: c, start: time.Now()}
	return resp, nil
}

// reset zeroes the counters between uploads.
func (c *traffic) reset() {
	c.gets.Store(0)
	c.pulled.Store(0)
	c.open.Store(0)
	c.peak.Store(0)
}

// notePeak raises peak to open if it is lower.
func (c *traffic) notePeak(open int64) {
	for {
		peak := c.peak.Load()
		if open <= peak || c.peak.CompareAndSwap(peak, open) {
			return
		}
	}
}

// countedBody is the body of one ranged GET, counted and throttled.
type countedBody struct {
	io.ReadCloser
	traffic *traffic
	start   time.Time
	read    int64
	closed  atomic.Bool
}

// Read counts the bytes read and, under a bandwidth limit, sleeps until
// they would have arrived.
func (b *countedBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	b.traffic.pulled.Add(int64(n))
	b.read += int64(n)
	if rate := b.traffic.rate; rate > 0 && n > 0 {
		due := b.start.Add(time.Duration(b.read * int64(time.Second) / rate))
		time.Sleep(time.Until(due))
	}
	return n, err
}

// Close closes the body once and counts it.
func (b *countedBody) Close() error {
	if !b.closed.Swap(true) {
		b.traffic.open.Add(-1)
	}
	return b.ReadCloser.Close()
}

// server is an S3 server for the tests with the buckets srcBucket and
// dstBucket, and a client for it whose traffic is counted.
type server struct {
	client  *s3sdk.Client
	traffic *traffic
	// seed stores data as srcKey in srcBucket.
	seed func(t testing.TB, data []byte)
	// stop shuts the server down; a body left open must not make it hang.
	stop func()
}

// newClient returns an SDK client for the S3 endpoint url with the test
// credentials, path-style addressing and its traffic counted. Checksums are
// set as config.LoadDefaultConfig would set them: computed on uploads and
// checked on downloads whenever the service supports it.
func newClient(url string, base *http.Client) (*s3sdk.Client, *traffic) {
	tr := &traffic{base: base}
	client := s3sdk.New(s3sdk.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(url),
		UsePathStyle: true,
		HTTPClient:   tr,

		RequestChecksumCalculation: aws.RequestChecksumCalculationWhenSupported,
		ResponseChecksumValidation: aws.ResponseChecksumValidationWhenSupported,
		Credentials: aws.CredentialsProviderFunc(
			func(context.Context) (aws.Credentials, error) {
				return aws.Credentials{AccessKeyID: testKeyID, SecretAccessKey: testKeyPW}, nil
			}),
	})
	return client, tr
}

// startFakeS3 runs gofakes3 in process on a loopback httptest server. The
// source object is stored through the backend, not through the SDK: an
// object PUT by the SDK gets a whole-object checksum that gofakes3 would
// wrongly send again on ranged GETs.
func startFakeS3(t testing.TB) *server {
	backend := s3mem.New()
	for _, b := range []string{srcBucket, dstBucket} {
		if err := backend.CreateBucket(b); err != nil {
			t.Fatalf("create bucket %s: %v", b, err)
		}
	}
	// gofakes3 logs a superfluous WriteHeader whenever a client drops a GET
	// body early, which the Reader does on purpose; keep the log quiet.
	ts := httptest.NewUnstartedServer(gofakes3.New(backend).Server())
	ts.Config.ErrorLog = log.New(io.Discard, "", 0)
	ts.Start()
	client, tr := newClient(ts.URL, newHTTPClient())
	s := &server{client: client, traffic: tr}
	s.seed = func(t testing.TB, data []byte) {
		_, err := backend.PutObject(srcBucket, srcKey, map[string]string{},
			bytes.NewReader(data), int64(len(data)), nil)
		if err != nil {
			t.Fatalf("seed %s: %v", srcKey, err)
		}
	}
	s.stop = sync.OnceFunc(func() {
		tr.base.CloseIdleConnections()
		ts.CloseClientConnections()
		ts.Close()
	})
	t.Cleanup(s.stop)
	return s
}

// opTimeout bounds each upload and each request the tests make, so that a
// server left waiting for bytes that never come fails the test instead of
// hanging it.
const opTimeout = 2 * time.Minute

// boundedContext returns a context that ends after opTimeout or with the
// test, whichever comes first.
func boundedContext(tb testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
	tb.Cleanup(cancel)
	return ctx
}

// upload copies body to dstKey in dstBucket with the SDK's multipart
// uploader, five parts at a time, as the daemon in the original report did.
func (s *server) upload(ctx context.Context, body io.ReaderAt, size int64, dstKey string) error {
	ctx, cancel := context.WithTimeout(ctx, opTimeout)
	defer cancel()
	// The deprecated manager.Uploader is the one that reads parts in
	// parallel through ReadAt, the use this package exists for.
	uploader := manager.NewUploader(s.client, func(u *manager.Uploader) { //nolint:staticcheck
		u.Concurrency = 5
		u.PartSize = partSize
	})
	_, err := uploader.Upload(ctx, &s3sdk.PutObjectInput{ //nolint:staticcheck // see above
		Bucket: aws.String(dstBucket),
		Key:    aws.String(dstKey),
		Body:   io.NewSectionReader(body, 0, size),
	})
	return err
}

// copySum returns the size and sha256 of dstKey in dstBucket.
func (s *server) copySum(t testing.TB, dstKey string) (int64, [sha256.Size]byte) {
	t.Helper()
	out, err := s.client.GetObject(boundedContext(t), &s3sdk.GetObjectInput{
		Bucket: aws.String(dstBucket),
		Key:    aws.String(dstKey),
	})
	if err != nil {
		t.Fatalf("get copy %s: %v", dstKey, err)
	}
	defer out.Body.Close()
	h := sha256.New()
	n, err := io.Copy(h, out.Body)
	if err != nil {
		t.Fatalf("read copy %s: %v", dstKey, err)
	}
	return n, [sha256.Size]byte(h.Sum(nil))
}

// checkNoCopy checks that a failed upload left neither an object nor an
// unfinished multipart upload behind.
func (s *server) checkNoCopy(t testing.TB, dstKey string) {
	t.Helper()
	ctx := boundedContext(t)
	_, err := s.client.HeadObject(ctx, &s3sdk.HeadObjectInput{
		Bucket: aws.String(dstBucket),
		Key:    aws.String(dstKey),
	})
	var notFound interface{ ErrorCode() string }
	if !errors.As(err, &notFound) || notFound.ErrorCode() != "NotFound" {
		t.Errorf("head %s after the failed upload: err = %v, want NotFound", dstKey, err)
	}
	list, err := s.client.ListMultipartUploads(ctx, &s3sdk.ListMultipartUploadsInput{
		Bucket: aws.String(dstBucket),
	})
	if err != nil {
		t.Fatalf("list multipart uploads: %v", err)
	}
	if n := len(list.Uploads); n != 0 {
		t.Errorf("%d multipart uploads left unfinished, want 0 (aborted)", n)
	}
}

// parts returns how many parts the uploader makes of size bytes.
func parts(size int64) int64 {
	return (size + partSize - 1) / partSize
}

// newHTTPClient returns an HTTP client with a transport of its own, so that
// closing its idle connections affects no other test.
func newHTTPClient() *http.Client {
	return &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
}
