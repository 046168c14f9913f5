package main

import (
	"cmp"
	"fmt"
	"go/token"
	"net/url"
	"path/filepath"
	"slices"
	"strings"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
	"golang.org/x/tools/go/analysis"
)

// srcRoot is the uriBaseId of artifact locations: the root of the main
// module, or the working directory outside a module.
const srcRoot = "%SRCROOT%"

// resultLevel is the level of every result: the analyzer's findings are
// warnings in the sense of go vet, not compiler errors.
const resultLevel = sarif.LevelWarning

// runSARIF analyzes the packages and prints a SARIF 2.1.0 log on stdout.
// The log is printed even when the run fails; its invocation then says so
// and lists the errors. The exit code is 0 unless an error occurred.
func (d *driver) runSARIF(patterns []string) int {
	out, err := d.analyze(patterns)
	var problems []string
	if err != nil {
		problems = []string{fmt.Sprintf("%s: %v", d.analyzer.Name, err)}
	} else {
		problems = out.problems
	}
	for _, p := range problems {
		fmt.Fprintln(d.stderr, p)
	}

	report := sarif.NewReport()
	report.AddRun(d.sarifRun(out, problems))
	if err := report.PrettyWrite(d.stdout); err != nil {
		fmt.Fprintf(d.stderr, "%s: writing SARIF: %v\n", d.analyzer.Name, err)
		return 1
	}
	fmt.Fprintln(d.stdout)
	return exitCode(len(problems) == 0)
}

// sarifRun returns the SARIF run for the outcome out (nil when nothing
// could be loaded) and the problems met.
func (d *driver) sarifRun(out *outcome, problems []string) *sarif.Run {
	a := d.analyzer
	run := sarif.NewRunWithInformationURI(a.Name, d.informationURI())
	run.Tool.Driver.WithVersion(d.version)
	run.WithColumnKind("utf16CodeUnits")

	// Artifact locations are relative to the module root.
	root := d.dir
	if out != nil && out.moduleDir != "" {
		root = out.moduleDir
	}
	base := sarif.NewArtifactLocation().WithURI(strings.TrimSuffix(fileURI(root), "/") + "/")
	run.WithOriginalUriBaseIds(map[string]sarif.ArtifactLocation{srcRoot: *base})

	if out != nil {
		b := &sarifBuilder{d: d, run: run, root: root, src: newSources(out.fset)}
		b.addResults(out)
	}

	// Say whether the run succeeded, and if not, why.
	inv := sarif.NewInvocation().WithExecutionSuccessful(len(problems) == 0)
	for _, p := range problems {
		inv.AddToolExecutionNotification(sarif.NewNotification().
			WithLevel(sarif.LevelError).
			WithMessage(sarif.NewTextMessage(p)))
	}
	run.AddInvocation(inv)
	return run
}

// informationURI returns the analyzer's documentation page, or the
// module's page when the analyzer names none.
func (d *driver) informationURI() string {
	if d.analyzer.URL != "" {
		return d.analyzer.URL
	}
	return "https://pkg.go.dev/github.com/readeratcheck/readeratcheck"
}

// sarifBuilder fills one SARIF run with results.
type sarifBuilder struct {
	d    *driver
	run  *sarif.Run
	root string // directory artifact locations are relative to
	src  *sources
}

// finding is a diagnostic with its place, ready to be sorted.
type finding struct {
	start, end point
	diag       analysis.Diagnostic
}

// addResults adds a rule for each category met and a result for each
// diagnostic, in the order of their positions. A diagnostic found in
// both p and p [p.test] is added once.
func (b *sarifBuilder) addResults(out *outcome) {
	findings := b.findings(out)

	// One rule per category, sorted, before any result refers to it.
	var ids []string
	helpURIs := make(map[string]string)
	for _, f := range findings {
		id := b.ruleID(f.diag)
		if _, ok := helpURIs[id]; !ok {
			ids = append(ids, id)
			helpURIs[id] = b.helpURI(f.diag)
		}
	}
	slices.Sort(ids)
	for _, id := range ids {
		b.addRule(id, helpURIs[id])
	}

	for _, f := range findings {
		b.addResult(f)
	}
}

// findings returns the diagnostics of out's actions, sorted by position,
// category and message, each once.
func (b *sarifBuilder) findings(out *outcome) []finding {
	var all []finding
	for _, act := range out.actions {
		for _, diag := range act.Diagnostics {
			if !diag.Pos.IsValid() {
				continue // ok: analyzers report at a position; nothing to show
			}
			start := b.src.locate(diag.Pos)
			all = append(all, finding{start, b.endOf(start, diag.Pos, diag.End), diag})
		}
	}
	slices.SortStableFunc(all, func(x, y finding) int {
		return cmp.Or(cmp.Compare(x.start.file, y.start.file),
			cmp.Compare(x.start.offset, y.start.offset),
			cmp.Compare(x.end.offset, y.end.offset),
			cmp.Compare(x.diag.Category, y.diag.Category),
			cmp.Compare(x.diag.Message, y.diag.Message))
	})
	return slices.CompactFunc(all, func(x, y finding) bool {
		return x.start == y.start && x.end == y.end &&
			x.diag.Category == y.diag.Category && x.diag.Message == y.diag.Message
	})
}

