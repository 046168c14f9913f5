// Package state declares a struct that package nofix defines a type on.
package state

// State is a position and a count.
type State struct {
	Pos   int64
	Reads int
}
