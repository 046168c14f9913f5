package readeratcheck

import (
	"go/types"
)

// streamVerbs maps the methods that move a stream's position or end its
// life to the verb a diagnostic uses for them. Called on a stream that
// parallel callers share, each of them is a race on the stream's state
// even when the stream locks internally: the position is shared.
var streamVerbs = map[string]string{
	"Read":        "reads from",
	"ReadByte":    "reads from",
	"ReadRune":    "reads from",
	"ReadString":  "reads from",
	"ReadBytes":   "reads from",
	"ReadLine":    "reads from",
	"ReadSlice":   "reads from",
	"Peek":        "reads from",
	"Discard":     "reads from",
	"Next":        "reads from",
	"WriteTo":     "reads from",
	"UnreadByte":  "unreads",
	"UnreadRune":  "unreads",
	"Seek":        "seeks",
	"Write":       "writes to",
	"WriteString": "writes to",
	"WriteByte":   "writes to",
	"WriteRune":   "writes to",
	"ReadFrom":    "writes to",
	"Reset":       "resets",
	"Close":       "closes",
	"Flush":       "flushes",
	"Truncate":    "truncates",
}

// A streamCache remembers which types are streams, for one package.
type streamCache map[streamKey]bool

// A streamKey identifies a type for the cache: a pointer type by its
// element, since go/types makes a new *types.Pointer for each *T spelled
// out, and isStream looks at T and *T alike for a named T.
type streamKey struct {
	t   types.Type
	ptr bool
}

func keyOfStream(t types.Type) streamKey {
	if p, ok := t.(*types.Pointer); ok {
		if _, named := p.Elem().(*types.Named); named {
			return streamKey{t: p.Elem(), ptr: true}
		}
	}
	return streamKey{t: t}
}

// verb returns the verb for a call of method m on a value of type recv,
// or "" if m is not a stream method or recv is not a stream.
func (c streamCache) verb(m *types.Func, recv types.Type) string {
	verb, ok := streamVerbs[m.Name()]
	if !ok || !streamSignature(m) {
		return ""
	}
	switch m.Name() {
	case "Read", "Write", "Seek", "Close":
		// m itself, with its io signature, makes recv a stream.
		return verb
	}
	k := keyOfStream(recv)
	is, ok := c[k]
	if !ok {
		is = isStream(recv)
		c[k] = is
	}
	if !is {
		return ""
	}
	return verb
}

// isStream reports whether values of type t have a Read, Write, Seek or
// Close method of the io signatures, directly or through a pointer.
func isStream(t types.Type) bool {
	for _, name := range [...]string{"Read", "Write", "Seek", "Close"} {
		// Addressable: the methods of *T count for a T. None of the four
		// names is unexported, so a nil package finds them all.
		obj, _, _ := types.LookupFieldOrMethod(t, true, nil, name)
		if fn, ok := obj.(*types.Func); ok && streamSignature(fn) {
			return true
		}
	}
	return false
}

// streamSignature reports whether m has the signature its name has on
// the io and bufio streams, so that an RPC client's Read(ctx, req) or a
// cache's Close(key) is not taken for one. Methods whose signatures vary
// among streams (Reset, Next, Truncate, Discard) are accepted as they are.
func streamSignature(m *types.Func) bool {
	sig := m.Signature()
	in, out := sig.Params(), sig.Results()
	param := func(i int) types.Type { return in.At(i).Type().Underlying() }
	lastErr := out.Len() > 0 && isError(out.At(out.Len()-1).Type())
	switch m.Name() {
	case "Read", "Write":
		return in.Len() == 1 && isByteSlice(in.At(0).Type()) && out.Len() == 2 && lastErr
	case "Seek":
		return in.Len() == 2 && out.Len() == 2 && lastErr &&
			types.Identical(param(0), types.Typ[types.Int64])
	case "Close", "Flush", "UnreadByte", "UnreadRune":
		return in.Len() == 0 && out.Len() == 1 && lastErr
	case "ReadByte", "ReadRune", "ReadLine":
		return in.Len() == 0 && lastErr
	case "ReadString", "ReadBytes", "ReadSlice", "WriteByte":
		return in.Len() == 1 && lastErr
	case "WriteString", "WriteRune", "Peek":
		return in.Len() == 1 && out.Len() == 2 && lastErr
	case "ReadFrom", "WriteTo":
		return in.Len() == 1 && out.Len() == 2 && lastErr && types.IsInterface(in.At(0).Type())
	}
	return true
}

// isAtMethod reports whether m has the signature of io.ReaderAt's
// ReadAt or io.WriterAt's WriteAt. Those are safe for parallel calls by
// contract.
func isAtMethod(m *types.Func) bool {
	if m.Name() != "ReadAt" && m.Name() != "WriteAt" {
		return false
	}
	return isAtSignature(m.Signature())
}

// isAtSignature reports whether sig is func([]byte, int64) (int, error),
// ignoring any receiver.
func isAtSignature(sig *types.Signature) bool {
	if sig.Variadic() || sig.Params().Len() != 2 || sig.Results().Len() != 2 {
		return false
	}
	return isByteSlice(sig.Params().At(0).Type()) &&
		types.Identical(sig.Params().At(1).Type(), types.Typ[types.Int64]) &&
		types.Identical(sig.Results().At(0).Type(), types.Typ[types.Int]) &&
		isError(sig.Results().At(1).Type())
}

// isReadMethod reports whether m has io.Reader's Read signature.
func isReadMethod(m *types.Func) bool {
	sig := m.Signature()
	if m.Name() != "Read" || sig.Params().Len() != 1 || sig.Results().Len() != 2 {
		return false
	}
	return isByteSlice(sig.Params().At(0).Type()) &&
		types.Identical(sig.Results().At(0).Type(), types.Typ[types.Int]) &&
		isError(sig.Results().At(1).Type())
}

// isLockerMethod reports whether m is a Lock, Unlock, RLock or RUnlock
// method without parameters or results, as in sync.Locker.
func isLockerMethod(m *types.Func) bool {
	switch m.Name() {
	case "Lock", "Unlock", "RLock", "RUnlock":
	default:
		return false
	}
	sig := m.Signature()
	return sig.Params().Len() == 0 && sig.Results().Len() == 0
}

// isLockShaped reports whether m is a Lock, Unlock, RLock or RUnlock
// method, without parameters or results, of a named type that has both
// Lock and Unlock: a mutex of its own making, such as a drop-in
// replacement of sync.Mutex that detects deadlocks or a spin lock. The
// sync types themselves are handled apart.
func isLockShaped(m *types.Func) bool {
	if !isLockerMethod(m) || m.Signature().Recv() == nil {
		return false
	}
	if m.Pkg() != nil && m.Pkg().Path() == "sync" {
		return false
	}
	t := m.Signature().Recv().Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || types.IsInterface(named) {
		return false
	}
	ms := types.NewMethodSet(types.NewPointer(named))
	for _, name := range []string{"Lock", "Unlock"} {
		sel := ms.Lookup(m.Pkg(), name)
		if sel == nil {
			return false
		}
		if f, ok := sel.Obj().(*types.Func); !ok || !isLockerMethod(f) {
			return false
		}
	}
	return true
}

var byteSlice = types.NewSlice(types.Typ[types.Byte])

func isByteSlice(t types.Type) bool { return types.Identical(t, byteSlice) }

func isError(t types.Type) bool {
	return types.Identical(t, types.Universe.Lookup("error").Type())
}
