package readeratcheck

import (
	"fmt"
	"go/types"
	"regexp"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/readeratcheck/readeratcheck/fixer"
)

// maxPhrases bounds how many mutations a message names before it says
// how many more there are.
const maxPhrases = 6

// reportRaces reports each finding as one diagnostic on the method's
// name, with a Related entry per unprotected mutation and, where one can
// be made safely, a fix. The fix is computed once per type and offered
// by each of its diagnostics, so that applying several changes nothing
// more.
func reportRaces(pass *analysis.Pass, found []*finding, dirs *directives) {
	byType := make(map[*types.TypeName][]*finding)
	var order []*types.TypeName
	for _, f := range found {
		if dirs.suppressed(pass, f.cand.decl) {
			continue
		}
		tn := f.cand.named.Obj()
		if _, ok := byType[tn]; !ok {
			order = append(order, tn)
		}
		byType[tn] = append(byType[tn], f)
	}
	for _, tn := range order {
		fs := byType[tn]
		fix := buildFix(pass, fs)
		for _, f := range fs {
			d := analysis.Diagnostic{
				Pos:      f.cand.decl.Name.Pos(),
				End:      f.cand.decl.Name.End(),
				Category: categoryRace,
				Message:  raceMessage(f),
				Related:  related(f),
			}
			if len(fix.Edits) > 0 {
				d.SuggestedFixes = []analysis.SuggestedFix{
					{Message: fix.Message, TextEdits: fix.Edits},
				}
			} else if fix.Reason != "" {
				d.Message += "; no fix: " + fix.Reason
			}
			pass.Report(d)
		}
	}
}

// goroutineReason says why no fix is offered when a goroutine mutates.
const goroutineReason = "a goroutine it starts mutates the state, " +
	"and a lock held by the method does not cover it"

// buildFix asks the fixer for the fix of the type of the findings fs.
func buildFix(pass *analysis.Pass, fs []*finding) fixer.Fix {
	c := fs[0].cand
	req := &fixer.Request{
		Fset:     pass.Fset,
		Files:    pass.Files,
		Info:     pass.TypesInfo,
		Pkg:      pass.Pkg,
		ReadFile: pass.ReadFile,
		Type:     c.named,
	}
	fields := make(map[string]bool)
	for _, f := range fs {
		req.Unsafe = append(req.Unsafe, f.cand.decl)
		for _, e := range f.effects {
			switch {
			case e.inGo:
				return fixer.Fix{Reason: goroutineReason}
			case e.loc.global:
				req.Global = true
			case e.loc.root == f.recv:
				if owner, mu := selfGuarded(c.obj.Signature().Recv().Type(), e.loc); mu != "" {
					const msg = "%s belongs to the object %s points to, " +
						"which has its own mutex %s: hold that one"
					return fixer.Fix{Reason: fmt.Sprintf(msg, e.display(), owner, mu)}
				}
				if name := e.loc.firstField(); name != "" && !fields[name] {
					fields[name] = true
					req.Fields = append(req.Fields, name)
				}
			}
		}
	}
	return fixer.Build(req)
}

// raceMessage builds the message of a finding: the method, what it
// mutates, and the contract it breaks.
func raceMessage(f *finding) string {
	var unlocked, readLocked []effect
	for _, e := range f.effects {
		if e.locks.anyHeld() && !e.inGo {
			readLocked = append(readLocked, e)
		} else {
			unlocked = append(unlocked, e)
		}
	}
	var parts []string
	if len(unlocked) > 0 {
		parts = append(parts, phrases(unlocked)+" without holding a lock")
	}
	if len(readLocked) > 0 {
		var mus []string
		seen := make(map[string]bool)
		for _, e := range readLocked {
			for _, m := range e.locks.readLocks() {
				if !seen[m] {
					seen[m] = true
					mus = append(mus, m)
				}
			}
		}
		sort.Strings(mus)
		what := "a read lock"
		if len(mus) > 0 {
			what = "the read lock of " + strings.Join(mus, " and ")
		}
		parts = append(parts, phrases(readLocked)+" while holding only "+what)
	}
	return fmt.Sprintf("%s %s; %s allows parallel calls",
		f.cand.displayName(), strings.Join(parts, ", and "), f.cand.iface())
}

