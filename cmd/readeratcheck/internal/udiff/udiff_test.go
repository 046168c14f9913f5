package udiff

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestUnified checks the exact output for typical changes.
func TestUnified(t *testing.T) {
	tests := []struct {
		name, before, after, want string
	}{
		{"equal", "a\nb\n", "a\nb\n", ""},
		{
			"insert in the middle",
			"1\n2\n3\n4\n5\n6\n7\n8\n",
			"1\n2\n3\n4\nnew\n5\n6\n7\n8\n",
			"--- old\n+++ new\n@@ -2,6 +2,7 @@\n 2\n 3\n 4\n+new\n 5\n 6\n 7\n",
		},
		{
			"delete the first line",
			"1\n2\n3\n4\n5\n",
			"2\n3\n4\n5\n",
			"--- old\n+++ new\n@@ -1,4 +1,3 @@\n-1\n 2\n 3\n 4\n",
		},
		{
			"replace the last line",
			"1\n2\n3\n4\n5\n",
			"1\n2\n3\n4\nfive\n",
			"--- old\n+++ new\n@@ -2,4 +2,4 @@\n 2\n 3\n 4\n-5\n+five\n",
		},
		{
			"from empty",
			"",
			"a\nb\n",
			"--- old\n+++ new\n@@ -0,0 +1,2 @@\n+a\n+b\n",
		},
		{
			"to empty",
			"a\n",
			"",
			"--- old\n+++ new\n@@ -1 +0,0 @@\n-a\n",
		},
		{
			"newline added at the end",
			"a\nb",
			"a\nb\n",
			"--- old\n+++ new\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n",
		},
		{
			"two hunks: seven unchanged lines between the changes",
			"x\n1\n2\n3\n4\n5\n6\n7\ny\n",
			"X\n1\n2\n3\n4\n5\n6\n7\nY\n",
			"--- old\n+++ new\n@@ -1,4 +1,4 @@\n-x\n+X\n 1\n 2\n 3\n" +
				"@@ -6,4 +6,4 @@\n 5\n 6\n 7\n-y\n+Y\n",
		},
		{
			"one hunk: six unchanged lines between the changes",
			"x\n1\n2\n3\n4\n5\n6\ny\n",
			"X\n1\n2\n3\n4\n5\n6\nY\n",
			"--- old\n+++ new\n@@ -1,8 +1,8 @@\n-x\n+X\n 1\n 2\n 3\n 4\n 5\n 6\n-y\n+Y\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Unified("old", "new", tt.before, tt.after); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// TestRandom checks on random texts that the diff turns the old text into
// the new one, and that it is minimal: it changes as few lines as a
// longest common subsequence allows.
func TestRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 500 {
		before, after := randomText(rng), randomText(rng)
		got := Unified("old", "new", before, after)
		patched, changed, err := applyPatch(before, got)
		if err != nil {
			t.Fatalf("case %d: %v\nbefore %q\nafter %q\ndiff:\n%s", i, err, before, after, got)
		}
		if patched != after {
			t.Fatalf("case %d: patched %q, want %q\ndiff:\n%s", i, patched, after, got)
		}
		a, b := splitLines(before), splitLines(after)
		if want := len(a) + len(b) - 2*lcs(a, b); changed != want {
			t.Fatalf("case %d: %d lines changed, minimum %d\ndiff:\n%s", i, changed, want, got)
		}
	}
}

// TestLarge checks that a change too costly for the search still gives a
// correct diff, and that a small change to a large text stays small.
func TestLarge(t *testing.T) {
	var a, b strings.Builder
	for i := range 3000 {
		fmt.Fprintf(&a, "old %d\n", i)
		fmt.Fprintf(&b, "new %d\n", i)
	}
	got := Unified("old", "new", a.String(), b.String())
	patched, changed, err := applyPatch(a.String(), got)
	if err != nil || patched != b.String() || changed != 6000 {
		t.Errorf("replacing 3000 lines: %d lines changed, error %v, result right: %t",
			changed, err, patched == b.String())
	}

	// One line changed among 100000 gives one hunk of 7 lines.
	lines := make([]string, 100000)
	for i := range lines {
		lines[i] = strconv.Itoa(i) + "\n"
	}
	before := strings.Join(lines, "")
	lines[50000] = "changed\n"
	want := "--- old\n+++ new\n@@ -49998,7 +49998,7 @@\n 49997\n 49998\n 49999\n" +
		"-50000\n+changed\n 50001\n 50002\n 50003\n"
	if got := Unified("old", "new", before, strings.Join(lines, "")); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// TestPatchTool checks that patch(1) applies the diffs, when it is
// installed.
func TestPatchTool(t *testing.T) {
	if _, err := exec.LookPath("patch"); err != nil {
		t.Skip("no patch command")
	}
	rng := rand.New(rand.NewPCG(3, 4))
	dir := t.TempDir()
	name := filepath.Join(dir, "f.txt")
	for i := range 20 {
		before, after := randomText(rng), randomText(rng)
		if err := os.WriteFile(name, []byte(before), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command("patch", "--quiet", name)
		cmd.Stdin = strings.NewReader(Unified("a/f.txt", "b/f.txt", before, after))
		if out, err := cmd.CombinedOutput(); err != nil && before != after {
			t.Fatalf("case %d: patch: %v\n%s", i, err, out)
		}
		got, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != after {
			t.Fatalf("case %d: patch gave %q, want %q", i, got, after)
		}
	}
}

// randomText returns up to 12 lines drawn from a small alphabet, so that
// equal lines are common, sometimes without a final newline.
func randomText(rng *rand.Rand) string {
	var b strings.Builder
	for range rng.IntN(13) {
		b.WriteString(string(rune('a' + rng.IntN(4))))
		b.WriteByte('\n')
	}
	s := b.String()
	if s != "" && rng.IntN(4) == 0 {
		s = s[:len(s)-1]
	}
	return s
}

// lcs returns the length of a longest common subsequence of a and b.
func lcs(a, b []string) int {
	prev := make([]int, len(b)+1)
	for i := range a {
		cur := make([]int, len(b)+1)
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(prev[j+1], cur[j])
			}
		}
		prev = cur
	}
	return prev[len(b)]
}

// hunkHeader matches a hunk header and captures its four numbers.
var hunkHeader = regexp.MustCompile(`^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@$`)

// applyPatch applies a unified diff of one file to text, checking the
// context lines and the hunk headers, and returns the result and the
// number of lines added or removed.
func applyPatch(text, diff string) (string, int, error) {
	if diff == "" {
		return text, 0, nil
	}
	old := splitLines(text)
	lines := strings.SplitAfter(diff, "\n")
	if !strings.HasPrefix(lines[0], "--- ") || !strings.HasPrefix(lines[1], "+++ ") {
		return "", 0, fmt.Errorf("no file header")
	}
	var out []string
	at, changed := 0, 0 // next line of old to copy; lines added or removed
	for i := 2; i < len(lines) && lines[i] != ""; {
		m := hunkHeader.FindStringSubmatch(strings.TrimSuffix(lines[i], "\n"))
		if m == nil {
			return "", 0, fmt.Errorf("bad hunk header %q", lines[i])
		}
		start, oldLen, newLen := number(m[1], 1), number(m[2], 1), number(m[4], 1)
		if oldLen > 0 {
			start-- // 0-based
		}
		out = append(out, old[at:start]...)
		at = start
		i++
		seenOld, seenNew := 0, 0
		for ; i < len(lines) && lines[i] != "" && !strings.HasPrefix(lines[i], "@@"); i++ {
			l := lines[i]
			body := l[1:]
			if i+1 < len(lines) && strings.HasPrefix(lines[i+1], `\ No newline`) {
				body = strings.TrimSuffix(body, "\n")
				i++ // the marker belongs to this line
			}
			switch l[0] {
			case ' ', '-':
				if at >= len(old) || old[at] != body {
					return "", 0, fmt.Errorf("line %d: have %q, diff says %q",
						at+1, lineAt(old, at), body)
				}
				at++
				seenOld++
				if l[0] == ' ' {
					out = append(out, body)
					seenNew++
				} else {
					changed++
				}
			case '+':
				out = append(out, body)
				seenNew++
				changed++
			default:
				return "", 0, fmt.Errorf("bad line %q", l)
			}
		}
		if seenOld != oldLen || seenNew != newLen {
			return "", 0, fmt.Errorf("hunk has %d old and %d new lines, header says %d and %d",
				seenOld, seenNew, oldLen, newLen)
		}
	}
	out = append(out, old[at:]...)
	return strings.Join(out, ""), changed, nil
}

// number parses s, or returns def when s is empty.
func number(s string, def int) int {
	if s == "" {
		return def
	}
	n, _ := strconv.Atoi(s)
	return n
}

// lineAt returns old[i], or "EOF".
func lineAt(old []string, i int) string {
	if i < len(old) {
		return old[i]
	}
	return "EOF"
}
