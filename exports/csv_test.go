package exports

import (
	"bytes"
	"encoding/csv"
	"testing"
)

func TestNeutralise(t *testing.T) {
	for in, want := range map[string]string{
		"":                  "",
		"王工":                "王工",
		"=HYPERLINK(\"x\")": "'=HYPERLINK(\"x\")",
		"+86 510 8123":      "'+86 510 8123",
		"-1":                "'-1",
		"@SUM(A1)":          "'@SUM(A1)",
		"\t=1":              "'\t=1",
		"\r=1":              "'\r=1",
		"a=1":               "a=1",
		"'already":          "'already",
	} {
		if got := Neutralise(in); got != want {
			t.Errorf("Neutralise(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWriteCSVNeutralisesEveryCell(t *testing.T) {
	var b bytes.Buffer
	if err := WriteCSV(&b, [][]string{{"name", "=1+1"}, {"@x", "ok"}}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b.Bytes(), []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if rows[0][1] != "'=1+1" || rows[1][0] != "'@x" || rows[1][1] != "ok" {
		t.Errorf("rows = %q", rows)
	}
}
