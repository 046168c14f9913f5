package readeratcheck_test

import (
	"fmt"
	"go/format"
	"maps"
	"regexp"
	"sort"
	"strings"
)

// This file turns the bytes of a fuzz input into a small Go package: one
// or two struct types with a ReadAt or WriteAt method whose body is drawn
// from a grammar of statements, other methods and helpers that touch the
// same fields, constructors and copies. The code is well typed by
// construction; the few inputs that still do not type-check are skipped
// by the harness.

// choices hands out the generator's decisions from the bytes of an input.
// Past the end of the input every decision is 0, which the generator
// reads as "the simplest option, and stop".
type choices struct {
	data []byte
	pos  int
}

// n returns a decision in [0, k).
func (c *choices) n(k int) int {
	if k <= 1 || c.pos >= len(c.data) {
		return 0
	}
	b := c.data[c.pos]
	c.pos++
	return int(b) % k
}

// done reports whether the input is used up.
func (c *choices) done() bool { return c.pos >= len(c.data) }

// maybe reports a decision that is true once in k; false past the end.
func (c *choices) maybe(k int) bool { return c.n(k) == k-1 }

// pick returns one of words.
func (c *choices) pick(words ...string) string { return words[c.n(len(words))] }

// A kind is the type of a generated field.
type kind int

const (
	kInt        kind = iota // int64
	kBytes                  // []byte
	kMap                    // map[int64]int
	kNode                   // *node
	kReader                 // io.Reader
	kReadCloser             // io.ReadCloser
	kSeeker                 // io.ReadSeeker
	kFile                   // *os.File
	kBufio                  // *bufio.Reader
	kWriter                 // io.Writer
	kMutex                  // sync.Mutex
	kRWMutex                // sync.RWMutex
	kFakeMu                 // a field named mu of type int
	kElems                  // []E, in generic types only
	numKinds
)

// kindInfo gives, per kind, the field's type, the names it may take,
// the name it has when embedded ("" if it is never embedded), and a
// value for constructors.
var kindInfo = [numKinds]struct {
	typ, embedName, value string
	names                 []string
}{
	kInt:    {"int64", "", "1", []string{"n", "pos", "off", "size", "count"}},
	kBytes:  {"[]byte", "", "make([]byte, 8)", []string{"buf", "data", "cache", "b"}},
	kMap:    {"map[int64]int", "", "map[int64]int{}", []string{"m", "seen", "index"}},
	kNode:   {"*node", "", "&node{}", []string{"head", "cur", "next"}},
	kReader: {"io.Reader", "Reader", `strings.NewReader("x")`, []string{"r", "src", "rd"}},
	kReadCloser: {"io.ReadCloser", "", `io.NopCloser(strings.NewReader("x"))`,
		[]string{"rc", "body"}},
	kSeeker: {"io.ReadSeeker", "", `strings.NewReader("x")`, []string{"rs", "sk"}},
	kFile:   {"*os.File", "File", "os.Stdin", []string{"f", "file"}},
	kBufio: {"*bufio.Reader", "", `bufio.NewReader(strings.NewReader("x"))`,
		[]string{"br", "bufr"}},
	kWriter:  {"io.Writer", "", "io.Discard", []string{"w", "dst"}},
	kMutex:   {"sync.Mutex", "Mutex", "sync.Mutex{}", []string{"mu", "lock", "mtx"}},
	kRWMutex: {"sync.RWMutex", "RWMutex", "sync.RWMutex{}", []string{"mu", "rw", "rwmu"}},
	kFakeMu:  {"int", "", "0", []string{"mu"}},
	kElems:   {"[]E", "", "nil", []string{"items", "elems"}},
}

// A genField is one field of a generated struct.
type genField struct {
	name     string // the selector: the field's name, or its type's if embedded
	kind     kind
	embedded bool
	joined   bool // declared on the line of the field before
}

// isMutex reports whether f is a sync.Mutex or sync.RWMutex.
func (f genField) isMutex() bool { return f.kind == kMutex || f.kind == kRWMutex }

// isStream reports whether f has a Read method.
func (f genField) isStream() bool {
	switch f.kind {
	case kReader, kReadCloser, kSeeker, kFile, kBufio:
		return true
	}
	return false
}

// A genType is a generated struct type and what was generated for it.
type genType struct {
	name    string
	generic bool // declared with a type parameter E
	two     bool // and a second, K
	fields  []genField
	writer  bool   // its candidate is WriteAt, not ReadAt
	both    bool   // it has both ReadAt and WriteAt
	alias   string // an alias declared for it, which receivers may name
	holds   string // how it holds the first type: "value", "pointer", "embed",
	// "embedptr", or "" if it does not
	helpers []*helper
	file    int // the file its declaration goes to
}

// ref spells the type in a receiver or a signature: "T" or "T[E]".
func (t *genType) ref(param string) string {
	switch {
	case !t.generic:
		return t.name
	case !t.two:
		return t.name + "[" + param + "]"
	}
	second := map[string]string{"E": "K", "int": "string", "_": "_"}[param]
	return t.name + "[" + param + ", " + second + "]"
}

// tparams spells the type parameter list of a function over the type.
func (t *genType) tparams() string {
	switch {
	case !t.generic:
		return ""
	case !t.two:
		return "[E any]"
	}
	return "[E any, K comparable]"
}

