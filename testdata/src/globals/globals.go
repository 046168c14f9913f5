// Package globals holds readers that mutate package-level variables, which
// every call shares whatever its receiver.
package globals

import (
	"io"
	"sync"
)

var (
	lastOffset int64
	readCounts = map[string]int{}
	totals     struct{ reads, bytes int64 }
	recent     [16]int64

	statsMu sync.Mutex
	guarded int64
)

// lastRecorder stores the latest offset in a package variable.
type lastRecorder struct {
	src io.ReaderAt
}

func (r *lastRecorder) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*lastRecorder\)\.ReadAt writes lastOffset without holding a lock; io\.ReaderAt allows parallel calls; no fix: it mutates package-level state, which a mutex field cannot guard$`
	lastOffset = off
	return r.src.ReadAt(p, off)
}

// statsRecorder updates a package-level struct, map and array, through a
// helper too.
type statsRecorder struct {
	name string
	src  io.ReaderAt
}

// count records one read of n bytes in the package totals.
func count(n int) {
	totals.reads++
	totals.bytes += int64(n)
}

func (r statsRecorder) ReadAt(p []byte, off int64) (int, error) { // want `^statsRecorder\.ReadAt writes readCounts\[k\], recent\[i\], totals\.reads and totals\.bytes without holding a lock; io\.ReaderAt allows parallel calls; no fix: it mutates package-level state, which a mutex field cannot guard$`
	readCounts[r.name]++
	recent[off%16] = off
	n, err := r.src.ReadAt(p, off)
	count(n)
	return n, err
}

// globalLock guards the package variable with a package-level mutex.
type globalLock struct {
	src io.ReaderAt
}

func (r *globalLock) ReadAt(p []byte, off int64) (int, error) {
	n, err := r.src.ReadAt(p, off)
	statsMu.Lock()
	guarded += int64(n) // ok: under statsMu
	statsMu.Unlock()
	return n, err
}

// localShadow declares a local that shadows a package variable.
type localShadow struct {
	src io.ReaderAt
}

func (r *localShadow) ReadAt(p []byte, off int64) (int, error) {
	lastOffset := off
	lastOffset++ // ok: a local shadows the package variable
	_ = lastOffset
	return r.src.ReadAt(p, off)
}
