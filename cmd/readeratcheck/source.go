package main

import (
	"fmt"
	"go/token"
	"os"
	"sort"
	"unicode/utf16"
	"unicode/utf8"
)

// sources reads the files that diagnostics and fixes point into, once
// each, and checks that they still are what the analyzer saw.
type sources struct {
	fset    *token.FileSet
	content map[string][]byte
	err     map[string]error
	lines   map[string][]int // line start offsets, by file
}

// newSources returns an empty cache for files of fset.
func newSources(fset *token.FileSet) *sources {
	return &sources{
		fset:    fset,
		content: make(map[string][]byte),
		err:     make(map[string]error),
		lines:   make(map[string][]int),
	}
}

// read returns the content of the file tf as the analyzer saw it.
// It fails when the file cannot be read or its size differs from the one
// recorded at load time, which means someone changed it meanwhile.
func (s *sources) read(tf *token.File) ([]byte, error) {
	name := tf.Name()
	if data, ok := s.content[name]; ok {
		return data, nil
	}
	if err, ok := s.err[name]; ok {
		return nil, err
	}
	data, err := os.ReadFile(name)
	if err == nil && len(data) != tf.Size() {
		err = fmt.Errorf("changed since it was loaded (%d bytes, now %d)", tf.Size(), len(data))
	}
	if err != nil {
		s.err[name] = err
		return nil, err
	}
	s.content[name] = data
	return data, nil
}

// point is a place in a file: its byte offset, and its 1-based line and
// column, the column counted in UTF-16 code units as SARIF does by
// default.
type point struct {
	file      string
	offset    int
	line, col int
}

// locate returns the point of pos. When the file cannot be read, the
// column is counted in bytes, as go/token does.
func (s *sources) locate(pos token.Pos) point {
	tf := s.fset.File(pos)
	offset := tf.Offset(pos)

	// Positions are taken before //line directives apply: SARIF and
	// fixes need the place in the file on disk.
	data, err := s.read(tf)
	if err != nil {
		posn := tf.PositionFor(pos, false)
		return point{file: tf.Name(), offset: offset, line: posn.Line, col: posn.Column}
	}

	// Count lines in the content itself: go/token knows no line that
	// starts at the very end of a file, where fixes often append.
	starts := s.lineStarts(tf.Name(), data)
	line := sort.SearchInts(starts, offset+1) // starts[line-1] <= offset
	col := 1 + utf16Len(data[starts[line-1]:offset])
	return point{file: tf.Name(), offset: offset, line: line, col: col}
}

// lineStarts returns the offsets at which the lines of the file name,
// with content data, start.
func (s *sources) lineStarts(name string, data []byte) []int {
	if starts, ok := s.lines[name]; ok {
		return starts
	}
	starts := []int{0}
	for i, c := range data {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	s.lines[name] = starts
	return starts
}

// utf16Len returns the number of UTF-16 code units encoding text, taking
// each invalid byte as one unit, as U+FFFD replaces it.
func utf16Len(text []byte) int {
	n := 0
	for len(text) > 0 {
		r, size := utf8.DecodeRune(text)
		n += utf16.RuneLen(r)
		text = text[size:]
	}
	return n
}
