package benchkit

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

const mib = 1 << 20

// TestMain lets the test binary act as the measured command: with
// BENCHKIT_HELPER set it runs helperMain instead of the tests.
func TestMain(m *testing.M) {
	if mode := os.Getenv("BENCHKIT_HELPER"); mode != "" {
		os.Exit(helperMain(mode))
	}
	os.Exit(m.Run())
}

// helperMain does what mode asks and returns the exit status:
//
//	alloc:N   touch N MiB, then exit 0
//	spin:MS   use MS milliseconds of CPU, then exit 0
//	child:N   run a child that touches N MiB, then exit 0
//	exit:C    exit with status C
func helperMain(mode string) int {
	kind, arg, _ := strings.Cut(mode, ":")
	n, err := strconv.Atoi(arg)
	if err != nil {
		return 100
	}
	switch kind {
	case "alloc":
		touch(n)
	case "spin":
		spin(time.Duration(n) * time.Millisecond)
	case "child":
		cmd := helper("alloc:" + arg)
		if err := cmd.Run(); err != nil {
			return 101
		}
	case "exit":
		return n
	default:
		return 102
	}
	return 0
}

// sink keeps touched memory reachable until the helper exits.
var sink []byte

// touch makes n MiB resident by writing to every page.
func touch(n int) {
	sink = make([]byte, n*mib)
	for i := 0; i < len(sink); i += 4096 {
		sink[i] = 1
	}
}

// spin burns CPU until the process has used d of it, however busy the
// machine is.
func spin(d time.Duration) {
	x := 0
	for cpuUsed() < d {
		for i := range 100000 {
			x += i
		}
	}
	sink = append(sink, byte(x))
}

// cpuUsed reports the user and system time of this process so far.
func cpuUsed() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		panic(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// helper returns a command that runs this test binary in helper mode.
func helper(mode string) *exec.Cmd {
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "BENCHKIT_HELPER="+mode)
	return cmd
}

func TestMeasurePeakRSS(t *testing.T) {
	cost, err := Measure(helper("alloc:256"))
	if err != nil {
		t.Fatal(err)
	}
	if cost.PeakRSS < 256*mib || cost.PeakRSS > 1024*mib {
		t.Errorf("PeakRSS = %d MiB, want between 256 and 1024", cost.PeakRSS/mib)
	}
}

// The driver's own children (go list) count: a child that waits for a
// large grandchild reports the grandchild's peak.
func TestMeasureCountsChildren(t *testing.T) {
	cost, err := Measure(helper("child:256"))
	if err != nil {
		t.Fatal(err)
	}
	if cost.PeakRSS < 256*mib {
		t.Errorf("PeakRSS = %d MiB, want at least 256 (the grandchild's)", cost.PeakRSS/mib)
	}
}

func TestMeasureCPU(t *testing.T) {
	cost, err := Measure(helper("spin:400"))
	if err != nil {
		t.Fatal(err)
	}
	if cost.CPU < 400*time.Millisecond || cost.CPU > 2*time.Second {
		t.Errorf("CPU = %v, want between 400ms and 2s", cost.CPU)
	}
	if cost.Wall < 400*time.Millisecond {
		t.Errorf("Wall = %v, want at least the 400ms of CPU of one thread", cost.Wall)
	}
}

func TestMeasureExitStatus(t *testing.T) {
	cost, err := Measure(helper("exit:3"))
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 3 {
		t.Fatalf("err = %v, want exit status 3", err)
	}
	if cost.Wall <= 0 {
		t.Errorf("Wall = %v, want the time of the failed run", cost.Wall)
	}
}

func TestMeasureNotStarted(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing")
	cost, err := Measure(exec.Command(missing))
	if err == nil {
		t.Fatal("Measure of a missing program succeeded")
	}
	if cost != (Cost{}) {
		t.Errorf("cost = %+v, want zero", cost)
	}
}
