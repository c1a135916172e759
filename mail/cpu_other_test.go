//go:build !unix

package mail

import "time"

// processCPU is unknown here; the benchmark then leaves out its CPU figures.
func processCPU() time.Duration { return 0 }
