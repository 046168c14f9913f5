package lazyopen

import (
	"os"
	"path/filepath"
	"testing"

	"racetest"
)

func TestParallelReadAt(t *testing.T) {
	data := racetest.Pattern(8 << 10)
	name := filepath.Join(t.TempDir(), "data")
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
	r := &openOnFirstRead{name: name}
	racetest.ReadAt(t, r, data)
	if r.f == nil {
		t.Fatal("no file open after the reads")
	}
	if err := r.f.Close(); err != nil {
		t.Error(err)
	}
}
