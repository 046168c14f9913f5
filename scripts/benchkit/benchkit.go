// Package benchkit holds what scripts/bench and scripts/corpus share:
// running a command with its cost measured, and listing the packages of
// the project and of its build.
package benchkit

import (
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"time"
)

// Cost is what one run of a command took.
type Cost struct {
	// Wall is the elapsed time from start to exit.
	Wall time.Duration

	// CPU is user plus system time of the process and of the children it
	// waited for (the driver's "go list", for example).
	CPU time.Duration

	// PeakRSS is the largest resident set, in bytes, of the process or of
	// any child it waited for.
	PeakRSS int64
}

// Measure runs cmd, which must not have been started, and reports its cost.
// The error is the one from [exec.Cmd.Run]; the cost is valid whenever the
// process ran, even if it exited with a non-zero status.
func Measure(cmd *exec.Cmd) (Cost, error) {
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if cmd.ProcessState == nil {
		// The process never started: there is nothing to measure.
		return Cost{}, err
	}
	ps := cmd.ProcessState
	rss, rssErr := peakRSS(ps)
	if rssErr != nil && err == nil {
		err = rssErr
	}
	return Cost{Wall: wall, CPU: ps.UserTime() + ps.SystemTime(), PeakRSS: rss}, err
}

// GoList runs "go list" with args in dir, with env added to the inherited
// environment, and returns its non-empty output lines.
func GoList(dir string, env []string, args ...string) ([]string, error) {
	cmd := exec.Command("go", append([]string{"list"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(cmd.Environ(), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list %s in %s: %v\n%s",
			strings.Join(args, " "), dir, err, stderr.String())
	}
	var lines []string
	for line := range strings.SplitSeq(string(out), "\n") {
		if line != "" {
			lines = append(lines, line)
		}
	}
	return lines, nil
}

// BuildList is the set of packages that building and testing a module
// needs, as "go list -deps -test ./..." reports them, without test
// variants and generated test mains, split by where the packages live.
type BuildList struct {
	// Module lists the packages of the main module.
	Module []string

	// Std lists the standard library packages.
	Std []string

	// Deps lists the packages of other modules.
	Deps []string
}

// listFormat prints one line per package for [ProjectBuildList]: import
// path, whether it belongs to the standard library, whether its module is
// the main module, and its package name. Test variants print nothing.
const listFormat = "{{if not .ForTest}}{{.ImportPath}}\t{{.Standard}}\t" +
	"{{if .Module}}{{.Module.Main}}{{else}}false{{end}}\t{{.Name}}{{end}}"

// ProjectBuildList lists what building and testing the module rooted at
// dir needs. Packages with errors are listed too (go list -e): a package
// that does not load is still part of the build.
func ProjectBuildList(dir string) (BuildList, error) {
	lines, err := GoList(dir, nil, "-e", "-deps", "-test", "-f", listFormat, "./...")
	if err != nil {
		return BuildList{}, err
	}
	return parseBuildList(lines)
}

// parseBuildList sorts the lines printed with [listFormat] into a
// [BuildList], dropping the generated main packages of test binaries.
func parseBuildList(lines []string) (BuildList, error) {
	var list BuildList
	for _, line := range lines {
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			return BuildList{}, fmt.Errorf("unexpected go list line %q", line)
		}
		path, std, main, name := f[0], f[1] == "true", f[2] == "true", f[3]

		// "go list -test" adds a synthesized main package named after the
		// package under test plus ".test"; it has no source of its own.
		if name == "main" && strings.HasSuffix(path, ".test") {
			continue
		}
		switch {
		case std:
			list.Std = append(list.Std, path)
		case main:
			list.Module = append(list.Module, path)
		default:
			list.Deps = append(list.Deps, path)
		}
	}
	if len(list.Module) == 0 {
		return BuildList{}, errors.New("go list found no package of the main module")
	}
	return list, nil
}
