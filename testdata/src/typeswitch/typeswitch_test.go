package typeswitch

import (
	"testing"

	"racetest"
	"racetest/fake"
)

func TestParallelReadAt(t *testing.T) {
	// fake.File is an io.Seeker, and neither an io.ReaderAt nor an
	// *os.File.
	data := racetest.Pattern(8 << 10)
	r := &seekAnyway{src: &fake.File{Data: data}}
	racetest.ReadAtFull(t, r, data)
}
