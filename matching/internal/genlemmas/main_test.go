package main

import (
	"bytes"
	"os"
	"testing"
)

// The embedded table is what the generator writes: nobody edited it by hand, and the generator's
// hand-kept lists are in it. Needs WordNet (apt-get install wordnet-base); skipped without it.
func TestTableIsGenerated(t *testing.T) {
	const dir = "/usr/share/wordnet"
	if _, err := os.Stat(dir + "/index.verb"); err != nil {
		t.Skip("WordNet not installed")
	}
	var buf bytes.Buffer
	generate(dir, &buf, t.Logf)
	have, err := os.ReadFile("../../data/lemmas.txt")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), have) {
		t.Errorf("matching/data/lemmas.txt differs from the generator's output: run go run ./matching/internal/genlemmas > matching/data/lemmas.txt")
	}
}
