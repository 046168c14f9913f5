package readeratcheck

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"runtime/debug"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// Analyzer reports ReadAt and WriteAt methods that mutate shared state
// without holding a lock, and offers a fix that adds one.
var Analyzer = &analysis.Analyzer{
	Name:      "readeratcheck",
	Doc:       doc,
	URL:       "https://pkg.go.dev/github.com/readeratcheck/readeratcheck/readeratcheck",
	Run:       run,
	FactTypes: []analysis.Fact{new(summariesFact)},
}

// Flags. They configure the analyzer; no state is kept between packages.
var (
	checkRace     = true
	checkContract = true
)

func init() {
	Analyzer.Flags.BoolVar(&checkRace, "race", true,
		"report ReadAt and WriteAt methods that mutate shared state without a lock")
	Analyzer.Flags.BoolVar(&checkContract, "contract", true,
		"report ReadAt and WriteAt methods that may return a short count with a nil error")
}

// Diagnostic categories, so that users and tools can tell the checks
// apart.
const (
	categoryRace     = "race"
	categoryContract = "contract"
)

func run(pass *analysis.Pass) (res any, err error) {
	// An internal failure becomes an error for this package alone; the
	// driver goes on with the others.
	var where string
	var whereFn *types.Func // the function being summarised, if any
	defer func() {
		if r := recover(); r != nil {
			if whereFn != nil {
				where += " " + whereFn.FullName()
			}
			err = fmt.Errorf("internal error in package %s, %s: %v\n%s",
				pass.Pkg.Path(), where, r, debug.Stack())
		}
	}()

	// Step 1: summaries of what each function mutates through its
	// parameters, for the candidates of packages that import this one.
	where = "summarizing"
	if checkRace {
		summarize(pass, &whereFn)
	}
	whereFn = nil

	// Step 2: find candidates; most packages have none and stop here.
	dirs := parseDirectives(pass)
	cands := findCandidates(pass)
	if len(cands) == 0 {
		dirs.reportUnused(pass)
		return nil, nil
	}

	// Step 3: build SSA for this package only.
	where = "building SSA"
	if checkRace {
		for _, c := range cands {
			c.private = findPrivateUse(pass, c)
		}
	}
	pkg := buildSSA(pass, cands)

	// Step 4: analyse each candidate and report.
	var found []*finding
	for _, c := range cands {
		where = "analysing " + c.displayName()
		if checkRace {
			if f := analyseCandidate(pass, pkg, c); f != nil {
				found = append(found, f)
			}
		}
	}
	where = "computing fixes"
	reportRaces(pass, found, dirs)

	// Step 5: the contract of the count and the error.
	if checkContract {
		where = "checking the count contract"
		checkContracts(pass, pkg, cands, dirs)
	}
	dirs.reportUnused(pass)
	return nil, nil
}

// buildSSA builds the SSA form of the package under analysis, with its
// imports known from their types only.
func buildSSA(pass *analysis.Pass, cands []*candidate) *ssa.Package {
	// Instances of generic functions get bodies of their own, so that a
	// method called through a type parameter's constraint is known.
	// The package initializer need not call the imports' initializers
	// (BareInits), so the builder needs only the imported packages whose
	// functions and variables the kept code names; methods it makes on
	// demand. Creating every import would make a function for each of
	// their members, most of them never called.
	prog := ssa.NewProgram(pass.Fset, ssa.InstantiateGenerics|ssa.BareInits)
	files, used := reachableBodies(pass, cands)
	for _, p := range pass.Pkg.Imports() {
		if used[p] {
			prog.CreatePackage(p, nil, nil, true)
		}
	}
	// Nor is the initializer's body ever analysed: without the package's
	// variable initializers (InitOrder) it stays empty, instead of
	// building every table a package declares.
	info := *pass.TypesInfo
	info.InitOrder = nil
	pkg := prog.CreatePackage(pass.Pkg, files, &info, false)
	pkg.Build()
	return pkg
}

