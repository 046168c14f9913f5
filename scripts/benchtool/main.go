// Command benchtool measures what readeratcheck costs on top of loading and
// type-checking. scripts/bench runs it from the repository root.
//
// It builds readeratcheck and scripts/noopcheck (the same driver with an
// analyzer that does nothing) once, then for each input set runs them in
// turn, round after round, the order rotating each round so that a busy
// machine weighs on both. For every run it records wall time, CPU time
// (user and system, with the children the driver waits for, such as "go
// list") and peak resident memory. It prints the median of each and the
// median of the per-round ratios of readeratcheck to each baseline.
//
// Input sets, chosen with -sets:
//
//	std    the standard library
//	aws    the AWS SDK v2 (S3 client and upload manager), smithy-go and
//	       golang.org/x/tools, from the module cache through a scratch module
//	large  std and cmd, plus every package the project's build and tests
//	       depend on, to show that the ratio holds on a larger input
//
// Both sides get the same driver flags; -test (default false) sets the
// driver's -test flag.
//
// The driver loads the packages named on the command line from source;
// others come from export data, unless an analyzer declares facts, as
// readeratcheck does. Only std without tests names every package it
// loads, so every other set also compares with "noopcheck -facts", which
// declares a fact type and so loads every package from source. The std
// targets (time at most 1.10×, peak memory at most 1.15×) are checked
// against the last baseline of the set, the one that loads alike.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"slices"
	"strings"
)

// config holds the command-line settings.
type config struct {
	rounds  int
	warmup  int
	sets    []string
	tests   bool
	keep    bool
	verbose bool
	check   bool
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("bench: ")
	cfg, err := parseFlags(os.Args[1:])
	if err != nil {
		log.Fatal(err)
	}
	ok, err := run(cfg)
	if err != nil {
		log.Fatal(err)
	}
	if !ok {
		os.Exit(1)
	}
}

// parseFlags reads the command line into a config and checks it.
func parseFlags(args []string) (config, error) {
	var cfg config
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.IntVar(&cfg.rounds, "rounds", 5, "measured runs of each command per input set")
	fs.IntVar(&cfg.warmup, "warmup", 1, "unmeasured runs of each command per input set first")
	sets := fs.String("sets", "std", "comma-separated input sets: std, aws, large")
	fs.BoolVar(&cfg.tests, "test", false, "pass -test=true to both drivers (not with large)")
	fs.BoolVar(&cfg.keep, "keep", false, "keep the work directory (binaries, scratch module)")
	fs.BoolVar(&cfg.verbose, "v", false, "print every run on stderr")
	fs.BoolVar(&cfg.check, "check", false, "exit 1 if std misses its targets")
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	if fs.NArg() > 0 {
		return config{}, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if cfg.rounds < 1 || cfg.warmup < 0 {
		return config{}, fmt.Errorf("need -rounds >= 1 and -warmup >= 0")
	}
	for name := range strings.SplitSeq(*sets, ",") {
		if !knownSet(name) {
			return config{}, fmt.Errorf("unknown input set %q (want std, aws or large)", name)
		}
		cfg.sets = append(cfg.sets, name)
	}

	// The large set names packages of other modules as roots; their test
	// files import modules that the project's go.sum does not cover.
	if cfg.tests && slices.Contains(cfg.sets, "large") {
		return config{}, fmt.Errorf("-test cannot be used with the large set: " +
			"test files of dependencies need modules outside go.sum")
	}
	if cfg.check && !slices.Contains(cfg.sets, "std") {
		return config{}, fmt.Errorf("-check needs the std set")
	}
	return cfg, nil
}
