package readeratcheck

import (
	"fmt"
	"go/ast"
	"go/token"
	"sort"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// checkContracts reports candidates that may return fewer bytes than
// len(p) with a nil error.
//
// io.ReaderAt and io.WriterAt require a non-nil error whenever n <
// len(p). For each return of a candidate, the check walks the paths that
// lead to it and asks where the returned count comes from and what the
// returned error is on each. It reports a return when, on some path, the
// count comes from a source known to come up short (one Read, a loop of
// Reads, a copy from a shorter slice, an inner call whose error is not
// passed on), nothing on the path shows that p is full, and the error is
// nil or may be. Counts from anywhere else are left alone.
func checkContracts(pass *analysis.Pass, pkg *ssa.Package, cands []*candidate, dirs *directives) {
	for _, c := range cands {
		fn := pkg.Prog.FuncValue(c.obj)
		if fn == nil || len(fn.Params) != 3 || len(fn.Blocks) == 0 {
			continue
		}
		sfs := findShortfalls(fn, c.writer())
		if len(sfs) == 0 || dirs.suppressed(pass, c.decl) {
			continue
		}
		fixed := make(map[*ssa.Call]bool)
		for _, sf := range sfs {
			reportShortfall(pass, c, sf, fixed)
		}
	}
}

// findShortfalls returns, in source order, the returns of fn that may
// come up short with a nil error, each with the first path found.
func findShortfalls(fn *ssa.Function, writer bool) []*shortfall {
	f := newCfunc(fn)
	f.writer = writer
	var out []*shortfall
	for _, b := range fn.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok || b == fn.Recover || len(ret.Results) != 2 {
			continue
		}
		// A path found before the search gives up is still a real one.
		var found *shortfall
		f.paths(b, func(cp *cpath) bool {
			found = newPathFacts(cp).judge(ret)
			return found != nil
		})
		if found != nil {
			out = append(out, found)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].ret.Pos() < out[j].ret.Pos() })
	return out
}

// reportShortfall reports one return, with the places its count and its
// error come from, and a fix for a single Read. fixed records the Reads
// already given a fix, so that two returns never carry the same edit.
func reportShortfall(pass *analysis.Pass, c *candidate, sf *shortfall, fixed map[*ssa.Call]bool) {
	stmt := returnStmtAt(c.decl, sf.ret.Pos())
	d := analysis.Diagnostic{
		Pos:      c.decl.Name.Pos(),
		End:      c.decl.Name.End(),
		Category: categoryContract,
		Message:  contractMessage(c, sf, countName(c.decl, stmt)),
		Related:  contractRelated(c, sf, countName(c.decl, stmt)),
	}
	if stmt != nil {
		d.Pos, d.End = stmt.Pos(), stmt.End()
	}
	// The fix rewrites one Read; if the count may also come from another,
	// that one would be reported after the fix, and -fix would have to
	// run twice. No fix then.
	oneRead := len(readSources(sf.ret.Results[0])) == 1
	if sf.origin.kind == originRead && !fixed[sf.origin.call] && oneRead {
		if fix := readFullFix(pass, c, sf.origin.call); fix != nil {
			d.SuggestedFixes = []analysis.SuggestedFix{*fix}
			fixed[sf.origin.call] = true
		}
	}
	pass.Report(d)
}

// contractMessage says which value may be short and why, in words that
// stand alone.
func contractMessage(c *candidate, sf *shortfall, name string) string {
	p := bufferName(c.decl)
	value, subject := name, name
	if name == "" {
		value, subject = "a count", "the count"
	}
	var why string
	switch sf.origin.kind {
	case originRead:
		why = subject + " comes from a single Read, which may return less than asked"
	case originLoop:
		where := " in a loop"
		if len(sf.origin.heads) == 0 {
			where = ""
		}
		why = subject + " adds up Read calls" + where + " that can end before " + p + " is full"
	case originCopy:
		other := "source"
		if c.writer() {
			other = "destination"
		}
		why = fmt.Sprintf("%s comes from copy, and its %s may be shorter than %s",
			subject, other, p)
	case originPrefix:
		why = fmt.Sprintf("%s comes from %s on a prefix of %s that is shorter than %s",
			subject, prefixCallName(sf.origin.call), p, p)
	case originInner:
		what := "error is dropped"
		switch {
		case sf.swapped != nil:
			what = fmt.Sprintf("error is replaced by that of %s, which may be nil",
				innerName(sf.swapped))
		case sf.replaced:
			what = "non-nil error is replaced by nil"
		}
		why = fmt.Sprintf("%s comes from %s, whose %s", subject, innerName(sf.origin.call), what)
	}
	return fmt.Sprintf("%s may return %s < len(%s) with a nil error: %s",
		c.displayName(), value, p, why)
}

// innerName names a call that fills its buffer or fails.
func innerName(call *ssa.Call) string {
	c := call.Common()
	if fn := c.StaticCallee(); fn != nil && fn.Signature.Recv() == nil && fn.Pkg != nil {
		return fn.Pkg.Pkg.Name() + "." + fn.Name()
	}
	switch m := calledMethod(c); m {
	case "Write":
		return "a Write"
	default:
		return "an inner " + m
	}
}

// prefixCallName names a Read, a copy or a call that fills its buffer.
func prefixCallName(call *ssa.Call) string {
	if b, ok := call.Call.Value.(*ssa.Builtin); ok {
		return b.Name()
	}
	if calledMethod(call.Common()) == "Read" {
		return "a Read"
	}
	return innerName(call)
}

