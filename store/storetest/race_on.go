//go:build race

package storetest

// syncBulk is smaller under the race detector, which slows every query several times over; the
// run stays longer than the 5,000-row page that once ended re-syncs early. CI runs the full size
// in its plain `go test ./...` step.
const syncBulk = 6_000
