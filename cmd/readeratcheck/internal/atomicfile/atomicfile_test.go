package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestWriteFile checks that WriteFile replaces the file by a new one with
// the same mode, through a symbolic link, and leaves nothing behind.
func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "f.go")
	if err := os.WriteFile(name, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(name, 0o751|os.ModeSetgid); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.go")
	if err := os.Symlink("f.go", link); err != nil {
		t.Fatal(err)
	}
	before := stat(t, name)

	if err := WriteFile(link, []byte("new content")); err != nil {
		t.Fatal(err)
	}
	after := stat(t, name)
	if got := readFile(t, name); got != "new content" {
		t.Errorf("content %q, want %q", got, "new content")
	}
	if got, want := after.Mode(), 0o751|os.ModeSetgid; got != want {
		t.Errorf("mode %v, want %v", got, want)
	}
	if ino(before) == ino(after) {
		t.Errorf("the file was rewritten in place, not replaced")
	}
	if target, err := os.Readlink(link); err != nil || target != "f.go" {
		t.Errorf("link points to %q (%v), want f.go", target, err)
	}
	checkOnly(t, dir, "f.go", "link.go")
}

// TestAbort checks that an aborted write leaves the file as it was and no
// temporary file, and that a failing temporary file does too.
func TestAbort(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "f.go")
	if err := os.WriteFile(name, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := Prepare(name, []byte("new"))
	if err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, name); got != "old" {
		t.Errorf("before Commit, content %q, want %q", got, "old")
	}
	p.Abort()
	if got := readFile(t, name); got != "old" {
		t.Errorf("after Abort, content %q, want %q", got, "old")
	}
	checkOnly(t, dir, "f.go")

	// A temporary file that cannot be written is removed.
	createTemp = func(dir, pattern string) (*os.File, error) {
		f, err := os.CreateTemp(dir, pattern)
		if err == nil {
			f.Close() // writes now fail
		}
		return f, err
	}
	defer func() { createTemp = os.CreateTemp }()
	if _, err := Prepare(name, []byte("new")); !errors.Is(err, os.ErrClosed) {
		t.Errorf("Prepare on a closed file: %v, want %v", err, os.ErrClosed)
	}
	checkOnly(t, dir, "f.go")
}

// TestRefusals checks that only existing regular files are replaced.
func TestRefusals(t *testing.T) {
	dir := t.TempDir()
	if err := WriteFile(filepath.Join(dir, "missing.go"), nil); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v, want %v", err, os.ErrNotExist)
	}
	if err := WriteFile(dir, nil); err == nil {
		t.Errorf("directory: no error")
	}
	checkOnly(t, dir)
}

// stat returns the file information of name.
func stat(t *testing.T, name string) os.FileInfo {
	t.Helper()
	info, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	return info
}

// ino returns the inode number in info.
func ino(info os.FileInfo) uint64 {
	return info.Sys().(*syscall.Stat_t).Ino
}

// readFile returns the content of name.
func readFile(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// checkOnly reports an error unless dir holds exactly the named entries.
func checkOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if len(got) != len(names) {
		t.Errorf("%s holds %q, want %q", dir, got, names)
		return
	}
	for i := range got {
		if got[i] != names[i] {
			t.Errorf("%s holds %q, want %q", dir, got, names)
			return
		}
	}
}

// TestKeepsOwner checks that the new file keeps the owner and group of
// the old one. Only root can give a file to someone else.
func TestKeepsOwner(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to give the file another owner")
	}
	name := filepath.Join(t.TempDir(), "f.go")
	if err := os.WriteFile(name, []byte("old"), 0o4755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(name, 4321, 8765); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(name, 0o755|os.ModeSetuid); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(name, []byte("new")); err != nil {
		t.Fatal(err)
	}
	info := stat(t, name)
	st := info.Sys().(*syscall.Stat_t)
	if st.Uid != 4321 || st.Gid != 8765 {
		t.Errorf("owner %d:%d, want 4321:8765", st.Uid, st.Gid)
	}
	if got, want := info.Mode(), 0o755|os.ModeSetuid; got != want {
		t.Errorf("mode %v, want %v (chown must not clear set-user-ID)", got, want)
	}
}