// fieldsOf returns the fields for which keep is true.
func (t *genType) fieldsOf(keep func(genField) bool) []genField {
	var out []genField
	for _, f := range t.fields {
		if keep(f) {
			out = append(out, f)
		}
	}
	return out
}

// A helper is a generated method or function called from others.
type helper struct {
	name   string
	method bool // a method of the type; else a function taking it first
	locks  bool // takes a mutex of the type
}

// gen accumulates one generated package.
type gen struct {
	c       *choices
	types   []*genType
	decls   [2][]string // declarations of a.go and b.go
	node    bool        // type node is needed
	globals map[string]string
	id      int
	split   bool // declarations of the first type go to b.go
}

// newID returns a number not used before in this package, for names.
func (g *gen) newID() int {
	g.id++
	return g.id
}

// generate turns data into the files of a package, name to source, or
// nil when the generated text does not format (a generator bug, counted
// by the seed test).
func generate(data []byte) map[string][]byte {
	g := &gen{c: &choices{data: data}, globals: make(map[string]string)}

	// Step 1: the types and their fields.
	g.split = g.c.maybe(4)
	first := g.newType(g.c.pick("T", "Blob", "section", "Cache"), g.c.maybe(5))
	if g.split {
		first.file = 1
	}
	if g.c.maybe(3) {
		second := g.newType(g.c.pick("U", "mirror", "Pair"), false)
		second.holds = g.c.pick("", "value", "pointer", "embed", "embedptr")
		second.file = g.c.n(2)
	}

	// Step 2: the methods, helpers and other declarations of each.
	for _, t := range g.types {
		g.typeDecl(t)
		g.candidate(t, t.writer)
		if t.both {
			g.candidate(t, !t.writer)
		}
		g.otherMethods(t)
		g.constructors(t)
	}
	if g.node {
		g.add(0, "type node struct {\nv int64\nnext *node\n}")
	}
	for _, name := range sortedKeys(g.globals) {
		g.add(0, "var "+name+" "+g.globals[name])
	}

	// Step 3: the files, with their imports.
	out := make(map[string][]byte)
	usesSync := false
	for i := range g.decls {
		usesSync = usesSync || strings.Contains(strings.Join(g.decls[i], "\n"), "sync.")
	}
	if !usesSync && g.c.maybe(6) {
		// A package-level name sync makes the fixer import it as another.
		g.add(0, "func sync() {}")
	}
	for i, name := range []string{"a.go", "b.go"} {
		if len(g.decls[i]) == 0 {
			continue
		}
		src, err := format.Source([]byte(g.file(i)))
		if err != nil {
			return nil
		}
		out[name] = src
	}
	return out
}

// add appends a declaration to file i.
func (g *gen) add(i int, decl string) { g.decls[i] = append(g.decls[i], decl) }

// packageUse matches a use of one of the packages the generator imports.
var packageUse = regexp.MustCompile(`\b(bufio|errors|io|os|strings|sync)\.`)

// file assembles file i: package clause, imports for the packages its
// declarations use (sometimes renamed, sometimes one declaration each),
// then the declarations.
func (g *gen) file(i int) string {
	body := strings.Join(g.decls[i], "\n\n")
	used := make(map[string]bool)
	for _, m := range packageUse.FindAllStringSubmatch(body, -1) {
		used[m[1]] = true
	}
	paths := sortedKeys(used)
	alias := make(map[string]string)
	switch {
	case used["sync"] && g.c.maybe(6):
		alias["sync"] = g.c.pick("gosync", ".")
	case !used["sync"] && g.c.maybe(12):
		// Imported for its side effects only: the fixer needs another.
		alias["sync"] = "_"
		paths = append(paths, "sync")
		sort.Strings(paths)
	}
	if used["io"] && g.c.maybe(8) {
		alias["io"] = "iox"
	}
	for path, name := range alias {
		qual := name + "."
		switch name {
		case "_":
			continue
		case ".":
			qual = ""
		}
		body = regexp.MustCompile(`\b`+path+`\.`).ReplaceAllString(body, qual)
	}
	var specs []string
	for _, p := range paths {
		specs = append(specs, strings.TrimSpace(alias[p]+" "+fmt.Sprintf("%q", p)))
	}
	var b strings.Builder
	if i == 1 && g.c.maybe(10) {
		b.WriteString("// Code generated by the fuzz test. DO NOT EDIT.\n\n")
	}
	b.WriteString("package p\n\n")
	switch {
	case len(specs) == 0:
	case len(specs) == 1 || g.c.maybe(4):
		for _, s := range specs {
			b.WriteString("import " + s + "\n")
		}
	default:
		b.WriteString("import (\n" + strings.Join(specs, "\n") + "\n)\n")
	}
	b.WriteString("\n" + body + "\n")
	return b.String()
}

