package s3

import (
	"os/exec"
	"syscall"
)

// dieWithParent has the kernel kill cmd's process if the test binary dies
// first, as it does when go test's -timeout fires and no cleanup runs.
func dieWithParent(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
