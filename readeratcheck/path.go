package readeratcheck

import (
	"strings"
)

// A step is one move along an access path: through a field, through a
// pointer, or into an element of a slice, array or map.
type step struct {
	kind stepKind
	name string // field name, for stepField
}

type stepKind uint8

const (
	stepField stepKind = iota
	stepDeref
	stepElem
	stepMapElem

	// stepCopy marks, inside a summary's paths only, where a local
	// variable took a copy of a struct or array value: the steps after
	// it name the copy until they go through a pointer, slice or map.
	stepCopy
)

// A path names memory that a parallel caller can also reach: a location
// rooted at the receiver of the method under analysis (or, inside a
// summary, at a parameter) or at a package-level variable.
//
// Paths are immutable; the methods that extend one return a new path.
type path struct {
	root   string // receiver or parameter name, or a variable's qualified name
	global bool   // root is a package-level variable
	steps  []step
}

// with returns p extended by s.
func (p path) with(s ...step) path {
	steps := make([]step, 0, len(p.steps)+len(s))
	steps = append(steps, p.steps...)
	steps = append(steps, s...)
	return path{root: p.root, global: p.global, steps: steps}
}

func (p path) field(name string) path { return p.with(step{kind: stepField, name: name}) }
func (p path) deref() path            { return p.with(step{kind: stepDeref}) }
func (p path) elem() path             { return p.with(step{kind: stepElem}) }
func (p path) mapElem() path          { return p.with(step{kind: stepMapElem}) }

// key returns a string that identifies p, for maps and comparisons.
func (p path) key() string {
	var b strings.Builder
	if p.global {
		b.WriteString("$")
	}
	b.WriteString(p.root)
	for _, s := range p.steps {
		switch s.kind {
		case stepField:
			b.WriteString(".")
			b.WriteString(s.name)
		case stepDeref:
			b.WriteString("*")
		case stepElem:
			b.WriteString("[]")
		case stepMapElem:
			b.WriteString("[k]")
		}
	}
	return b.String()
}

// String renders p as Go source would spell it, with implicit
// dereferences left out: "r.head.next.val", "r.pages[i]", "*r.n".
func (p path) String() string {
	var b strings.Builder
	b.WriteString(p.root)
	stars := 0
	for i, s := range p.steps {
		switch s.kind {
		case stepField:
			b.WriteString(".")
			b.WriteString(s.name)
		case stepElem:
			b.WriteString("[i]")
		case stepMapElem:
			b.WriteString("[k]")
		case stepDeref:
			// A dereference is implicit before a field selection and
			// before indexing a pointer to an array; spell it only when
			// it ends the path.
			if i == len(p.steps)-1 {
				stars++
			}
		}
	}
	return strings.Repeat("*", stars) + b.String()
}

// firstField returns the name of the first field selected on the path,
// skipping a leading dereference, or "" if there is none.
func (p path) firstField() string {
	for _, s := range p.steps {
		switch s.kind {
		case stepDeref:
			continue
		case stepField:
			return s.name
		}
		return ""
	}
	return ""
}

// shared reports whether the location named by p is reachable by other
// callers: rooted at a global, or reached through at least one pointer
// or reference from the root.
func (p path) shared() bool {
	if p.global {
		return true
	}
	for _, s := range p.steps {
		if s.kind != stepField {
			return true
		}
	}
	return false
}

// encodeSteps and decodeSteps turn the steps of a path into strings and
// back, for facts.
func encodeSteps(steps []step) []string {
	out := make([]string, len(steps))
	for i, s := range steps {
		switch s.kind {
		case stepField:
			out[i] = "." + s.name
		case stepDeref:
			out[i] = "*"
		case stepElem:
			out[i] = "[]"
		case stepMapElem:
			out[i] = "[k]"
		}
	}
	return out
}

func decodeSteps(in []string) []step {
	out := make([]step, len(in))
	for i, s := range in {
		switch s {
		case "*":
			out[i] = step{kind: stepDeref}
		case "[]":
			out[i] = step{kind: stepElem}
		case "[k]":
			out[i] = step{kind: stepMapElem}
		default:
			out[i] = step{kind: stepField, name: strings.TrimPrefix(s, ".")}
		}
	}
	return out
}
