// Package atomicfile replaces the content of files so that a reader or a
// crash sees either the old content or the new one, never a mix.
//
// The new content goes to a temporary file in the same directory, is
// flushed to disk, and is then renamed over the original, which POSIX
// rename(2) does in one step. The original's permission bits (and, where
// the platform has them, owner and group) are kept.
package atomicfile

import (
	"fmt"
	"os"
	"path/filepath"
)

// Pending is new content already written and synced to a temporary file
// beside its target; Commit makes it visible, Abort throws it away.
type Pending struct {
	target string // the file to replace, with symbolic links resolved
	temp   string // the temporary file holding the new content
}

// createTemp creates the temporary file; tests replace it to simulate a
// full disk or a read-only directory.
var createTemp = os.CreateTemp

// Prepare writes content to a temporary file in the directory of path,
// gives it the mode and owner of path, and syncs it to disk. path must
// exist. Nothing is visible at path until Commit.
func Prepare(path string, content []byte) (*Pending, error) {
	// Replace the file a symbolic link points to, not the link.
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return nil, err
	}
	info, err := os.Stat(target)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", path)
	}

	// A leading dot keeps the go command from seeing the temporary file
	// if it lists the directory meanwhile.
	f, err := createTemp(filepath.Dir(target), "."+filepath.Base(target)+".*.tmp")
	if err != nil {
		return nil, err
	}
	p := &Pending{target: target, temp: f.Name()}
	if err := fill(f, content, info); err != nil {
		f.Close()
		p.Abort()
		return nil, fmt.Errorf("writing %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		p.Abort()
		return nil, fmt.Errorf("writing %s: %w", path, err)
	}
	return p, nil
}

// fill writes content to f, copies the mode and owner of the original
// (described by info) to it and syncs it to disk.
func fill(f *os.File, content []byte, info os.FileInfo) error {
	if _, err := f.Write(content); err != nil {
		return err
	}

	// Change the owner first: chown(2) clears the set-user-ID and
	// set-group-ID bits that Chmod then restores.
	if err := keepOwner(f, info); err != nil {
		return err
	}
	mode := info.Mode() & (os.ModePerm | os.ModeSetuid | os.ModeSetgid | os.ModeSticky)
	if err := f.Chmod(mode); err != nil {
		return err
	}
	return f.Sync()
}

// Commit renames the temporary file over the target, then syncs the
// directory so that the rename itself survives a crash.
func (p *Pending) Commit() error {
	if err := os.Rename(p.temp, p.target); err != nil {
		p.Abort()
		return err
	}

	// Some file systems refuse to sync a directory; the rename has
	// happened all the same, so such an error is not the caller's concern.
	if dir, err := os.Open(filepath.Dir(p.target)); err == nil {
		_ = dir.Sync()
		dir.Close()
	}
	return nil
}

// Abort removes the temporary file, leaving the target untouched.
func (p *Pending) Abort() {
	_ = os.Remove(p.temp)
}

// WriteFile replaces the content of the existing file path with content,
// atomically.
func WriteFile(path string, content []byte) error {
	p, err := Prepare(path, content)
	if err != nil {
		return err
	}
	return p.Commit()
}
