package main

import (
	"cmp"
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"slices"
	"strings"
)

// fileCache reads each file once.
type fileCache map[string][]byte

// read returns the content of the named file.
func (c fileCache) read(name string) ([]byte, error) {
	if data, ok := c[name]; ok {
		return data, nil
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	c[name] = data
	return data, nil
}

// checkFix applies f in memory, file by file, and reports why it cannot
// be applied or why a Go file it changes no longer parses. The driver
// checks the edits when the analyzer reports them; this checks the
// result.
func checkFix(f fix, files fileCache) error {
	// Group the edits by file, in order of offset.
	byFile := make(map[string][]edit)
	for _, e := range f.Edits {
		byFile[e.Filename] = append(byFile[e.Filename], e)
	}
	for _, name := range sortedKeys(byFile) {
		edits := byFile[name]
		slices.SortStableFunc(edits, func(a, b edit) int {
			return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End))
		})
		src, err := files.read(name)
		if err != nil {
			return err
		}
		fixed, err := applyEdits(src, edits)
		if err != nil {
			return fmt.Errorf("%s: %v", name, err)
		}

		// Only Go files have a grammar to check.
		if !strings.HasSuffix(name, ".go") {
			continue
		}
		fset := token.NewFileSet()
		if _, err := parser.ParseFile(fset, name, fixed, parser.SkipObjectResolution); err != nil {
			return fmt.Errorf("fixed file does not parse: %v", err)
		}
	}
	return nil
}

// applyEdits returns src with edits, sorted by offset, applied. Edits must
// lie within src and must not overlap, though several may insert at one
// offset.
func applyEdits(src []byte, edits []edit) ([]byte, error) {
	var out []byte
	last := 0
	for _, e := range edits {
		if e.Start < last || e.End < e.Start || e.End > len(src) {
			return nil, fmt.Errorf("edit [%d,%d) overlaps another or lies outside the %d-byte file",
				e.Start, e.End, len(src))
		}
		out = append(out, src[last:e.Start]...)
		out = append(out, e.New...)
		last = e.End
	}
	return append(out, src[last:]...), nil
}
