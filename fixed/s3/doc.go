// Package s3 reads an S3 object at random offsets, safely and in parallel
//
// A [Reader] turns a source that can only be read forward from an offset,
// such as a ranged GET on an S3 object, into an [io.ReaderAt] that obeys the
// io.ReaderAt contract: callers may call ReadAt from many goroutines at once,
// and every call either fills its buffer or returns an error.
//
// It is the corrected form of a design that keeps one open body and reopens
// it whenever a ReadAt asks for a different offset. That design corrupts its
// state when ReadAt runs in parallel, as it does under the AWS SDK's
// multipart uploader, which wraps the source in one io.SectionReader per part
// and reads all parts at once. Putting a mutex around it makes it safe but
// slow: the parts' reads interleave, so nearly every call closes the body
// and issues a new GET, one caller at a time.
//
// A Reader instead keeps a small pool of open bodies, each keyed by the
// offset its next byte comes from. A ReadAt at offset off takes the body
// waiting at off if there is one and opens a new one otherwise; the read
// itself runs without any lock, so parts stream in parallel, each from its
// own body, and a sequential reader reuses one body from start to end. The
// mutex guards only the pool.
//
// Guarantees:
//   - ReadAt returns n == len(p), or n < len(p) and a non-nil error;
//     a read that reaches the end of the object returns io.EOF with the
//     bytes that were there, and a read at or past the end returns 0, io.EOF
//     without opening anything.
//   - Errors from the source, including checksum errors the SDK reports
//     when a body ends, reach the caller wrapped with %w.
//   - Close is idempotent and closes every body held in the pool. A read in
//     flight during Close returns an error wrapping [ErrClosed] and closes
//     its own body; with [NewObject] the pending GETs are cancelled as well.
//
// # Limitations
//
// The pool is bounded (16 idle bodies); with more sequential readers than
// that at once, the least recently used body is closed and its reader pays
// one more GET. A read at an offset a little ahead of a pooled body opens a
// new body rather than skipping forward on the old one.
package s3
