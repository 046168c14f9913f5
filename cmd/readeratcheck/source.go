package main

import (
	"bytes"
	"fmt"
	"go/token"
	"os"
	"unicode/utf16"
	"unicode/utf8"
)

// sources reads the files that diagnostics and fixes point into, once
// each, and checks that they still are what the analyzer saw.
type sources struct {
	fset    *token.FileSet
	content map[string][]byte
	err     map[string]error
}

// newSources returns an empty cache for files of fset.
func newSources(fset *token.FileSet) *sources {
	return &sources{fset: fset, content: make(map[string][]byte), err: make(map[string]error)}
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
	p := point{file: tf.Name(), offset: offset, line: tf.Line(pos)}

	// Positions are taken before //line directives apply: SARIF and
	// fixes need the place in the file on disk.
	data, err := s.read(tf)
	if err != nil {
		p.col = tf.PositionFor(pos, false).Column
		return p
	}
	start := bytes.LastIndexByte(data[:offset], '\n') + 1
	p.col = 1 + utf16Len(data[start:offset])
	return p
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
