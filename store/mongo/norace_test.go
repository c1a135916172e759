//go:build !race

package mongo

// stormFirms sizes the registration storm on the FerretDB fixture, which reads every document
// of a collection for each query (it uses no index): 60 firms keep 64 clients racing for 10
// seats and a 50-long waitlist at a fraction of the 200-firm storm's cost there.
const stormFirms = 60
