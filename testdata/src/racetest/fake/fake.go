// Package fake holds the sources the race tests build readers on:
// streams and closers with no lock, as the shared state a racy reader
// mutates. It is apart from package racetest because the analyzer exports
// facts about what their methods mutate, which the scenario tests of
// package racetest would have to expect.
package fake

import (
	"errors"
	"io"
	"time"

	"racetest"
)

// A Source serves Data through ReadAt, failing where Fail says, and
// counts its Close calls without a lock: Close is not safe for parallel
// use, so a reader that closes its source from parallel calls races.
// ReadAt is safe for parallel calls; it sleeps for Delay first, so that
// parallel calls overlap, and panics instead of failing if Panic is set.
type Source struct {
	Data   []byte
	Fail   func(off int64) bool
	Panic  bool
	Delay  time.Duration
	closes int
}

// ReadAt reads from Data at off, or fails with racetest.ErrInjected if
// s.Fail(off).
func (s *Source) ReadAt(p []byte, off int64) (int, error) {
	if s.Delay > 0 {
		time.Sleep(s.Delay)
	}
	if s.Fail != nil && s.Fail(off) {
		if s.Panic {
			panic(racetest.ErrInjected)
		}
		return 0, racetest.ErrInjected
	}
	if off < 0 || off >= int64(len(s.Data)) {
		return 0, io.EOF
	}
	n := copy(p, s.Data[off:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// Close counts the call.
func (s *Source) Close() error {
	s.closes++
	return nil
}

// Closes returns the number of Close calls so far.
func (s *Source) Closes() int { return s.closes }

// A File is an in-memory stream with a current position, like an open
// file, and no lock: Read, Seek and Close are not safe for parallel use.
// Close counts the calls and, if Rewind is set, moves back to the start,
// like a body that is opened again.
type File struct {
	Data   []byte
	Rewind bool
	pos    int64
	closes int
}

// Read reads from the current position and moves it.
func (f *File) Read(p []byte) (int, error) {
	if f.pos >= int64(len(f.Data)) {
		return 0, io.EOF
	}
	n := copy(p, f.Data[f.pos:])
	f.pos += int64(n)
	return n, nil
}

// Seek moves the current position.
func (f *File) Seek(offset int64, whence int) (int64, error) {
	switch whence {
	case io.SeekStart:
	case io.SeekCurrent:
		offset += f.pos
	case io.SeekEnd:
		offset += int64(len(f.Data))
	default:
		return f.pos, errors.New("bad whence")
	}
	if offset < 0 {
		return f.pos, errors.New("negative position")
	}
	f.pos = offset
	return offset, nil
}

// Close counts the call and rewinds if f.Rewind is set.
func (f *File) Close() error {
	f.closes++
	if f.Rewind {
		f.pos = 0
	}
	return nil
}

// Closes returns the number of Close calls so far.
func (f *File) Closes() int { return f.closes }