// endOf returns the point of end, a range's end whose start is at
// start (the point of pos), or start itself when end is missing or
// does not follow pos in the same file.
func (b *sarifBuilder) endOf(start point, pos, end token.Pos) point {
	if !end.IsValid() || end < pos || b.src.fset.File(end) != b.src.fset.File(pos) {
		return start
	}
	return b.src.locate(end)
}

// helpURI returns the page documenting diag: its own URL (the checker
// makes it the analyzer's URL with the category as fragment), unless that
// is not an absolute URL, as when the analyzer has none; then the
// analyzer's URL, or "".
func (b *sarifBuilder) helpURI(diag analysis.Diagnostic) string {
	if u, err := url.Parse(diag.URL); err == nil && u.IsAbs() {
		return diag.URL
	}
	return b.d.analyzer.URL
}

// ruleID returns the rule of diag: its category, or the analyzer's name
// when it has none.
func (b *sarifBuilder) ruleID(diag analysis.Diagnostic) string {
	return cmp.Or(diag.Category, b.d.analyzer.Name)
}

// addRule adds the rule id, described by the analyzer's Doc: its first
// paragraph as the short description, all of it as the full description
// and help.
func (b *sarifBuilder) addRule(id, helpURI string) {
	doc := strings.TrimSpace(b.d.analyzer.Doc)
	short, _, _ := strings.Cut(doc, "\n\n")
	rule := b.run.AddRule(id).
		WithName(id).
		WithShortDescription(sarif.NewMultiformatMessageString().WithText(short)).
		WithFullDescription(sarif.NewMultiformatMessageString().WithText(doc)).
		WithHelp(sarif.NewMultiformatMessageString().WithText(doc)).
		WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(resultLevel))
	if helpURI != "" {
		rule.WithHelpURI(helpURI)
	}
}

// addResult adds f as a result with its related locations and the first
// of its fixes.
func (b *sarifBuilder) addResult(f finding) {
	r := b.run.CreateResultForRule(b.ruleID(f.diag)).
		WithLevel(resultLevel).
		WithMessage(sarif.NewTextMessage(f.diag.Message)).
		AddLocation(b.location(f.start, f.end))
	for _, rel := range f.diag.Related {
		if !rel.Pos.IsValid() {
			continue
		}
		start := b.src.locate(rel.Pos)
		loc := b.location(start, b.endOf(start, rel.Pos, rel.End)).
			WithMessage(sarif.NewTextMessage(rel.Message))
		r.AddRelatedLocation(loc)
	}
	if len(f.diag.SuggestedFixes) > 0 {
		r.AddFixe(b.fix(f.diag.SuggestedFixes[0]))
	}
}

// location returns the SARIF location of the range from start to end.
func (b *sarifBuilder) location(start, end point) *sarif.Location {
	return sarif.NewLocationWithPhysicalLocation(sarif.NewPhysicalLocation().
		WithArtifactLocation(b.artifact(start.file)).
		WithRegion(region(start, end)))
}

// region returns the SARIF region from start to end, by line and column.
func region(start, end point) *sarif.Region {
	return sarif.NewRegion().
		WithStartLine(start.line).
		WithStartColumn(start.col).
		WithEndLine(end.line).
		WithEndColumn(end.col)
}

// artifact returns the location of file: relative to the root when it
// lies inside it, else an absolute file URI.
func (b *sarifBuilder) artifact(file string) *sarif.ArtifactLocation {
	rel, err := filepath.Rel(b.root, file)
	if err == nil && filepath.IsLocal(rel) {
		uri := (&url.URL{Path: filepath.ToSlash(rel)}).String()
		return sarif.NewArtifactLocation().WithURI(uri).WithURIBaseID(srcRoot)
	}
	return sarif.NewArtifactLocation().WithURI(fileURI(file))
}

// fix converts a suggested fix to SARIF: one artifact change per file,
// in the order of file names, each edit a replacement of a region by line
// and column, with its byte offset and length too, as the edits are exact
// byte ranges.
func (b *sarifBuilder) fix(fix analysis.SuggestedFix) *sarif.Fix {
	changes := make(map[string]*sarif.ArtifactChange)
	for _, te := range fix.TextEdits {
		start := b.src.locate(te.Pos)
		end := b.endOf(start, te.Pos, te.End)
		deleted := region(start, end).
			WithByteOffset(start.offset).
			WithByteLength(end.offset - start.offset)
		r := sarif.NewReplacement().WithDeletedRegion(deleted)
		if len(te.NewText) > 0 {
			r.WithInsertedContent(sarif.NewArtifactContent().WithText(string(te.NewText)))
		}

		// The checker sorted the edits by position, so within a file
		// they come in order.
		ch, ok := changes[start.file]
		if !ok {
			ch = sarif.NewArtifactChange().WithArtifactLocation(b.artifact(start.file))
			changes[start.file] = ch
		}
		ch.AddReplacement(r)
	}

	sf := sarif.NewFix().WithDescription(sarif.NewTextMessage(fix.Message))
	for _, name := range sortedKeys(changes) {
		sf.AddArtifactChange(changes[name])
	}
	return sf
}

// fileURI returns the file URI of the absolute path.
func fileURI(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive letter
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}
