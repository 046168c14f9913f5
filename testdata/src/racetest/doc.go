// want package:"Run: mutates\\(runs callbacks on goroutines\\)"

// Package racetest drives readers and writers with parallel calls, for the
// race tests of the scenarios that get a fix. Under -race they fail on the
// original code of a racy scenario and must pass once it is fixed; a fix
// that deadlocks fails them when the calls stop making progress.
package racetest
