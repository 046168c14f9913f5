package embedstream

import (
	"testing"

	"racetest"
	"racetest/fake"
)

func TestParallelReadAt(t *testing.T) {
	// section has no fix: only ptrSection is tested.
	data := racetest.Pattern(8 << 10)
	r := &ptrSection{ReadSeeker: &fake.File{Data: data}}
	racetest.ReadAtFull(t, r, data)
}