// contractRelated points at where the short count and the nil error come
// from.
func contractRelated(c *candidate, sf *shortfall, name string) []analysis.RelatedInformation {
	if name == "" {
		name = "the count"
	}
	var out []analysis.RelatedInformation
	add := func(pos token.Pos, msg string) {
		if pos.IsValid() {
			out = append(out, analysis.RelatedInformation{Pos: pos, Message: msg})
		}
	}
	o := sf.origin
	switch o.kind {
	case originRead:
		add(callStart(c.decl, o.call.Pos()), name+" comes from this Read")
	case originLoop:
		for _, r := range o.reads {
			add(callStart(c.decl, r.Pos()), name+" adds up the counts of this Read")
		}
		if sf.hasCause {
			add(condStart(c.decl, sf.cause.cond.Pos()),
				"the read can end here with a nil error before "+bufferName(c.decl)+" is full")
		}
	case originCopy:
		add(callStart(c.decl, o.call.Pos()), name+" comes from this copy")
	case originPrefix:
		add(callStart(c.decl, o.call.Pos()), name+" comes from this call, on part of "+
			bufferName(c.decl)+" only")
	case originInner:
		if !sf.replaced {
			add(callStart(c.decl, o.call.Pos()), "the error of this call is dropped")
			break
		}
		add(callStart(c.decl, o.call.Pos()), name+" comes from this call")
		if sf.swapped != nil {
			add(callStart(c.decl, sf.swapped.Pos()), "the error returned comes from this call")
		}
		if sf.hasCause {
			msg := "the call's error is known to be non-nil here, yet nil is returned"
			if sf.swapped != nil {
				msg = "the call's error is known to be non-nil here, yet another is returned"
			}
			add(condStart(c.decl, sf.cause.cond.Pos()), msg)
		}
	}
	return out
}

// returnStmtAt returns the return statement of decl at pos, or nil.
func returnStmtAt(decl *ast.FuncDecl, pos token.Pos) *ast.ReturnStmt {
	var found *ast.ReturnStmt
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		if r, ok := n.(*ast.ReturnStmt); ok && r.Return == pos {
			found = r
		}
		_, lit := n.(*ast.FuncLit)
		return found == nil && !lit
	})
	return found
}

// countName returns how the count is spelled at a return: the identifier
// returned, or the named result of a bare return; "" for anything else.
func countName(decl *ast.FuncDecl, stmt *ast.ReturnStmt) string {
	switch {
	case stmt == nil:
		return ""
	case len(stmt.Results) == 2:
		if id, ok := ast.Unparen(stmt.Results[0]).(*ast.Ident); ok {
			return id.Name
		}
	case len(stmt.Results) == 0:
		if res := decl.Type.Results; res != nil && len(res.List[0].Names) > 0 {
			return res.List[0].Names[0].Name
		}
	}
	return ""
}

// bufferName returns the name of the candidate's buffer parameter.
func bufferName(decl *ast.FuncDecl) string {
	if names := decl.Type.Params.List[0].Names; len(names) > 0 && names[0].Name != "_" {
		return names[0].Name
	}
	return "p"
}

// callStart returns where the call whose parenthesis is at lparen
// starts, or lparen itself if decl has no such call.
func callStart(decl *ast.FuncDecl, lparen token.Pos) token.Pos {
	if call := callExprAt(decl, lparen); call != nil {
		return call.Pos()
	}
	return lparen
}

// callExprAt returns the call expression of decl whose parenthesis is at
// lparen, or nil.
func callExprAt(decl *ast.FuncDecl, lparen token.Pos) *ast.CallExpr {
	var found *ast.CallExpr
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && call.Lparen == lparen {
			found = call
		}
		return found == nil
	})
	return found
}

// condStart returns where the condition whose operator is at pos starts.
func condStart(decl *ast.FuncDecl, pos token.Pos) token.Pos {
	start := pos
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		switch e := n.(type) {
		case *ast.BinaryExpr:
			if e.OpPos == pos {
				start = e.Pos()
			}
		case *ast.UnaryExpr:
			if e.OpPos == pos {
				start = e.Pos()
			}
		case *ast.CallExpr:
			if e.Lparen == pos {
				start = e.Pos()
			}
		}
		return start == pos
	})
	return start
}

// readSources returns the Read calls whose count v may be, through phis,
// sums and named results kept in memory.
func readSources(v ssa.Value) map[*ssa.Call]bool {
	out := make(map[*ssa.Call]bool)
	seen := make(map[ssa.Value]bool)
	var walk func(v ssa.Value)
	walk = func(v ssa.Value) {
		if seen[v] {
			return
		}
		seen[v] = true
		switch v := v.(type) {
		case *ssa.Extract:
			if call, ok := v.Tuple.(*ssa.Call); ok && v.Index == 0 && readBuffer(call) != nil {
				out[call] = true
			}
		case *ssa.Phi:
			for _, e := range v.Edges {
				walk(e)
			}
		case *ssa.BinOp:
			walk(v.X)
			walk(v.Y)
		case *ssa.UnOp:
			if alloc, ok := v.X.(*ssa.Alloc); ok && v.Op == token.MUL {
				for _, r := range *alloc.Referrers() {
					if st, ok := r.(*ssa.Store); ok && st.Addr == alloc {
						walk(st.Val)
					}
				}
			}
		case *ssa.Convert:
			walk(v.X)
		}
	}
	walk(v)
	return out
}
