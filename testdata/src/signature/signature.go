// Package signature holds methods named ReadAt or WriteAt: only those with
// the exact signatures of io.ReaderAt and io.WriterAt are checked.
package signature

import (
	"io"
)

// option is an option of a ReadAt that is not io.ReaderAt's.
type option func()

// bytes is a named byte slice type, not []byte.
type bytes []byte

// offset is a named int64 type, not int64.
type offset int64

// The types below have ReadAt and WriteAt methods with other signatures,
// all of which mutate their receiver: none of them is an io.ReaderAt or an
// io.WriterAt, so none is checked.

// notReaderAt's ReadAt takes variadic options.
type notReaderAt struct {
	pos int64
}

func (r *notReaderAt) ReadAt(p []byte, off int64, opts ...option) (int, error) { // ok: variadic
	r.pos = off
	return 0, io.EOF
}

// intOffset's ReadAt takes an int offset.
type intOffset struct{ pos int }

func (r *intOffset) ReadAt(p []byte, off int) (int, error) { // ok: int offset
	r.pos = off
	return 0, io.EOF
}

// int64Count's ReadAt returns an int64 count.
type int64Count struct{ pos int64 }

func (r *int64Count) ReadAt(p []byte, off int64) (int64, error) { // ok: int64 count
	r.pos = off
	return 0, io.EOF
}

// noError's ReadAt returns no error.
type noError struct{ pos int64 }

func (r *noError) ReadAt(p []byte, off int64) int { // ok: no error result
	r.pos = off
	return 0
}

// namedBytes's ReadAt takes a named byte slice type.
type namedBytes struct{ pos int64 }

func (r *namedBytes) ReadAt(p bytes, off int64) (int, error) { // ok: a named byte slice type
	r.pos = off
	return 0, io.EOF
}

// namedOffset's ReadAt takes a named offset type.
type namedOffset struct{ pos offset }

func (r *namedOffset) ReadAt(p []byte, off offset) (int, error) { // ok: a named offset type
	r.pos = off
	return 0, io.EOF
}

// otherWrite's WriteAt takes an extra parameter.
type otherWrite struct{ pos int64 }

func (w *otherWrite) WriteAt(p []byte, off int64, sync bool) (int, error) { // ok: extra parameter
	w.pos = off
	return 0, nil
}

// lowerCase's method is named readAt.
type lowerCase struct{ pos int64 }

func (r *lowerCase) readAt(p []byte, off int64) (int, error) { // ok: another name
	r.pos = off
	return 0, io.EOF
}

// ReadAt is a function, not a method.
func ReadAt(p []byte, off int64) (int, error) { // ok: not a method
	lastOff = off
	return 0, io.EOF
}

var lastOff int64

// byteAlias spells []byte through an alias.
type byteAlias = []byte

// aliasSpelling and uint8Spelling spell []byte differently: the types are
// identical, so these are io.ReaderAt methods and are checked.
type aliasSpelling struct {
	pos int64
}

func (r *aliasSpelling) ReadAt(p byteAlias, off int64) (n int, err error) { // want `^\(\*aliasSpelling\)\.ReadAt writes r\.pos without holding a lock; io\.ReaderAt allows parallel calls$`
	r.pos = off
	return 0, io.EOF
}

// uint8Spelling spells []byte as []uint8.
type uint8Spelling struct {
	pos int64
}

func (r *uint8Spelling) ReadAt(b []uint8, at int64) (int, error) { // want `^\(\*uint8Spelling\)\.ReadAt writes r\.pos without holding a lock; io\.ReaderAt allows parallel calls$`
	r.pos = at
	return 0, io.EOF
}

// unnamed has no parameter or receiver names.
type unnamed struct{ pos *int64 }

func (unnamed) ReadAt([]byte, int64) (int, error) { // ok: touches nothing
	return 0, io.EOF
}

// blankReceiver writes through a package variable; its receiver is blank.
type blankReceiver struct{}

func (_ *blankReceiver) ReadAt(p []byte, off int64) (int, error) { // want `^\(\*blankReceiver\)\.ReadAt writes lastOff without holding a lock; io\.ReaderAt allows parallel calls; no fix: it mutates package-level state, which a mutex field cannot guard$`
	lastOff = off
	return 0, io.EOF
}
