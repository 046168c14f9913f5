package s3

import (
	"bytes"
	"encoding/binary"
	"errors"
	"sync/atomic"
	"testing"
)

// fuzzRange is one goroutine's work in FuzzParallelRanges: read length
// bytes from off in steps of step bytes.
type fuzzRange struct {
	off    int64
	length int
	step   int
}

// decodeRanges turns the fuzzer's bytes into at most 32 ranges, five bytes
// each. Offsets run from a little before 0 to a little past the end.
func decodeRanges(spec []byte, size int64) []fuzzRange {
	var ranges []fuzzRange
	for len(spec) >= 5 && len(ranges) < 32 {
		off := int64(binary.LittleEndian.Uint16(spec))%(size+64) - 16
		length := int(binary.LittleEndian.Uint16(spec[2:]) % 8192)
		ranges = append(ranges, fuzzRange{off: off, length: length, step: 1 + int(spec[4])*16})
		spec = spec[5:]
	}
	return ranges
}

// FuzzParallelRanges reads random sets of ranges in parallel, each in
// random steps, from a Reader over a source whose bodies return random
// short reads, and compares every call with bytes.Reader. Afterwards no
// body may be open, none may have been misused, and no call may have
// opened more than one body.
func FuzzParallelRanges(f *testing.F) {
	f.Add(uint16(1000), uint8(0), []byte{0, 0, 232, 3, 0})
	f.Add(uint16(50000), uint8(100), []byte{
		16, 0, 0, 32, 2, 16, 32, 0, 32, 2, 16, 64, 0, 32, 2, 240, 195, 255, 31, 255})
	f.Add(uint16(7), uint8(1), []byte{20, 0, 10, 0, 0, 0, 0, 10, 0, 0})
	f.Fuzz(func(t *testing.T, size uint16, chunk uint8, spec []byte) {
		data := testData(int64(size), uint64(size))
		src := newFakeSource(data)
		src.chunk = int(chunk)
		r := New(src.open, int64(size))
		want := bytes.NewReader(data)

		// Each range reads on its own goroutine, step by step.
		ranges := decodeRanges(spec, int64(size))
		var calls atomic.Int64
		errs := make([]error, len(ranges))
		parallel(len(ranges), func(i int) {
			rg := ranges[i]
			for done := 0; done < rg.length && errs[i] == nil; done += rg.step {
				calls.Add(1)
				errs[i] = checkReadAt(r, want, rg.off+int64(done), min(rg.step, rg.length-done))
			}
		})
		if err := errors.Join(errs...); err != nil {
			t.Fatal(err)
		}

		if opens, n := src.opens.Load(), calls.Load(); opens > n {
			t.Errorf("%d ReadAt calls opened %d bodies", n, opens)
		}
		if err := r.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
		src.checkClean(t)
	})
}
