package ignore

import (
	"bytes"
	"testing"

	"racetest"
)

func TestParallelReadAt(t *testing.T) {
	// singleUser and sameLine are silenced by their directives: only the
	// two reported types are tested.
	data := racetest.Pattern(8 << 10)
	t.Run("noReason", func(t *testing.T) {
		racetest.ReadAt(t, &noReason{src: bytes.NewReader(data)}, data)
	})
	t.Run("otherWord", func(t *testing.T) {
		racetest.ReadAt(t, &otherWord{src: bytes.NewReader(data)}, data)
	})
}
