package handedoff

import (
	"bytes"
	"io"
	"testing"

	"racetest"
)

// readAndReadAt runs parallel ReadAt calls while another goroutine reads
// the whole content through Read, which takes the reader's mutex.
func readAndReadAt(t *testing.T, ra io.ReaderAt, rd io.Reader, data []byte) {
	done := make(chan []byte)
	go func() {
		got, _ := io.ReadAll(rd)
		done <- got
	}()
	racetest.ReadAt(t, ra, data)
	if got := <-done; !bytes.Equal(got, data) {
		t.Errorf("Read returned %d bytes, not the content", len(got))
	}
}

func TestParallelReadAt(t *testing.T) {
	data := racetest.Pattern(8 << 10)
	t.Run("sectionRead", func(t *testing.T) {
		r := &sectionRead{src: bytes.NewReader(data), size: int64(len(data))}
		readAndReadAt(t, r, r, data)
	})
	t.Run("interfaceRead", func(t *testing.T) {
		r := &interfaceRead{src: bytes.NewReader(data)}
		readAndReadAt(t, r, io.LimitReader(r, int64(len(data))), data)
	})
}
