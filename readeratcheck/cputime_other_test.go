//go:build !unix

package readeratcheck_test

import "time"

var processStart = time.Now()

// cpuTime stands in for the process's CPU time where getrusage is
// missing: wall time since start, so ratios hold on an idle machine only.
func cpuTime() time.Duration { return time.Since(processStart) }
