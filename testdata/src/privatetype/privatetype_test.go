package privatetype

import (
	"sync"
	"testing"
)

// TestParallelWrites writes disjoint ranges from several goroutines
// through each store's methods and checks every byte.
func TestParallelWrites(t *testing.T) {
	const parts, size = 8, 512
	run := func(t *testing.T, write func(i int, p []byte) error, content func() []byte) {
		var wg sync.WaitGroup
		for i := range parts {
			wg.Go(func() {
				p := make([]byte, size)
				for j := range p {
					p[j] = byte(i)
				}
				if err := write(i, p); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		got := content()
		if len(got) != parts*size {
			t.Fatalf("content is %d bytes, want %d", len(got), parts*size)
		}
		for j, b := range got {
			if b != byte(j/size) {
				t.Fatalf("byte %d is %d, want %d", j, b, j/size)
			}
		}
	}
	t.Run("store", func(t *testing.T) {
		s := &store{files: make(map[string]node)}
		run(t, func(i int, p []byte) error { return s.Put("f", p, int64(i*size)) },
			func() []byte { return s.file("f").data })
	})
	t.Run("leakyStore", func(t *testing.T) {
		s := &leakyStore{}
		run(t, func(i int, p []byte) error {
			if i%2 == 0 {
				return s.Put(p, int64(i*size))
			}
			return s.PutQuick(p, int64(i*size)) // racy on the original
		}, func() []byte { return s.file.data })
	})
	t.Run("handingStore", func(t *testing.T) {
		s := &handingStore{}
		w := s.Writer()
		run(t, func(i int, p []byte) error {
			_, err := w.WriteAt(p, int64(i*size))
			return err
		}, func() []byte { return s.file.data })
	})
}