// newType draws a struct type: a few fields of assorted kinds, at most
// one embedded mutex, and names unique within the struct.
func (g *gen) newType(name string, generic bool) *genType {
	t := &genType{name: name, generic: generic, two: generic && g.c.maybe(3),
		writer: g.c.maybe(3), both: g.c.maybe(6)}
	g.types = append(g.types, t)
	used := make(map[string]bool)
	embeddedMutex := false
	for range 1 + g.c.n(5) {
		k := kind(g.c.n(int(numKinds)))
		if k == kElems && !generic {
			k = kInt
		}
		info := kindInfo[k]
		f := genField{kind: k}
		isMutex := k == kMutex || k == kRWMutex
		if info.embedName != "" && g.c.maybe(3) && !used[info.embedName] &&
			(!embeddedMutex || !isMutex) {
			f.name, f.embedded = info.embedName, true
			embeddedMutex = embeddedMutex || k == kMutex || k == kRWMutex
		} else {
			f.name = info.names[g.c.n(len(info.names))]
			for n := 2; used[f.name]; n++ {
				f.name = fmt.Sprintf("%s%d", info.names[0], n)
			}
		}
		if k == kFakeMu && used["mu"] {
			continue
		}
		used[f.name] = true
		if k == kNode {
			g.node = true
		}
		t.fields = append(t.fields, f)
		if k == kInt && !used["hi"] && g.c.maybe(5) {
			// Two fields declared on one line: "n, hi int64".
			used["hi"] = true
			t.fields = append(t.fields, genField{name: "hi", kind: kInt, joined: true})
		}
	}
	return t
}

// typeDecl emits the struct declaration, with the field that holds the
// first type if t is the second.
func (g *gen) typeDecl(t *genType) {
	var b strings.Builder
	b.WriteString("type " + t.name)
	b.WriteString(t.tparams())
	b.WriteString(" struct {\n")
	for i, f := range t.fields {
		switch {
		case f.joined:
			continue
		case f.embedded:
			b.WriteString(kindInfo[f.kind].typ)
		default:
			b.WriteString(f.name)
			for _, next := range t.fields[i+1:] {
				if !next.joined {
					break
				}
				b.WriteString(", " + next.name)
			}
			b.WriteString(" " + kindInfo[f.kind].typ)
		}
		if g.c.maybe(8) {
			b.WriteString(" // " + f.name)
		}
		b.WriteString("\n")
	}
	if t.holds != "" {
		typ := g.types[0].ref("int")
		if t.holds == "pointer" || t.holds == "embedptr" {
			typ = "*" + typ
		}
		if t.holds == "value" || t.holds == "pointer" {
			typ = t.holder(g) + " " + typ
		}
		b.WriteString(typ + "\n")
	}
	b.WriteString("}")
	decl := b.String()
	if len(t.fields) <= 2 && t.holds == "" && !strings.Contains(decl, "//") && g.c.maybe(4) {
		// On one line, as gofmt keeps it.
		decl = strings.Replace(strings.TrimSuffix(decl, "\n}")+" }", " struct {\n", " struct{ ", 1)
		decl = strings.ReplaceAll(decl, "\n", "; ")
	} else if g.c.maybe(5) {
		decl = "type (\n" + strings.TrimPrefix(decl, "type ") + "\n\nid" + t.name + " int64\n)"
	}
	if g.c.maybe(3) {
		decl = "// " + t.name + " is generated.\n" + decl
	}
	g.add(t.file, decl)
	if !t.generic && g.c.maybe(8) {
		t.alias = t.name + "Alias"
		g.add(t.file, "type "+t.alias+" = "+t.name)
	}
}

// holder returns the name of the field of t that holds the first type.
func (t *genType) holder(g *gen) string {
	switch t.holds {
	case "value":
		return "base"
	case "pointer":
		return "inner"
	}
	return g.types[0].name
}

// recvName draws a receiver name: usually a letter, sometimes none or _.
func (g *gen) recvName() string {
	switch g.c.n(8) {
	case 5:
		return ""
	case 6:
		return "_"
	}
	return g.c.pick("s", "t", "x", "self")
}

// receiver spells a receiver list for t: "(s *T)", "(T[E])", "(_ *T)".
func (g *gen) receiver(t *genType, name string, ptr bool) string {
	param := "E"
	if name == "" && g.c.maybe(3) {
		param = "_"
	}
	typ := t.ref(param)
	if t.alias != "" && g.c.maybe(2) {
		typ = t.alias
	}
	if ptr {
		typ = "*" + typ
	}
	return "(" + strings.TrimSpace(name+" "+typ) + ")"
}

// candidate emits t's ReadAt method, or its WriteAt method if writer.
func (g *gen) candidate(t *genType, writer bool) {
	name := g.recvName()
	ptr := !g.c.maybe(6)
	method := "ReadAt"
	if writer {
		method = "WriteAt"
	}
	e := newEnv(g, t, usable(name), ptr, modeAt, 4+g.c.n(10))
	e.writer = writer
	e.named = g.c.maybe(2)
	results := "(int, error)"
	if e.named {
		results = "(n int, err error)"
	}
	var b strings.Builder
	if g.c.maybe(16) {
		b.WriteString("//readeratcheck:ignore generated by the fuzz test\n")
	}
	recv := g.receiver(t, name, ptr)
	fmt.Fprintf(&b, "func %s %s(p []byte, off int64) %s {", recv, method, results)
	if g.c.maybe(8) {
		b.WriteString(" // the candidate")
	}
	lock := ""
	if g.c.maybe(4) {
		lock = e.entryLock()
	}
	if g.c.maybe(6) {
		lock = "// Generated.\n" + lock
	}
	b.WriteString("\n" + lock + e.block(e.budget) + e.final() + "\n}")
	g.add(0, b.String())
}

