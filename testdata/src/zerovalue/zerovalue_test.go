package zerovalue

import (
	"bytes"
	"testing"

	"racetest"
	"racetest/fake"
)

func TestParallelReadAt(t *testing.T) {
	t.Run("deferredFlag", func(t *testing.T) {
		// Every failed read counts a failure.
		data := racetest.Pattern(8 << 10)
		fail := func(off int64) bool { return off%3 == 0 }
		r := &deferredFlag{src: &fake.Source{Data: data, Fail: fail}}
		failed := racetest.ReadAtFailing(t, r, data, fail)
		if failed == 0 || r.failures != failed {
			t.Errorf("failures = %d after %d failed reads", r.failures, failed)
		}
	})
	t.Run("setByLiteral", func(t *testing.T) {
		// Every offset a read can start at is in offs: every call hits.
		data := racetest.Pattern(1 << 10)
		r := &setByLiteral{src: bytes.NewReader(data)}
		for off := range int64(len(data)) {
			r.offs = append(r.offs, off)
		}
		racetest.ReadAtFull(t, r, data)
		if r.hits != racetest.Total {
			t.Errorf("hits = %d, want %d", r.hits, racetest.Total)
		}
	})
}
