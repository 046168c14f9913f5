package benchkit

import (
	"fmt"
	"os"
	"syscall"
)

// peakRSS reports the peak resident set size in bytes recorded in ps.
// Linux keeps in the child's rusage the largest of its own peak and those
// of the descendants it waited for, in KiB.
func peakRSS(ps *os.ProcessState) (int64, error) {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok || ru == nil {
		return 0, fmt.Errorf("no resource usage for process %d", ps.Pid())
	}
	return ru.Maxrss * 1024, nil
}