// newEnv returns the context of a method body of t.
func newEnv(g *gen, t *genType, recv string, ptr bool, m mode, budget int) *env {
	return &env{g: g, t: t, recv: recv, ptr: ptr, mode: m, budget: budget,
		held: make(map[string]bool), locals: make(map[string]bool),
		deferred: make(map[string]bool)}
}

// usable returns the name by which a body can use its receiver, or "".
func usable(name string) string {
	if name == "_" {
		return ""
	}
	return name
}

// otherMethods emits methods beside the candidate that touch the same
// fields: Close, Size, a Read or Write built on the candidate, Reset.
func (g *gen) otherMethods(t *genType) {
	for _, which := range []string{"Close", "Size", "Stream", "Reset"} {
		if !g.c.maybe(3) {
			continue
		}
		name := g.recvName()
		ptr := !g.c.maybe(8)
		e := newEnv(g, t, usable(name), ptr, modeFunc, g.c.n(4))
		var sig, body string
		switch which {
		case "Close":
			e.mode = modeErr
			sig = "Close() error"
			body = e.entryLock() + withPrelude(e.block(e.budget)) + e.closeReturn()
		case "Size":
			e.mode = modeErr
			sig = "Size() int64"
			body = e.entryLock() + e.sizeReturn()
		case "Stream":
			sig, body = e.stream()
			if sig == "" {
				continue
			}
		case "Reset":
			sig = "Reset()"
			body = e.entryLock() + withPrelude(e.block(e.budget))
		}
		if g.c.maybe(6) {
			body = "// Generated.\n" + body
		}
		doc := ""
		if g.c.maybe(4) {
			doc = "// " + which + " is generated.\n"
		}
		// Beside the candidate, or beside the struct.
		file := 0
		if g.c.maybe(3) {
			file = t.file
		}
		recv := g.receiver(t, name, ptr)
		if !strings.Contains(body, "\n") && g.c.maybe(2) {
			// One line, as gofmt keeps short bodies written so.
			g.add(file, fmt.Sprintf("%sfunc %s %s { %s }", doc, recv, sig, body))
			continue
		}
		g.add(file, fmt.Sprintf("%sfunc %s %s {\n%s\n}", doc, recv, sig, body))
	}
}

// withPrelude returns stmts after declarations of p and off, which the
// statements of the grammar use, or "" if there are none.
func withPrelude(stmts string) string {
	if stmts == "" {
		return ""
	}
	return "var p []byte\nvar off int64\n_, _ = p, off\n" + stmts
}

// constructors emits functions building values of t: keyed or unkeyed
// literals, returned by pointer or by value, and sometimes a function
// that copies a value.
func (g *gen) constructors(t *genType) {
	if g.c.maybe(2) {
		lit := g.literal(t)
		if g.c.maybe(3) {
			g.add(t.file, fmt.Sprintf("func make%s%s() %s {\nreturn %s\n}",
				t.name, t.tparams(), t.ref("E"), lit))
		} else {
			g.add(t.file, fmt.Sprintf("func new%s%s() *%s {\nreturn &%s\n}",
				t.name, t.tparams(), t.ref("E"), lit))
		}
	}
	switch g.c.n(6) {
	case 3:
		g.add(0, fmt.Sprintf("func clone%s%s(x *%s) %s {\nreturn *x\n}",
			t.name, t.tparams(), t.ref("E"), t.ref("E")))
	case 4:
		g.globals["spare"+t.name] = t.ref("int")
		if !t.generic {
			g.add(0, fmt.Sprintf("func reset%s(x *%s) {\n*x = spare%s\n}", t.name, t.name, t.name))
		}
	case 5:
		g.add(0, fmt.Sprintf("func use%s%s(xs []%s) {\nfor _, x := range xs {\n_ = x\n}\n}",
			t.name, t.tparams(), t.ref("E")))
	}
}

// literal spells a composite literal of t, keyed or not.
func (g *gen) literal(t *genType) string {
	typ := t.ref("E")
	all := append([]genField(nil), t.fields...)
	var elts []string
	if t.holds != "" {
		all = append(all, genField{name: "holder"})
	}
	if g.c.maybe(4) {
		return typ + "{}"
	}
	if g.c.maybe(3) {
		// Unkeyed: every field, in order.
		for _, f := range all {
			elts = append(elts, g.fieldValue(t, f))
		}
		return typ + "{" + strings.Join(elts, ", ") + "}"
	}
	for _, f := range all {
		if f.name != "holder" && g.c.maybe(2) {
			elts = append(elts, f.name+": "+g.fieldValue(t, f))
		}
	}
	return typ + "{" + strings.Join(elts, ", ") + "}"
}

