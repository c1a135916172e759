//go:build race

package mongo

// Under the race detector the in-process FerretDB runs instrumented, several times slower, and
// the fixture serialises every command: a smaller storm keeps CI's race step within minutes.
const stormFirms = 30
