// Command golangci-lint-readeratcheck is golangci-lint v2 with the
// readeratcheck module plugin built in.
//
// It lives in a module of its own so that golangci-lint and its many
// dependencies never enter the requirements of the readeratcheck module.
// Build it offline, with only a Go module proxy, by running
// scripts/build-golangci from the repository root.
package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/golangci/golangci-lint/v2/pkg/commands"
	"github.com/golangci/golangci-lint/v2/pkg/exitcodes"

	// Registers the readeratcheck plugin with golangci-lint's plugin
	// registry.
	_ "github.com/readeratcheck/readeratcheck/golangci"
)

// golangciModule is the module whose version the binary reports.
const golangciModule = "github.com/golangci/golangci-lint/v2"

func main() {
	if err := commands.Execute(buildInfo()); err != nil {
		fmt.Fprintf(os.Stderr, "The command is terminated due to an error: %v\n", err)
		os.Exit(exitcodes.Failure)
	}
}

// buildInfo describes this binary to golangci-lint. golangci-lint salts
// its result cache with the version string, so the version ends in a hash
// of the executable: any rebuild that changes the analyzer changes the
// hash and so invalidates results cached by the previous build.
func buildInfo() commands.BuildInfo {
	info := commands.BuildInfo{
		Version:   "unknown",
		Commit:    "the readeratcheck plugin build",
		Date:      "unknown",
		GoVersion: "unknown",
	}

	// Name the golangci-lint release that was built in.
	if bi, ok := debug.ReadBuildInfo(); ok {
		info.GoVersion = bi.GoVersion
		for _, dep := range bi.Deps {
			if dep.Path == golangciModule {
				info.Version = strings.TrimPrefix(dep.Version, "v")
			}
		}
	}

	// Without the hash a stale cache could answer for a rebuilt plugin;
	// "(devel)" makes golangci-lint hash the executable itself instead.
	sum, built, err := executableHash()
	if err != nil {
		info.Version = "(devel)"
		return info
	}
	info.Version += "+readeratcheck." + sum
	info.Date = built.UTC().Format(time.RFC3339)

	return info
}

// executableHash returns the first 16 hex digits of the SHA-256 of the
// running executable, and the time the executable was last written.
func executableHash() (string, time.Time, error) {
	path, err := os.Executable()
	if err != nil {
		return "", time.Time{}, err
	}
	f, err := os.Open(path)
	if err != nil {
		return "", time.Time{}, err
	}
	// The file is only read, so closing it cannot lose data.
	defer func() { _ = f.Close() }()

	st, err := f.Stat()
	if err != nil {
		return "", time.Time{}, err
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", time.Time{}, err
	}
	return hex.EncodeToString(h.Sum(nil))[:16], st.ModTime(), nil
}
