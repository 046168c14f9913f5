package s3

import (
	"bytes"
	"context"
	"crypto/md5"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	s3sdk "github.com/aws/aws-sdk-go-v2/service/s3"
)

// referenceSize is the source size of the reference upload: six parts, the
// last one odd.
const referenceSize = 26<<20 + 12345

// referenceUpload copies a source object on s to a new object through a
// Reader that opens ranged GETs on it and through the SDK's multipart
// uploader, and checks the copy's bytes, the number of GETs and that no
// body is left open after Close.
func referenceUpload(t *testing.T, s *server) {
	ctx := boundedContext(t)
	data := testData(referenceSize, 11)
	s.seed(t, data)
	s.traffic.reset()

	// Copy, then close the reader and count what is still open.
	r := NewObject(ctx, s.client, srcBucket, srcKey, referenceSize)
	start := time.Now()
	if err := s.upload(ctx, r, referenceSize, "copy.bin"); err != nil {
		t.Fatalf("upload: %v", err)
	}
	elapsed := time.Since(start)
	pooled := s.traffic.open.Load()
	if err := r.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if n := s.traffic.open.Load(); n != 0 {
		t.Errorf("%d GET bodies open after Close, want 0", n)
	}

	// The copy must be the source, byte for byte.
	n, sum := s.copySum(t, "copy.bin")
	if want := sha256.Sum256(data); n != referenceSize || sum != want {
		t.Errorf("copy: %d bytes, sha256 %x; want %d bytes, sha256 %x", n, sum,
			referenceSize, want)
	}

	// Each part is read at most twice, each pass from one body.
	gets, limit := s.traffic.gets.Load(), 2*parts(referenceSize)+5
	if gets > limit {
		t.Errorf("%d GETs for %d parts, want at most %d", gets, parts(referenceSize), limit)
	}
	t.Logf("%d bytes in %d parts: %v, %d GETs (limit %d), %d bytes pulled, "+
		"%d bodies pooled before Close", referenceSize, parts(referenceSize),
		elapsed.Round(time.Millisecond), gets, limit, s.traffic.pulled.Load(), pooled)
}

// TestReferenceUploadFake runs the reference upload against gofakes3 in
// process over plain HTTP.
func TestReferenceUploadFake(t *testing.T) {
	referenceUpload(t, startFakeS3(t))
}

// TestUploadFaults makes the source fail in each way while the uploader
// reads it: the upload must fail with the injected error, abort its
// multipart upload and leave no body open and no goroutine running.
func TestUploadFaults(t *testing.T) {
	const size = 3*partSize + 777
	tests := []struct {
		name   string
		inject func(*fakeSource)
		wraps  error
	}{
		{"open fails", func(s *fakeSource) { s.openErr = errOpen }, errOpen},
		{"body fails midway", func(s *fakeSource) {
			s.failAt, s.failErr = 2*partSize+12345, errBody
		}, errBody},
		{"body truncated", func(s *fakeSource) { s.truncAt = size - 100 }, io.ErrUnexpectedEOF},
		{"checksum error at the end", func(s *fakeSource) { s.endErr = errChecksum }, errChecksum},
	}
	data := testData(size, 12)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := runtime.NumGoroutine()
			s := startFakeS3(t)
			src := newFakeSource(data)
			tt.inject(src)
			r := New(src.open, size)

			err := s.upload(boundedContext(t), r, size, "failed.bin")
			if !errors.Is(err, tt.wraps) {
				t.Errorf("upload error = %v, want one wrapping %v", err, tt.wraps)
			}
			s.checkNoCopy(t, "failed.bin")
			if err := r.Close(); err != nil {
				t.Errorf("Close: %v", err)
			}
			src.checkClean(t)
			s.stop()
			checkGoroutines(t, base)
		})
	}
}

// TestChecksumErrorPassedOn uses the SDK's own response checksum check: an
// object PUT through the SDK on gofakes3 gets a whole-object CRC32 that
// gofakes3 sends again on ranged GETs, so the SDK rejects any range but the
// whole object when the body ends. The Reader must pass that error on.
func TestChecksumErrorPassedOn(t *testing.T) {
	const size = 100000
	s := startFakeS3(t)
	data := testData(size, 13)
	_, err := s.client.PutObject(boundedContext(t), &s3sdk.PutObjectInput{
		Bucket: aws.String(srcBucket),
		Key:    aws.String(srcKey),
		Body:   strings.NewReader(string(data)),
	})
	if err != nil {
		t.Fatalf("put: %v", err)
	}
	r := NewObject(boundedContext(t), s.client, srcBucket, srcKey, size)
	defer r.Close()

	// The whole object matches its checksum.
	if err := checkReadAt(r, bytes.NewReader(data), 0, size); err != nil {
		t.Errorf("whole object: %v", err)
	}

	// A read that ends the range body gets the SDK's checksum error. The
	// bytes themselves are all there; the error says they are not proven.
	n, err := r.ReadAt(make([]byte, 1000), size-1000)
	want := fmt.Sprintf("s3: end of body at offset %d: checksum did not match: "+
		"algorithm CRC32, expect %s, actual %s", size, crc32Text(data), crc32Text(data[size-1000:]))
	if n != 1000 || errText(err) != want {
		t.Errorf("ReadAt at the end = %d, %q; want 1000, %q", n, errText(err), want)
	}
	if n := s.traffic.open.Load(); n != 0 {
		t.Errorf("%d GET bodies open after the failed read, want 0", n)
	}
}

