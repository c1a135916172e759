// Package codejson writes the code → name tables the codes package embeds, for its generators.
package codejson

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
)

// Write writes m as a JSON object in code order, one entry per line, which keeps the diff of a
// data refresh readable.
func Write(w io.Writer, m map[string]string) error {
	codes := make([]string, 0, len(m))
	for c := range m {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	var b strings.Builder
	b.WriteString("{\n")
	for i, c := range codes {
		n, err := json.Marshal(m[c])
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "%q:%s", c, n)
		if i < len(codes)-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString("}\n")
	_, err := io.WriteString(w, b.String())
	return err
}
