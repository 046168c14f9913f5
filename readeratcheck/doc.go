// Package readeratcheck defines an Analyzer that reports ReadAt and
// WriteAt methods that are unsafe for parallel calls.
//
// # Analyzer readeratcheck
//
// readeratcheck: report ReadAt and WriteAt methods unsafe for parallel calls
//
// io.ReaderAt promises that clients may call ReadAt in parallel on one
// value, and io.WriterAt promises the same of WriteAt on ranges that do
// not overlap. Callers rely on it: io.SectionReader, archive/zip and the
// AWS SDK's multipart uploader read one source from many goroutines. An
// implementation that keeps a stream, an offset or a buffer in its
// receiver and updates it inside ReadAt without a lock breaks the promise,
// and the race shows up far away, as wrong bytes or a nil pointer panic.
//
// The analyzer looks at every method with the exact signature of ReadAt
// or WriteAt, follows the functions of its package that it calls,
// deferred calls and closures included, and reports it if, on some path,
// it mutates memory that a parallel caller can reach while holding no
// lock, or only a read lock. Memory is shared if it is reachable from the
// receiver (fields, embedded fields, what pointers, slices and maps in
// them lead to) or is a package-level variable. A mutation is a store, a
// map update or delete, a copy into a shared slice, a read into a shared
// buffer, or a call that moves a shared stream or ends its life (Read,
// Seek, Write, Reset, Close and the like). Calls into other packages are
// judged by summaries the analyzer exports as facts.
//
// Locks are sync.Mutex, sync.RWMutex and sync.Locker values reachable
// from the receiver or at package level, taken directly or by helpers,
// released by defer or by hand, and the success branch of TryLock; so are
// values of any other type with Lock and Unlock methods (replacements of
// sync.Mutex that detect deadlocks, spin locks) and buffered channels of
// capacity one, taken by a send and released by a receive or the other
// way round. A function of another package that takes a lock and is
// passed a function (a guard's Do) is taken to run it under that lock. A
// mutation counts as protected only if a lock is held on every path to
// it. Atomic operations, sync.Once.Do, sync.Pool, sync.Map and channel
// operations are not mutations; nor are ReadAt and WriteAt calls on other
// values, which are safe by the same contract.
//
// Two kinds of code are not parallel callers, and are left alone. A
// goroutine started once for the life of the value (under a lock, behind
// a test of a field the same function sets) hands its results over by its
// own means. And the ReadAt or WriteAt of an unexported type that nothing
// outside the package can reach, whose values are never handed on as an
// interface offering that method, and that every caller calls directly
// while holding a lock (an in-memory file guarded by its store's mutex)
// is not called in parallel.
//
// For example, this reader reopens its body when the offset changes:
//
//	func (r *reader) ReadAt(p []byte, off int64) (int, error) {
//		if off != r.offset {
//			r.rc.Close()
//			r.rc, _ = r.open(off)
//			r.offset = off
//		}
//		n, err := io.ReadFull(r.rc, p)
//		r.offset += int64(n)
//		return n, err
//	}
//
// and is reported as (in one line)
//
//	(*reader).ReadAt closes r.rc, writes r.rc and r.offset, and reads
//	from r.rc without holding a lock; io.ReaderAt allows parallel calls
//
// The diagnostic sits on the method's name, with a related location for
// each unprotected mutation and the helper calls that lead to it.
//
// # Fix
//
// The suggested fix holds a mutex for the whole of the reported method
// and of every other method of the type that touches the state it
// mutates, Close above all:
//
//	type reader struct {
//		mu     sync.Mutex
//		offset int64
//		...
//	}
//
//	func (r *reader) ReadAt(p []byte, off int64) (int, error) {
//		r.mu.Lock()
//		defer r.mu.Unlock()
//
//		...
//	}
//
// It reuses a sync.Mutex or sync.RWMutex field of the type when no
// locked method can meet that mutex already held (Go mutexes are not
// re-entrant), turns a read lock held throughout into a write lock, and
// otherwise adds a field. Helpers that only run under a locked caller stay
// unlocked. No fix is offered, and the message says why, when a correct
// one cannot be made: methods with value receivers or copies of the type
// by value (the mutex would be copied), unkeyed composite literals, a
// struct declared elsewhere or in a generated file, package-level state,
// state of another object that has a mutex of its own, mutations made by
// goroutines the method starts, or locked methods that call each other.
//
// # Contract check
//
// io.ReaderAt and io.WriterAt also require a non-nil error whenever the
// count is less than len(p). A second check, in category "contract",
// reports each return of ReadAt or WriteAt that may give n < len(p) with
// a nil error, and says where the count came from: the result of a single
// Read, a sum of Reads in a loop that can stop before p is full, a copy
// from a slice not shown to be long enough, or an inner ReadAt, WriteAt or
// io.ReadFull whose error was dropped or replaced, by nil or by the error
// of another call, which may be nil. Where ReadAt
// returns the result of a single Read, the fix reads with io.ReadFull and
// maps io.ErrUnexpectedEOF to io.EOF.
//
// The flags -race=false and -contract=false turn either check off.
//
// # Suppression
//
// A comment //readeratcheck:ignore <reason> in the doc comment of a
// method, or on the line of its func keyword, suppresses the method's
// diagnostics. The reason is required. A directive that suppresses
// nothing is itself reported.
//
// # Limitations
//
// The analyzer stays silent where it cannot be sure. Known misses, each
// a case in testdata/src/knownmiss or testdata/src/knownmiss_contract:
//
//   - Function values kept in slices or fields and called later, calls
//     through interfaces other than the known stream methods, and work
//     handed to another goroutine over a channel are not followed.
//   - A function of another package that takes any lock (or swaps
//     atomically) is assumed to synchronise all its writes, and so is a
//     function of that package that calls it. Summaries of other packages
//     cannot see through the interfaces they call (math/rand's Source,
//     container/heap, sort.Interface) nor through reflection.
//   - Any lock held counts as protecting every write, even a lock chosen
//     among several by the offset.
//   - A pointer read from a shared slice or map element while a lock is
//     held is taken to be checked out of a pool and owned by the reader
//     after the unlock, even if it stays in the container.
//   - append to a shared slice is reported only when it first cuts the
//     slice (append(r.buf[:0], ...)); a plain append may also write in
//     place.
//   - WriteAt's stores into elements of a receiver's slice are trusted to
//     be the range [off, off+len(p)) it owns; the index is not checked.
//   - Sequences of atomic operations that are racy as a whole are not
//     reported: each step is safe.
//   - A goroutine started once, under a lock and behind a flag, is taken
//     to hand its writes over safely, even if it writes fields that later
//     calls read under the lock.
//   - A send or receive on a shared channel counts as taking or releasing
//     a lock unless the package makes that channel only with a capacity
//     other than one: a semaphore for several readers made in another
//     package is taken for a lock.
//   - Past a budget of work per method, or deeper than twelve calls, the
//     analysis stops and the method is not reported.
//   - The contract check looks at one method at a time: a count made by a
//     helper, io.ReadAtLeast with a smaller minimum, a constant count or
//     one computed from offsets, an error kept in a field and loops that
//     also end on a counter of their own are left undecided.
//   - A private type's ReadAt or WriteAt called under a lock counts as
//     guarded by any lock, even one per handle of a value that several
//     handles share.
package readeratcheck

const doc = `report ReadAt and WriteAt methods unsafe for parallel calls

io.ReaderAt and io.WriterAt allow parallel calls on one value. readeratcheck
reports methods with their exact signatures that, on some path, mutate
state reachable from the receiver or a package-level variable without
holding a lock (or while holding only a read lock), and offers a fix that
holds a mutex in them and in the methods sharing that state. A second
check reports returns that may give n < len(p) with a nil error.`
