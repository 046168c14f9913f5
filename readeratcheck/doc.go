// Package readeratcheck defines an Analyzer that reports ReadAt and WriteAt
// methods that are unsafe for parallel use.
package readeratcheck

const doc = `report ReadAt and WriteAt methods unsafe for parallel calls`
