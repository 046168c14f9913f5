// Package racetest drives readers and writers with parallel calls, for the
// race tests of the scenarios that get a fix. Under -race they fail on the
// original code of a racy scenario and must pass once it is fixed; a fix
// that deadlocks fails them through the test timeout.
package racetest

import (
	"bytes"
	"io"
	"sync"
	"testing"
)

// Goroutines and calls per goroutine of each drive.
const (
	Goroutines = 8
	Calls      = 200
)

// Pattern returns n bytes that differ at nearby offsets, so that a read
// from the wrong place does not pass for a right one.
func Pattern(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*7 + i/251)
	}
	return b
}

// ReadAt calls ra.ReadAt from several goroutines at spread offsets and
// checks every byte returned against want, the content ra serves.
func ReadAt(t *testing.T, ra io.ReaderAt, want []byte) {
	t.Helper()
	var wg sync.WaitGroup
	errs := make(chan string, Goroutines)
	for g := 0; g < Goroutines; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			buf := make([]byte, 97)
			for i := 0; i < Calls; i++ {
				off := int64((g*7919 + i*104729) % len(want))
				n, err := ra.ReadAt(buf, off)
				if err != nil && err != io.EOF {
					errs <- err.Error()
					return
				}
				end := min(int(off)+len(buf), len(want))
				if !bytes.Equal(buf[:n], want[off:int(off)+n]) || (err == nil && int(off)+n != end) {
					errs <- "wrong bytes"
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Errorf("parallel ReadAt: %s", e)
	}
}

// WriteAt calls wa.WriteAt from several goroutines on non-overlapping
// ranges of a region of size bytes, as io.WriterAt allows.
func WriteAt(t *testing.T, wa io.WriterAt, size int) {
	t.Helper()
	var wg sync.WaitGroup
	chunk := size / Goroutines
	for g := 0; g < Goroutines; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			buf := Pattern(chunk)
			for i := 0; i < Calls; i++ {
				if _, err := wa.WriteAt(buf, int64(g*chunk)); err != nil {
					t.Errorf("parallel WriteAt: %v", err)
					return
				}
			}
		}()
	}
	wg.Wait()
}
