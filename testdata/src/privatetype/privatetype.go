// Package privatetype holds in-memory files of unexported types, owned by
// a store that guards them with its own mutex. A file whose WriteAt only
// the package calls, always while holding a lock, and that is never
// handed on as an io.WriterAt, is not written in parallel: reporting it
// would be a false alarm. One call without the lock, or one hand-off the
// analysis cannot follow, and it is reported.
package privatetype

import (
	"io"
	"sync"
)

// node is what a store keeps: its interface has no WriteAt, so storing
// a file in one does not hand its WriteAt on.
type node interface {
	size() int64
}

// memFile grows its content on writes past its end.
type memFile struct {
	data []byte
}

func (f *memFile) size() int64 { return int64(len(f.data)) }

func (f *memFile) WriteAt(p []byte, off int64) (int, error) {
	if end := off + int64(len(p)); end > int64(len(f.data)) {
		f.data = append(f.data, make([]byte, end-int64(len(f.data)))...)
	}
	return copy(f.data[off:], p), nil
}

// store guards its files with one mutex.
type store struct {
	mu    sync.Mutex
	files map[string]node
}

// file returns the named file, creating it.
func (s *store) file(name string) *memFile {
	if n, ok := s.files[name]; ok {
		return n.(*memFile)
	}
	f := &memFile{}
	s.files[name] = f
	return f
}

// Put writes p at off in the named file.
func (s *store) Put(name string, p []byte, off int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, err := s.file(name).WriteAt(p, off)
	return err
}

// leakyFile is the same, but one of its owner's methods writes without
// the lock.
type leakyFile struct {
	data []byte
}

func (f *leakyFile) WriteAt(p []byte, off int64) (int, error) { // want `^\(\*leakyFile\)\.WriteAt writes f\.data without holding a lock; io\.WriterAt allows parallel calls$`
	if end := off + int64(len(p)); end > int64(len(f.data)) {
		f.data = append(f.data, make([]byte, end-int64(len(f.data)))...)
	}
	return copy(f.data[off:], p), nil
}

// leakyStore writes under its lock in Put, but not in PutQuick.
type leakyStore struct {
	mu   sync.Mutex
	file leakyFile
}

// Put writes p at off.
func (s *leakyStore) Put(p []byte, off int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, err := s.file.WriteAt(p, off)
	return err
}

// PutQuick writes p at off, forgetting the lock.
func (s *leakyStore) PutQuick(p []byte, off int64) error {
	_, err := s.file.WriteAt(p, off)
	return err
}

// handedFile is written under its owner's lock, but the owner also
// hands it out as an io.WriterAt, which anyone may call in parallel.
type handedFile struct {
	data []byte
}

func (f *handedFile) WriteAt(p []byte, off int64) (int, error) { // want `^\(\*handedFile\)\.WriteAt writes f\.data without holding a lock; io\.WriterAt allows parallel calls$`
	if end := off + int64(len(p)); end > int64(len(f.data)) {
		f.data = append(f.data, make([]byte, end-int64(len(f.data)))...)
	}
	return copy(f.data[off:], p), nil
}

// handingStore guards its file, and gives it away.
type handingStore struct {
	mu   sync.Mutex
	file handedFile
}

// Put writes p at off.
func (s *handingStore) Put(p []byte, off int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, err := s.file.WriteAt(p, off)
	return err
}

// Writer returns the file for writing at offsets.
func (s *handingStore) Writer() io.WriterAt { return &s.file }

// checkedFile is asserted to be an io.WriterAt at compile time, and
// written by a helper whose callers all hold the store's lock.
type checkedFile struct {
	data []byte
}

var _ io.WriterAt = (*checkedFile)(nil)

func (f *checkedFile) WriteAt(p []byte, off int64) (int, error) {
	if end := off + int64(len(p)); end > int64(len(f.data)) {
		f.data = append(f.data, make([]byte, end-int64(len(f.data)))...)
	}
	return copy(f.data[off:], p), nil
}

// helperStore writes through a helper that needs its lock held.
type helperStore struct {
	mu   sync.Mutex
	file checkedFile
}

// writeLocked writes p at off; s.mu must be held.
func (s *helperStore) writeLocked(p []byte, off int64) error {
	_, err := s.file.WriteAt(p, off)
	return err
}

// Put writes p at off.
func (s *helperStore) Put(p []byte, off int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.writeLocked(p, off)
}

