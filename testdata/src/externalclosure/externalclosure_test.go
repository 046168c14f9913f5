package externalclosure

import (
	"bytes"
	"testing"

	"racetest"
)

func TestParallelReadAt(t *testing.T) {
	// No byte of the content is 0, so the scan visits every byte.
	data := bytes.Repeat([]byte("readerat"), 1<<10)
	t.Run("scanCounter", func(t *testing.T) {
		r := &scanCounter{src: bytes.NewReader(data)}
		racetest.ReadAtFull(t, r, data)
		if want := racetest.Total * racetest.ReadSize; r.scanned != want {
			t.Errorf("scanned = %d, want %d", r.scanned, want)
		}
	})
	t.Run("searchCounter", func(t *testing.T) {
		// No offset is in offs, so every search compares with all three.
		r := &searchCounter{src: bytes.NewReader(data), offs: []int64{-1, -2, -3}}
		racetest.ReadAt(t, r, data)
		if r.comps != 3*racetest.Total {
			t.Errorf("comps = %d, want %d", r.comps, 3*racetest.Total)
		}
	})
}