// reachableBodies returns the package's files with the bodies of the
// functions that no candidate can reach left out, so that building SSA
// costs what the candidates need: a package with one small ReadAt may be
// large. A function is reachable if a candidate or a reachable function
// names it (variable initializers are not built: see buildSSA). The others
// become declarations without bodies, as functions written in assembly
// are. It also returns the imported packages whose functions, methods and
// variables the kept bodies name.
func reachableBodies(pass *analysis.Pass, cands []*candidate) (
	[]*ast.File, map[*types.Package]bool,
) {
	used := make(map[*types.Package]bool)
	decls := make(map[*types.Func]*ast.FuncDecl)
	methods := make(map[string][]*ast.FuncDecl) // by name
	var queue []*ast.FuncDecl
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			if obj, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
				decls[obj] = fd
				if fd.Recv != nil {
					methods[fd.Name.Name] = append(methods[fd.Name.Name], fd)
				}
			}
		}
	}
	keep := make(map[*ast.FuncDecl]bool)
	reach := func(d *ast.FuncDecl) {
		if d != nil && !keep[d] {
			keep[d] = true
			queue = append(queue, d)
		}
	}
	named := func(n ast.Node) {
		ast.Inspect(n, func(n ast.Node) bool {
			id, ok := n.(*ast.Ident)
			if !ok {
				return true
			}
			obj := pass.TypesInfo.Uses[id]
			if obj == nil {
				return true
			}
			// The builder makes a kept body's references to another
			// package's functions, methods and variables from that
			// package's members, and the analysis looks at a callee's
			// package; constants are folded, types need nothing, and
			// variable initializers are not built (see buildSSA).
			if p := obj.Pkg(); p != nil && p != pass.Pkg {
				switch obj := obj.(type) {
				case *types.Func:
					used[p] = true
				case *types.Var:
					used[p] = used[p] || obj.Parent() == p.Scope()
				}
			}
			fn, ok := obj.(*types.Func)
			if !ok {
				return true
			}
			reach(decls[fn.Origin()])
			// A method of an interface or a type parameter's constraint:
			// an instance of a generic function may call any method of
			// that name.
			if recv := fn.Signature().Recv(); recv != nil && types.IsInterface(recv.Type()) {
				for _, d := range methods[fn.Name()] {
					reach(d)
				}
			}
			return true
		})
	}
	for _, c := range cands {
		reach(c.decl)
		if c.private != nil {
			for _, d := range c.private.decls() {
				reach(d)
			}
		}
	}
	for len(queue) > 0 {
		d := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		named(d.Body)
	}

	out := make([]*ast.File, len(pass.Files))
	for i, f := range pass.Files {
		out[i] = f
		var pruned []ast.Decl
		for j, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil || keep[fd] {
				continue
			}
			if pruned == nil {
				pruned = append([]ast.Decl(nil), f.Decls...)
			}
			bodiless := *fd
			bodiless.Body = nil
			pruned[j] = &bodiless
		}
		if pruned != nil {
			copied := *f
			copied.Decls = pruned
			out[i] = &copied
		}
	}
	return out, used
}

// A finding is what the analysis found wrong in one candidate.
type finding struct {
	cand    *candidate
	recv    string   // the receiver's name in paths
	effects []effect // unprotected mutations, in order, without duplicates
}

// analyseCandidate runs the analysis from candidate c with nothing held
// and returns its unprotected mutations, or nil if there are none.
func analyseCandidate(pass *analysis.Pass, pkg *ssa.Package, c *candidate) *finding {
	fn := pkg.Prog.FuncValue(c.obj)
	if fn == nil || len(fn.Params) == 0 {
		return nil
	}
	recvName := c.recvName()
	if recvName == "" {
		recvName = strings.ToLower(c.named.Obj().Name()[:1])
	}
	params := make([]absVal, len(fn.Params))
	params[0] = contentOf(path{root: recvName}, fn.Params[0].Type())
	// A channel taken as a lock but still held at a return is not one:
	// analyse again without it.
	var in *interp
	var s *summary
	notLocks := make(map[string]bool)
	for range 4 {
		in = newInterp(pass, pkg)
		in.notLocks = notLocks
		s = in.call(fn, params, nil, lockset{}, 0)
		if len(in.leaked) == 0 {
			break
		}
		for k := range in.leaked {
			notLocks[k] = true
		}
	}
	if in.tooMuch || len(in.leaked) > 0 {
		// TODO: report a partial result once the analysis can tell
		// which effects a budget cut may have hidden a lock from.
		return nil
	}

	var out []effect
	seen := make(map[string]bool)
	sortEffects(s.effects)
	for _, e := range s.effects {
		if e.locks.writeHeld() || (c.writer() && ownsRange(e)) {
			continue
		}
		k := fmt.Sprintf("%s|%s|%d|%v", e.verb, e.loc.key(), e.pos, e.inGo)
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, e)
	}
	if len(out) == 0 {
		return nil
	}
	if c.private != nil && calledUnderLock(pass, pkg, c.private) {
		return nil
	}
	return &finding{cand: c, recv: recvName, effects: out}
}

// ownsRange reports whether e stores into the elements of a slice or
// array. WriteAt does that to the range [off, off+len(p)) of its
// destination, which io.WriterAt gives each parallel caller for itself;
// the analysis does not check the index, so it trusts the contract.
func ownsRange(e effect) bool {
	switch e.verb {
	case "writes", "copies into", "reads into":
	default:
		return false
	}
	steps := e.loc.steps
	if e.verb == "writes" {
		return len(steps) > 0 && steps[len(steps)-1].kind == stepElem
	}
	return true
}

// sortEffects puts effects in source order of the candidate's statements
// that lead to them, then of the sites themselves.
func sortEffects(es []effect) {
	sort.SliceStable(es, func(i, j int) bool {
		a, b := es[i].trace(), es[j].trace()
		for k := 0; k < len(a) && k < len(b); k++ {
			if a[k] != b[k] {
				return a[k] < b[k]
			}
		}
		return len(a) < len(b)
	})
}

// trace returns the positions of the calls leading to e, then e's own.
func (e effect) trace() []token.Pos {
	out := make([]token.Pos, 0, len(e.chain)+1)
	for _, h := range e.chain {
		out = append(out, h.pos)
	}
	return append(out, e.pos)
}

// position returns where an effect is reported in Related entries.
func (e effect) position() token.Pos {
	if e.pos.IsValid() {
		return e.pos
	}
	for _, h := range e.chain {
		if h.pos.IsValid() {
			return h.pos
		}
	}
	return token.NoPos
}
