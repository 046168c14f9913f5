//go:build !linux

package benchkit

import (
	"errors"
	"os"
)

// peakRSS fails: the units and meaning of ru_maxrss differ between
// systems, and the scripts are only measured on Linux.
func peakRSS(*os.ProcessState) (int64, error) {
	return 0, errors.New("peak memory is measured on Linux only")
}