// phrases lists what effects do, grouping the locations of one verb:
// "writes b.pos and b.n, and closes b.cur".
func phrases(effects []effect) string {
	var verbs []string
	locs := make(map[string][]string)
	for _, e := range effects {
		verb := e.verb
		if e.inGo {
			verb = "starts a goroutine that " + verb
		}
		name := e.display()
		if contains(locs[verb], name) {
			continue
		}
		if _, ok := locs[verb]; !ok {
			verbs = append(verbs, verb)
		}
		locs[verb] = append(locs[verb], name)
	}
	var out []string
	n := 0
	for _, v := range verbs {
		var names []string
		for _, l := range locs[v] {
			if n == maxPhrases {
				break
			}
			names = append(names, l)
			n++
		}
		if len(names) > 0 {
			out = append(out, v+" "+list(names))
		}
	}
	total := 0
	for _, l := range locs {
		total += len(l)
	}
	// Groups are joined with ", and" when a plain "and" would be
	// ambiguous: more than two groups, or a group that lists several
	// locations ("writes w.buf and w.size, and copies into w.buf").
	s := list(out)
	if len(out) > 2 || (len(out) == 2 && n > len(verbs)) {
		s = strings.Join(out[:len(out)-1], ", ") + ", and " + out[len(out)-1]
	}
	if total > n {
		s += fmt.Sprintf(" (and %d more)", total-n)
	}
	return s
}

// display spells the location an effect acts on. Objects acted on by a
// method call are named by the expression that reaches them, without a
// trailing dereference.
func (e effect) display() string {
	loc := e.loc
	if e.verb != "writes" && len(loc.steps) > 0 && loc.steps[len(loc.steps)-1].kind == stepDeref {
		loc = path{root: loc.root, global: loc.global, steps: loc.steps[:len(loc.steps)-1]}
	}
	return loc.String()
}

// list joins words as English does: "a", "a and b", "a, b and c".
func list(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}

// related builds one Related entry per unprotected mutation site.
func related(f *finding) []analysis.RelatedInformation {
	var out []analysis.RelatedInformation
	seen := make(map[string]bool)
	for _, e := range f.effects {
		pos := e.position()
		if !pos.IsValid() {
			continue
		}
		msg := e.verb + " " + e.display()
		if e.inGo {
			msg = "a goroutine " + msg
		}
		if len(e.chain) > 0 {
			var via []string
			for _, h := range e.chain {
				// A method value's wrapper and the method it calls are
				// one step.
				name := unqualifiedRecv.ReplaceAllString(h.callee, "($1")
				if len(via) == 0 || via[len(via)-1] != name {
					via = append(via, name)
				}
			}
			msg += " (through " + strings.Join(via, ", ") + ")"
		}
		if e.locks.anyHeld() && !e.inGo {
			msg += " under a read lock"
		}
		k := fmt.Sprintf("%d|%s", pos, msg)
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, analysis.RelatedInformation{Pos: pos, Message: msg})
	}
	return out
}

// selfGuarded reports whether loc, a path from a receiver of type recv,
// reaches past the receiver's own struct into another object whose
// struct has a mutex field: that object guards its own state, and a
// mutex added to the receiver would not keep out the other values that
// point to it. It returns the path of the pointer to that object and of
// its mutex, or "" for the mutex.
func selfGuarded(recv types.Type, loc path) (owner, mu string) {
	t := recv
	derefs := 0
	for i, s := range loc.steps {
		switch s.kind {
		case stepDeref:
			p, ok := t.Underlying().(*types.Pointer)
			if !ok {
				return "", ""
			}
			t = p.Elem()
			derefs++
			if derefs > 1 {
				if name := mutexField(t); name != "" {
					at := path{root: loc.root, steps: loc.steps[:i]}
					return at.String(), at.field(name).String()
				}
			}
		case stepField:
			st, ok := t.Underlying().(*types.Struct)
			if !ok {
				return "", ""
			}
			var next types.Type
			for f := range st.Fields() {
				if f.Name() == s.name {
					next = f.Type()
				}
			}
			if next == nil {
				return "", ""
			}
			t = next
		case stepElem:
			switch u := t.Underlying().(type) {
			case *types.Slice:
				t = u.Elem()
			case *types.Array:
				t = u.Elem()
			default:
				return "", ""
			}
		case stepMapElem:
			m, ok := t.Underlying().(*types.Map)
			if !ok {
				return "", ""
			}
			t = m.Elem()
		}
	}
	return "", ""
}

// mutexField returns the name of a sync.Mutex or sync.RWMutex field of
// struct type t, or "".
func mutexField(t types.Type) string {
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return ""
	}
	for f := range st.Fields() {
		n, ok := types.Unalias(f.Type()).(*types.Named)
		if !ok || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() != "sync" {
			continue
		}
		if name := n.Obj().Name(); name == "Mutex" || name == "RWMutex" {
			return f.Name()
		}
	}
	return ""
}

// unqualifiedRecv matches the package of a receiver type in a method's
// name, as in (*p9.file).readAt.
var unqualifiedRecv = regexp.MustCompile(`\((\*?)[\pL_][\pL\pN_]*\.`)
