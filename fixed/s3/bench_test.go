package s3

import (
	"bytes"
	"context"
	"crypto/sha256"
	"io"
	"sync"
	"testing"
	"time"
)

// lockedReader is the baseline the benchmarks compare against: the
// original one-body design with one mutex around everything, which is how
// its maintainers fixed the crash. It reopens the body whenever a read asks
// for an offset other than where the body stands. Unlike the original it
// records the offset after reopening and fills the whole buffer, so that
// it is correct and the comparison measures the design alone.
type lockedReader struct {
	open func(offset int64) (io.ReadCloser, error)
	size int64

	mu     sync.Mutex
	body   io.ReadCloser
	offset int64 // where body's next byte comes from
	closed bool
}

// ReadAt reads len(p) bytes at off under the mutex, reopening the body
// first unless it stands at off.
func (l *lockedReader) ReadAt(p []byte, off int64) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return 0, ErrClosed
	}
	if off < 0 || off >= l.size {
		return 0, io.EOF
	}

	// Reopen at off unless the body already stands there.
	if l.body == nil || off != l.offset {
		if l.body != nil {
			l.body.Close()
			l.body = nil
		}
		body, err := l.open(off)
		if err != nil {
			return 0, err
		}
		l.body, l.offset = body, off
	}

	// Fill the part of p that lies inside the object.
	want := p[:min(int64(len(p)), l.size-off)]
	n, err := io.ReadFull(l.body, want)
	l.offset += int64(n)
	if err != nil {
		l.body.Close()
		l.body = nil
		return n, err
	}
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// Close closes the body, if one is open.
func (l *lockedReader) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.closed = true
	if l.body == nil {
		return nil
	}
	err := l.body.Close()
	l.body = nil
	return err
}

// benchSource is one of the sources a benchmark uploads from.
type benchSource struct {
	name string
	make func(s *server, size int64, data []byte) ReaderAtCloser
}

// benchSources are the sources compared, the floor first: the object in
// memory, the mutex design over ranged GETs, and Reader over ranged GETs.
var benchSources = []benchSource{
	{"memory", func(_ *server, _ int64, data []byte) ReaderAtCloser {
		return nopCloser{bytes.NewReader(data)}
	}},
	{"mutex", func(s *server, size int64, _ []byte) ReaderAtCloser {
		o := &object{ctx: context.Background(), client: s.client, bucket: srcBucket, key: srcKey}
		return &lockedReader{open: o.open, size: size}
	}},
	{"pooled", func(s *server, size int64, _ []byte) ReaderAtCloser {
		return NewObject(context.Background(), s.client, srcBucket, srcKey, size)
	}},
}

// nopCloser gives a bytes.Reader a Close method.
type nopCloser struct{ *bytes.Reader }

// Close does nothing.
func (nopCloser) Close() error { return nil }

// BenchmarkUpload copies a 64 MiB object through each source with the
// multipart uploader, all on gofakes3 in process, and logs the ratios
// against the targets: the pooled Reader within 1.2 times the in-memory
// time, and at least 8 times faster than the mutex design.
func BenchmarkUpload(b *testing.B) {
	const size = 64 << 20
	perOp := benchUpload(b, size, 0, 0)
	if len(perOp) == len(benchSources) {
		b.Logf("%d MiB, %d parts: pooled/memory = %.2f (target <= 1.2), "+
			"mutex/pooled = %.1f (target >= 8)", size>>20, parts(size),
			perOp["pooled"]/perOp["memory"], perOp["mutex"]/perOp["pooled"])
	}
}

// BenchmarkUploadThrottled repeats BenchmarkUpload on 16 MiB with every
// source GET delayed by 10ms and each body limited to 32 MiB/s, as from a
// distant server: serial reads pay for every reopen and every byte in turn,
// parallel streams do not.
func BenchmarkUploadThrottled(b *testing.B) {
	const size = 16 << 20
	perOp := benchUpload(b, size, 10*time.Millisecond, 32<<20)
	if len(perOp) == len(benchSources) {
		b.Logf("%d MiB throttled, %d parts: pooled/memory = %.2f, mutex/pooled = %.1f",
			size>>20, parts(size), perOp["pooled"]/perOp["memory"],
			perOp["mutex"]/perOp["pooled"])
	}
}

// benchUpload runs the uploads for each source as a sub-benchmark and
// reports, besides ns/op, the GETs and bytes pulled per upload, the peak of
// bodies open at once, and time ratios against the sources measured before
// it in the same run. It returns ns/op by source, and fails if the pooled
// Reader needs more than 2 GETs per part plus 5.
func benchUpload(b *testing.B, size int64, delay time.Duration, rate int64) map[string]float64 {
	s := startFakeS3(b)
	data := testData(size, 17)
	s.seed(b, data)
	s.traffic.delay, s.traffic.rate = delay, rate
	perOp := map[string]float64{}

	for _, src := range benchSources {
		b.Run(src.name, func(b *testing.B) {
			// Upload in the timed loop; check the last copy after it.
			s.traffic.reset()
			ctx := context.Background()
			for b.Loop() {
				r := src.make(s, size, data)
				if err := s.upload(ctx, r, size, "bench.bin"); err != nil {
					b.Fatalf("upload: %v", err)
				}
				r.Close()
			}
			if n, sum := s.copySum(b, "bench.bin"); n != size || sum != sha256.Sum256(data) {
				b.Fatalf("copy from %s differs from the source", src.name)
			}

			// Report what each upload cost, and how it compares.
			ns := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
			gets := float64(s.traffic.gets.Load()) / float64(b.N)
			perOp[src.name] = ns
			b.ReportMetric(gets, "GETs/op")
			b.ReportMetric(float64(s.traffic.pulled.Load())/float64(b.N), "pulled-B/op")
			b.ReportMetric(float64(s.traffic.peak.Load()), "peak-bodies")
			if floor, ok := perOp["memory"]; ok && src.name != "memory" {
				b.ReportMetric(ns/floor, "x-memory")
			}
			if mutex, ok := perOp["mutex"]; ok && src.name == "pooled" {
				b.ReportMetric(mutex/ns, "speedup-vs-mutex")
			}
			if limit := float64(2*parts(size) + 5); src.name == "pooled" && gets > limit {
				b.Errorf("%.1f GETs per upload, want at most %.0f", gets, limit)
			}
		})
	}
	return perOp
}
