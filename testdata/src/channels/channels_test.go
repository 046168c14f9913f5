package channels

import (
	"testing"

	"racetest"
	"racetest/fake"
)

func TestParallelReadAt(t *testing.T) {
	data := racetest.Pattern(8 << 10)
	fail := func(off int64) bool { return off%3 == 0 }
	r := &replacedChannel{src: &fake.Source{Data: data, Fail: fail}}
	if racetest.ReadAtFailing(t, r, data, fail) == 0 {
		t.Fatal("no read failed: the test exercised nothing")
	}
	if r.done == nil {
		t.Error("done is nil after failed reads")
	}
}
