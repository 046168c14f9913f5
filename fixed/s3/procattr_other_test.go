//go:build !linux

package s3

import "os/exec"

// dieWithParent does nothing where the kernel cannot tie a child's life to
// its parent's; a test binary killed by -timeout may leave the server
// running there.
func dieWithParent(cmd *exec.Cmd) {}