// fieldValue returns a value for field f of t in a literal.
func (g *gen) fieldValue(t *genType, f genField) string {
	if f.name == "holder" {
		if t.holds == "value" || t.holds == "embed" {
			return g.types[0].ref("int") + "{}"
		}
		return "nil"
	}
	if f.kind == kNode {
		g.node = true
	}
	return kindInfo[f.kind].value
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// A mode says what a generated body may return.
type mode int

const (
	modeAt   mode = iota // the candidate: (int, error)
	modeFunc             // no results: a closure, a helper, Reset
	modeErr              // one result: Close (error), Size (int64)
)

// env is the context of the statements being generated in one body.
type env struct {
	g      *gen
	t      *genType
	recv   string // the receiver's usable name, "" if none
	ptr    bool   // pointer receiver
	named  bool   // results named n and err
	mode   mode
	writer bool            // the body is WriteAt's
	size   bool            // modeErr returns int64, not error
	held   map[string]bool // mutex fields held here
	// deferred holds the mutex fields whose unlock is deferred: they stay
	// held to the end of the function, whatever block locked them.
	deferred map[string]bool
	locals   map[string]bool // local variables declared in the enclosing blocks
	loop     int             // loops around the statement
	depth    int             // nesting of blocks
	budget   int             // statements left in this body
	helper   int             // nesting of helper generation
}

// sel spells the field f of the receiver.
func (e *env) sel(f genField) string { return e.recv + "." + f.name }

// withFields returns the fields for which keep is true, or nil when the
// body has no receiver to reach them through.
func (e *env) withFields(keep func(genField) bool) []genField {
	if e.recv == "" {
		return nil
	}
	return e.t.fieldsOf(keep)
}

// block generates up to k statements; a lock whose unlock is deferred is
// held to the end of the block.
func (e *env) block(k int) string {
	saved, savedLocals := maps.Clone(e.held), maps.Clone(e.locals)
	var lines []string
	for range k {
		if e.budget <= 0 || e.g.c.done() {
			break
		}
		e.budget--
		if s := e.stmt(); s != "" {
			lines = append(lines, s)
		}
	}
	e.held, e.locals = saved, savedLocals
	for m := range e.deferred {
		e.held[m] = true
	}
	if len(lines) == 0 {
		return ""
	}
	return strings.Join(lines, "\n") + "\n"
}

// stmt generates one statement (or a few that belong together).
func (e *env) stmt() string {
	if e.depth > 3 {
		return e.fieldOp()
	}
	switch e.g.c.n(12) {
	case 0, 1, 2, 3:
		return e.fieldOp()
	case 4:
		return e.ifStmt()
	case 5:
		return e.loopStmt()
	case 6, 7:
		return e.lockStmt()
	case 8:
		return e.funcLit()
	case 9:
		return e.helperCall()
	case 10:
		return e.earlyReturn()
	}
	return e.misc()
}

// nested generates a block one level deeper.
func (e *env) nested(k int) string {
	e.depth++
	defer func() { e.depth-- }()
	return e.block(k)
}

// fieldOp mutates, reads or calls through a field of the receiver.
func (e *env) fieldOp() string {
	as := e.accesses()
	if len(as) == 0 {
		return e.misc()
	}
	a := as[e.g.c.n(len(as))]
	f, x := a.f, a.x
	c := e.g.c
	switch f.kind {
	case kInt:
		return c.pick(x+" = off", x+"++", x+" += int64(len(p))",
			"if "+x+" > off {\n"+x+" = off\n}", "_ = "+x, x+"--")
	case kFakeMu:
		return c.pick(x+" = 1", x+"++", "_ = "+x)
	case kBytes:
		return c.pick(x+" = append("+x+", p...)", x+" = "+x+"[:0]",
			"if len("+x+") > 0 {\n"+x+"[0] = 1\n}", "copy(p, "+x+")", "copy("+x+", p)",
			x+" = nil", "_ = len("+x+")", x+" = p")
	case kMap:
		return c.pick(x+"[off] = len(p)", "delete("+x+", off)", x+"[off]++", "clear("+x+")",
			"if "+x+" == nil {\n"+x+" = make(map[int64]int)\n}", "_ = "+x+"[off]")
	case kNode:
		e.g.node = true
		return c.pick(x+" = &node{v: off}", x+".v = off",
			"if "+x+" != nil {\n"+x+" = "+x+".next\n}",
			x+".next = nil", "_ = "+x)
	case kElems:
		return c.pick(x+" = "+x+"[:0]", x+" = append("+x+", "+x+"...)",
			fmt.Sprintf("var zero%d E\n%s = append(%s, zero%[1]d)", e.g.newID(), x, x),
			"if len("+x+") > 1 {\n"+x+"[0] = "+x+"[1]\n}")
	case kWriter:
		return c.pick(x+".Write(p)", "io.Copy("+x+", nil)", x+" = io.Discard")
	}
	return e.streamOp(f, x)
}

// streamOp calls a stream field: reads, seeks, closes, resets.
func (e *env) streamOp(f genField, x string) string {
	c := e.g.c
	ops := []string{x + ".Read(p)", "io.ReadFull(" + x + ", p)",
		"if _, err := " + x + ".Read(p); err != nil {\n" + e.errReturn("err") + "\n}"}
	switch f.kind {
	case kReadCloser:
		ops = append(ops, x+".Close()", x+" = nil")
	case kSeeker:
		ops = append(ops, x+".Seek(off, io.SeekStart)",
			"if _, err := "+x+".Seek(off, io.SeekStart); err != nil {\n"+e.errReturn("err")+"\n}")
	case kFile:
		ops = append(ops, x+".Seek(off, 0)", x+".ReadAt(p, off)", x+".Close()", x+".Write(p)",
			x+".WriteAt(p, off)")
	case kBufio:
		src := "nil"
		if rs := e.t.fieldsOf(func(g genField) bool { return g.kind == kReader }); len(rs) > 0 {
			src = e.sel(rs[0])
		}
		ops = append(ops, x+".Reset("+src+")", x+".Discard(int(off))", x+".Peek(1)")
	case kReader:
		ops = append(ops, x+" = nil")
	}
	if e.named && e.mode == modeAt {
		ops = append(ops, "n, err = "+x+".Read(p)",
			"if _, err = "+x+".Read(p); err != nil {\nreturn\n}")
	}
	return ops[c.n(len(ops))]
}

// An access is a field a body can reach and the expression reaching it.
type access struct {
	x string
	f genField
}

// accesses returns the fields, other than mutexes, that the body reaches
// through its receiver: its own, and those of the first type when it
// holds one, through the holding field or promoted.
func (e *env) accesses() []access {
	if e.recv == "" {
		return nil
	}
	var out []access
	own := make(map[string]bool)
	for _, f := range e.t.fields {
		own[f.name] = true
		if !f.isMutex() {
			out = append(out, access{e.sel(f), f})
		}
	}
	if e.t.holds == "" {
		return out
	}
	holder := e.t.holder(e.g)
	promoted := e.t.holds == "embed" || e.t.holds == "embedptr"
	for _, f := range e.g.types[0].fields {
		if f.isMutex() || f.kind == kElems {
			continue
		}
		out = append(out, access{e.recv + "." + holder + "." + f.name, f})
		if promoted && !own[f.name] {
			out = append(out, access{e.recv + "." + f.name, f})
		}
	}
	return out
}

// errReturn spells a return of error err from the current body.
func (e *env) errReturn(err string) string {
	switch {
	case e.mode == modeAt:
		return "return 0, " + err
	case e.mode == modeErr && e.size:
		return "return 0"
	case e.mode == modeErr:
		return "return " + err
	}
	return "return"
}

// cond draws the condition of an if statement.
func (e *env) cond() string {
	conds := []string{"off > 0", "len(p) == 0", "off%2 == 0"}
	for _, f := range e.withFields(func(f genField) bool { return f.kind == kInt }) {
		conds = append(conds, e.sel(f)+" > off")
	}
	refs := e.withFields(func(f genField) bool { return f.kind == kNode || f.isStream() })
	for _, f := range refs {
		conds = append(conds, e.sel(f)+" != nil")
	}
	return conds[e.g.c.n(len(conds))]
}

// ifStmt generates an if, with an else sometimes, or a switch.
func (e *env) ifStmt() string {
	c := e.g.c
	cond := e.cond()
	then := e.nested(1 + c.n(3))
	switch c.n(3) {
	case 1:
		return "if " + cond + " {\n" + then + "} else {\n" + e.nested(1+c.n(2)) + "}"
	case 2:
		return "switch {\ncase " + cond + ":\n" + then + "default:\n" + e.nested(1+c.n(2)) + "}"
	}
	return "if " + cond + " {\n" + then + "}"
}

// loopStmt generates a for loop.
func (e *env) loopStmt() string {
	c := e.g.c
	e.loop++
	defer func() { e.loop-- }()
	head := c.pick("for i := 0; i < len(p); i++", "for range 2", "for off < 4")
	body := e.nested(1 + c.n(3))
	if head == "for off < 4" {
		body += "off++\n"
	}
	if c.maybe(4) {
		body += "if off > 2 {\nbreak\n}\n"
	}
	return head + " {\n" + body + "}"
}

// mutexes returns the receiver's mutex fields not held here.
func (e *env) mutexes() []genField {
	return e.withFields(func(f genField) bool { return f.isMutex() && !e.held[f.name] })
}

// lockCalls spells the lock and unlock calls of mutex field f: named or
// through the embedded field, for writing or for reading.
func (e *env) lockCalls(f genField, read bool) (string, string) {
	target := e.sel(f)
	if f.embedded && e.g.c.maybe(2) {
		target = e.recv
	}
	if read {
		return target + ".RLock()", target + ".RUnlock()"
	}
	return target + ".Lock()", target + ".Unlock()"
}

// lockStmt takes a mutex of the receiver around some statements: a pair,
// a deferred unlock held to the end of the block, a TryLock if, or a
// function literal that locks.
func (e *env) lockStmt() string {
	ms := e.mutexes()
	if len(ms) == 0 {
		return e.fieldOp()
	}
	c := e.g.c
	f := ms[c.n(len(ms))]
	read := f.kind == kRWMutex && c.maybe(3)
	lock, unlock := e.lockCalls(f, read)
	e.held[f.name] = true
	switch c.n(4) {
	case 1:
		e.deferred[f.name] = true
		return lock + "\ndefer " + unlock
	case 2:
		try := strings.Replace(lock, ".Lock()", ".TryLock()", 1)
		try = strings.Replace(try, ".RLock()", ".TryRLock()", 1)
		body := e.nested(1 + c.n(3))
		delete(e.held, f.name)
		return "if " + try + " {\n" + body + unlock + "\n}"
	case 3:
		inner := e.closure(true)
		body := inner.block(1 + c.n(3))
		e.budget = inner.budget
		delete(e.held, f.name)
		return "func() {\n" + lock + "\ndefer " + unlock + "\n" + body + "}()"
	}
	body := e.nested(1 + c.n(3))
	delete(e.held, f.name)
	return lock + "\n" + body + unlock
}

// funcLit generates a function literal called now, deferred, started as
// a goroutine, or stored and called.
func (e *env) funcLit() string {
	c := e.g.c
	how := []int{0, 0, 1, 1, 3, 2}[c.n(6)]
	inner := e.closure(how != 2)
	body := inner.block(1 + c.n(3))
	e.budget = inner.budget
	lit := "func() {\n" + body + "}"
	switch how {
	case 1:
		return "defer " + lit + "()"
	case 2:
		return "go " + lit + "()"
	case 3:
		id := e.g.newID()
		return fmt.Sprintf("fn%d := %s\nfn%[1]d()", id, lit)
	}
	return lit + "()"
}

// closure returns the context of the body of a function literal in e's
// body: no results, no loop around, and the locks of e if the literal
// runs while they are held.
func (e *env) closure(keepHeld bool) *env {
	inner := *e
	inner.mode, inner.loop, inner.named = modeFunc, 0, false
	inner.held = make(map[string]bool)
	inner.deferred = make(map[string]bool)
	inner.locals = maps.Clone(e.locals)
	if keepHeld {
		for m := range e.held {
			inner.held[m] = true
		}
	}
	inner.depth++
	return &inner
}

// helperCall calls a helper of the type, generating a new one or reusing
// one: as a method, a function, a method value, deferred or in a
// goroutine. Helpers that lock are called only where nothing is held.
func (e *env) helperCall() string {
	if e.recv == "" {
		return e.misc()
	}
	c := e.g.c
	var h *helper
	if n := len(e.t.helpers); n > 0 && c.maybe(2) {
		h = e.t.helpers[c.n(n)]
	} else if e.helper < 2 {
		h = e.newHelper()
	}
	if h == nil || (h.locks && len(e.held) > 0) {
		return e.fieldOp()
	}
	call := e.recv + "." + h.name + "(p, off)"
	if !h.method {
		arg := e.recv
		if !e.ptr {
			arg = "&" + arg
		}
		call = h.name + "(" + arg + ", p, off)"
	}
	switch c.n(8) {
	case 1:
		return "defer " + call
	case 2:
		return "go " + call
	case 3, 4:
		if h.method {
			id := e.g.newID()
			return fmt.Sprintf("fn%d := %s.%s\nfn%[1]d(p, off)", id, e.recv, h.name)
		}
	}
	return call
}

// newHelper generates a helper over the type, a method or a function,
// that locks on entry sometimes.
func (e *env) newHelper() *helper {
	c := e.g.c
	t := e.t
	h := &helper{name: fmt.Sprintf("h%d", e.g.newID()), method: !c.maybe(3)}
	he := newEnv(e.g, t, "x", true, modeFunc, 1+c.n(4))
	he.helper = e.helper + 1
	body := he.entryLock() + he.block(he.budget)
	// Callers holding a lock must not call it, or one that calls it:
	// that would deadlock.
	h.locks = strings.Contains(body, "Lock()")
	for _, other := range t.helpers {
		if other.locks && regexp.MustCompile(`\b`+other.name+`\b`).MatchString(body) {
			h.locks = true
		}
	}
	var head string
	if h.method {
		head = fmt.Sprintf("func (x *%s) %s(p []byte, off int64)", t.ref("E"), h.name)
	} else {
		head = fmt.Sprintf("func %s%s(x *%s, p []byte, off int64)", h.name, t.tparams(), t.ref("E"))
	}
	e.g.add(0, head+" {\n"+body+"}")
	t.helpers = append(t.helpers, h)
	return h
}

// entryLock returns, sometimes, the lock of a mutex field and its
// deferred unlock, as the first statements of a body.
func (e *env) entryLock() string {
	ms := e.mutexes()
	if len(ms) == 0 || !e.g.c.maybe(2) {
		return ""
	}
	f := ms[e.g.c.n(len(ms))]
	lock, unlock := e.lockCalls(f, f.kind == kRWMutex && e.g.c.maybe(3))
	e.held[f.name], e.deferred[f.name] = true, true
	return lock + "\ndefer " + unlock + "\n"
}

// earlyReturn returns from the candidate under a condition.
func (e *env) earlyReturn() string {
	if e.mode != modeAt {
		return e.misc()
	}
	c := e.g.c
	rets := []string{"return 0, io.EOF", `return 0, errors.New("negative offset")`,
		"return 0, nil", "return len(p), nil"}
	if e.named {
		rets = append(rets, "return")
	}
	if !e.writer {
		// Nested shapes of the contract check's fix.
		for _, f := range e.withFields(genField.isStream) {
			x := e.sel(f)
			rets = append(rets, "return "+x+".Read(p)")
			if e.named {
				rets = append(rets, "n, err = "+x+".Read(p)\nreturn")
			} else {
				rets = append(rets, "n, err := "+x+".Read(p)\nreturn n, err")
			}
		}
	}
	ret := rets[c.n(len(rets))]
	cond := c.pick("off < 0", "len(p) == 0", "off > 1<<20")
	if c.maybe(3) {
		return "switch {\ncase " + cond + ":\n" + ret + "\n}"
	}
	return "if " + cond + " {\n" + ret + "\n}"
}

// misc generates statements that need no field: a copy of the whole
// value, a global, a parameter store, a panic, an io.ReadFull into p.
func (e *env) misc() string {
	c := e.g.c
	id := e.g.newID()
	switch c.n(12) {
	case 0:
		if e.recv != "" {
			v := e.recv
			if e.ptr {
				v = "*" + v
			}
			return fmt.Sprintf("cp%d := %s\n_ = cp%[1]d", id, v)
		}
	case 1:
		if c.maybe(2) {
			e.g.globals["hits"] = "int"
			return "hits++"
		}
		e.g.globals["lastOff"] = "int64"
		return "lastOff = off"
	case 2:
		return "if off < -1 {\npanic(\"negative offset\")\n}"
	case 3:
		return "if len(p) > 0 {\np[0] = 0\n}"
	case 4:
		// A local n: the contract fix must pick other names.
		if e.mode == modeAt && !e.named && !e.locals["n"] {
			e.locals["n"] = true
			return "n := len(p)\n_ = n"
		}
	case 5:
		return "_ = len(p)"
	}
	return "off++"
}

// final generates the candidate's last statement: a return of a count
// and an error, made in one of the shapes the contract check knows.
func (e *env) final() string {
	c := e.g.c
	streams := e.withFields(genField.isStream)
	bytes := e.withFields(func(f genField) bool { return f.kind == kBytes })
	writers := e.withFields(func(f genField) bool { return f.kind == kWriter || f.kind == kFile })
	files := e.withFields(func(f genField) bool { return f.kind == kFile })
	opts := []string{"return len(p), nil", "return 0, io.EOF"}
	if e.named {
		opts = append(opts, "n = len(p)\nreturn")
	}
	if e.t.holds != "" && e.recv != "" {
		m := "ReadAt"
		if e.g.types[0].writer {
			m = "WriteAt"
		}
		opts = append(opts, "return "+e.recv+"."+e.t.holder(e.g)+"."+m+"(p, off)")
	}
	if !e.writer {
		for _, f := range streams {
			x := e.sel(f)
			opts = append(opts, "return "+x+".Read(p)", "return io.ReadFull("+x+", p)")
			if e.named {
				opts = append(opts, "n, err = "+x+".Read(p)\nreturn")
			} else {
				opts = append(opts, "n, err := "+x+".Read(p)\nreturn n, err")
			}
		}
		for _, f := range files {
			opts = append(opts, "return "+e.sel(f)+".ReadAt(p, off)")
		}
		for _, f := range bytes {
			opts = append(opts, "return copy(p, "+e.sel(f)+"), nil")
			if e.named {
				opts = append(opts, "n = copy(p, "+e.sel(f)+"[off:])\nreturn")
			}
		}
	} else {
		for _, f := range writers {
			opts = append(opts, "return "+e.sel(f)+".Write(p)")
		}
		for _, f := range files {
			opts = append(opts, "return "+e.sel(f)+".WriteAt(p, off)")
		}
		for _, f := range bytes {
			opts = append(opts, "return copy("+e.sel(f)+"[off:], p), nil")
		}
	}
	return opts[c.n(len(opts))]
}

// closeReturn ends a Close method.
func (e *env) closeReturn() string {
	opts := []string{"return nil"}
	closers := e.withFields(func(f genField) bool {
		return f.kind == kReadCloser || f.kind == kFile
	})
	for _, f := range closers {
		opts = append(opts, "return "+e.sel(f)+".Close()")
	}
	return opts[e.g.c.n(len(opts))]
}

// sizeReturn ends a Size method.
func (e *env) sizeReturn() string {
	e.size = true
	opts := []string{"return 0"}
	for _, f := range e.withFields(func(f genField) bool { return f.kind == kInt }) {
		opts = append(opts, "return "+e.sel(f))
	}
	for _, f := range e.withFields(func(f genField) bool { return f.kind == kBytes }) {
		opts = append(opts, "return int64(len("+e.sel(f)+"))")
	}
	return opts[e.g.c.n(len(opts))]
}

// stream returns the signature and body of a Read or Write method built
// on the candidate, moving an int64 field as the offset when there is
// one; "" when the receiver has no name.
func (e *env) stream() (string, string) {
	if e.recv == "" {
		return "", ""
	}
	at, name := "ReadAt", "Read"
	if e.t.writer {
		at, name = "WriteAt", "Write"
	}
	sig := name + "(p []byte) (int, error)"
	ints := e.withFields(func(f genField) bool { return f.kind == kInt })
	if len(ints) == 0 {
		return sig, "return " + e.recv + "." + at + "(p, 0)"
	}
	pos := e.sel(ints[e.g.c.n(len(ints))])
	lock := e.entryLock()
	return sig, fmt.Sprintf("%sn, err := %s.%s(p, %s)\n%s += int64(n)\nreturn n, err",
		lock, e.recv, at, pos, pos)
}