// TestObjectReplaced replaces the object between two reads; the second
// read's GET returns another ETag and must fail rather than mix versions.
func TestObjectReplaced(t *testing.T) {
	const size = 100000
	s := startFakeS3(t)
	first, second := testData(size, 14), testData(size, 15)
	s.seed(t, first)
	r := NewObject(boundedContext(t), s.client, srcBucket, srcKey, size)
	defer r.Close()
	if err := checkReadAt(r, bytes.NewReader(first), 0, 1000); err != nil {
		t.Fatal(err)
	}

	s.seed(t, second)
	n, err := r.ReadAt(make([]byte, 1000), 50000)
	want := fmt.Sprintf("s3: open at offset 50000: s3: object %s/%s changed while being "+
		"read: etag \"%x\", then \"%x\"", srcBucket, srcKey, md5.Sum(first), md5.Sum(second))
	if n != 0 || errText(err) != want {
		t.Errorf("ReadAt after replace = %d, %q; want 0, %q", n, errText(err), want)
	}
	if n := s.traffic.open.Load(); n != 1 {
		t.Errorf("%d GET bodies open, want 1 (the first, pooled)", n)
	}
}

// TestCloseCancelsGET closes a Reader while its GET body is stalled
// mid-transfer. Close must cancel the request so that the read returns at
// once with ErrClosed, and the server handler must see the cancellation.
func TestCloseCancelsGET(t *testing.T) {
	const size = 1 << 20
	base := runtime.NumGoroutine()
	sent, cancelled := make(chan struct{}), make(chan struct{})
	ts := httptest.NewServer(stallingHandler(size, sent, cancelled))
	defer ts.Close()
	client, tr := newClient(ts.URL, newHTTPClient())
	defer tr.base.CloseIdleConnections()
	r := NewObject(boundedContext(t), client, srcBucket, srcKey, size)

	done := make(chan error, 1)
	go func() {
		_, err := r.ReadAt(make([]byte, 64<<10), 0)
		done <- err
	}()
	<-sent
	waitFor(t, "the first KiB to arrive", func() bool { return tr.pulled.Load() == 1024 })
	if err := r.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	select {
	case err := <-done:
		if !errors.Is(err, ErrClosed) || !errors.Is(err, context.Canceled) {
			t.Errorf("stalled ReadAt: err = %v, want ErrClosed and context.Canceled", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("stalled ReadAt did not return after Close")
	}
	select {
	case <-cancelled:
	case <-time.After(10 * time.Second):
		t.Error("server handler never saw the request cancelled")
	}
	if n := tr.open.Load(); n != 0 {
		t.Errorf("%d GET bodies open after the read returned, want 0", n)
	}
	tr.base.CloseIdleConnections()
	ts.Close()
	checkGoroutines(t, base)
}

// stallingHandler answers a ranged GET on an object of size bytes with the
// first KiB of the range, closes sent, and then stalls until the client
// goes away, when it closes cancelled. It gives up after ten seconds.
func stallingHandler(size int64, sent, cancelled chan struct{}) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		start, err := strconv.ParseInt(strings.TrimSuffix(
			strings.TrimPrefix(req.Header.Get("Range"), "bytes="), "-"), 10, 64)
		if err != nil {
			http.Error(w, "bad range", http.StatusBadRequest)
			return
		}
		h := w.Header()
		h.Set("Content-Length", strconv.FormatInt(size-start, 10))
		h.Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", start, size-1, size))
		h.Set("ETag", `"stalling"`)
		w.WriteHeader(http.StatusPartialContent)
		if _, err := w.Write(make([]byte, 1024)); err != nil {
			return
		}
		w.(http.Flusher).Flush()
		close(sent)
		select {
		case <-req.Context().Done():
			close(cancelled)
		case <-time.After(10 * time.Second):
		}
	})
}

// crc32Text returns the CRC32 of data as S3 writes it in a checksum header.
func crc32Text(data []byte) string {
	return base64.StdEncoding.EncodeToString(binary.BigEndian.AppendUint32(nil,
		crc32.ChecksumIEEE(data)))
}
