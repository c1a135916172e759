//go:build race

package handlers

// raceDetector says the tests run under -race (see chromiumPath).
const raceDetector = true
