package namedresults

import (
	"testing"

	"racetest"
	"racetest/fake"
)

func TestParallelReadAt(t *testing.T) {
	// A third of the reads fail, and each call stores its error.
	data := racetest.Pattern(8 << 10)
	fail := func(off int64) bool { return off%3 == 0 }
	r := &resultsInField{src: &fake.Source{Data: data, Fail: fail}}
	if racetest.ReadAtFailing(t, r, data, fail) == 0 {
		t.Fatal("no read failed: the test exercised nothing")
	}
}