// genericFile is handed to a generic function that calls its WriteAt
// from goroutines.
type genericFile struct {
	data []byte
}

func (f *genericFile) WriteAt(p []byte, off int64) (int, error) { // want `^\(\*genericFile\)\.WriteAt writes f\.data without holding a lock; io\.WriterAt allows parallel calls$`
	if end := off + int64(len(p)); end > int64(len(f.data)) {
		f.data = append(f.data, make([]byte, end-int64(len(f.data)))...)
	}
	return copy(f.data[off:], p), nil
}

// writeParts writes the parts in parallel.
func writeParts[W io.WriterAt](w W, parts [][]byte, size int64) {
	var wg sync.WaitGroup
	for i, part := range parts {
		wg.Go(func() { _, _ = w.WriteAt(part, int64(i)*size) })
	}
	wg.Wait()
}

// genericStore guards its file, then gives it to writeParts.
type genericStore struct {
	mu   sync.Mutex
	file genericFile
}

// Put writes p at off.
func (s *genericStore) Put(p []byte, off int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, err := s.file.WriteAt(p, off)
	return err
}

// PutParts writes the parts in parallel.
func (s *genericStore) PutParts(parts [][]byte, size int64) {
	writeParts(&s.file, parts, size)
}

// assertedFile is handed on as an io.Writer, and the code it goes to
// asserts it back to an io.WriterAt to write parts in parallel.
type assertedFile struct {
	data []byte
}

func (f *assertedFile) Write(p []byte) (int, error) {
	return f.WriteAt(p, int64(len(f.data)))
}

func (f *assertedFile) WriteAt(p []byte, off int64) (int, error) { // want `^\(\*assertedFile\)\.WriteAt writes f\.data without holding a lock; io\.WriterAt allows parallel calls; no fix: \(\*assertedFile\)\.Write calls \(\*assertedFile\)\.WriteAt, and both would need the lock$`
	if end := off + int64(len(p)); end > int64(len(f.data)) {
		f.data = append(f.data, make([]byte, end-int64(len(f.data)))...)
	}
	return copy(f.data[off:], p), nil
}

// download writes parts in parallel when w allows it.
func download(w io.Writer, parts [][]byte, size int64) {
	wa, ok := w.(io.WriterAt)
	if !ok {
		return
	}
	writeParts(wa, parts, size)
}

// assertingStore guards its file, and downloads into it.
type assertingStore struct {
	mu   sync.Mutex
	file assertedFile
}

// Put writes p at off.
func (s *assertingStore) Put(p []byte, off int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, err := s.file.WriteAt(p, off)
	return err
}

// Fetch downloads the parts into the file.
func (s *assertingStore) Fetch(parts [][]byte, size int64) {
	download(&s.file, parts, size)
}

// guardedFile is written only inside a function literal that the store
// runs with its lock held.
type guardedFile struct {
	data []byte
}

func (f *guardedFile) WriteAt(p []byte, off int64) (int, error) {
	if end := off + int64(len(p)); end > int64(len(f.data)) {
		f.data = append(f.data, make([]byte, end-int64(len(f.data)))...)
	}
	return copy(f.data[off:], p), nil
}

// guardStore runs functions under its lock.
type guardStore struct {
	mu   sync.Mutex
	file guardedFile
}

// locked runs fn with the lock held.
func (s *guardStore) locked(fn func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fn()
}

// Put writes p at off.
func (s *guardStore) Put(p []byte, off int64) (err error) {
	s.locked(func() { _, err = s.file.WriteAt(p, off) })
	return err
}

// bareFile is written inside a literal that a helper runs without a lock.
type bareFile struct {
	data []byte
}

func (f *bareFile) WriteAt(p []byte, off int64) (int, error) { // want `^\(\*bareFile\)\.WriteAt writes f\.data without holding a lock; io\.WriterAt allows parallel calls$`
	if end := off + int64(len(p)); end > int64(len(f.data)) {
		f.data = append(f.data, make([]byte, end-int64(len(f.data)))...)
	}
	return copy(f.data[off:], p), nil
}

// bareStore's helper only runs the function.
type bareStore struct {
	file bareFile
}

// run runs fn.
func (s *bareStore) run(fn func()) { fn() }

// Put writes p at off.
func (s *bareStore) Put(p []byte, off int64) (err error) {
	s.run(func() { _, err = s.file.WriteAt(p, off) })
	return err
}
