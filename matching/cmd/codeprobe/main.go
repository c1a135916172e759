// Command codeprobe measures the codes Understand suggests for code-less leads (the chips a buyer
// accepts or removes): how many are held by a supplier graded for the lead (grade 1 or 2) in the
// development sets. A suggestion no graded supplier holds would file the lead where its
// suppliers are not.
//
//	go run ./matching/cmd/codeprobe
package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"duijie/matching"
	"duijie/matching/quality"
)

func main() {
	dir := "matching/testdata"
	var n, held, n1, held1 int
	for _, sub := range []string{".", "fresh", "dev3", "dev4", "dev5", "dev6", "dev7"} {
		s, err := quality.LoadOn(dir, filepath.Join(dir, sub))
		if err != nil {
			panic(err)
		}
		eng := matching.New(matching.DefaultConfig())
		eng.UpsertMany(s.Enterprises)
		ents := map[string][]string{}
		for _, e := range s.Enterprises {
			ents[e.ID] = append(append([]string{}, e.IndustryCodes...), e.HSCodes...)
		}
		for _, l := range s.Leads {
			if len(l.IndustryCodes) > 0 || len(l.HSCodes) > 0 || len(s.Grades[l.ID]) == 0 {
				continue
			}
			u := eng.Understand(l.Title, l.Description, nil, nil)
			for i, c := range append(append([]string{}, u.IndustryCodes...), u.HSCodes...) {
				ok := false
				for id, g := range s.Grades[l.ID] {
					if g < 1 {
						continue
					}
					for _, ec := range ents[id] {
						ec = strings.ReplaceAll(ec, ".", "")
						if strings.HasPrefix(ec, c) || strings.HasPrefix(c, ec) {
							ok = true
						}
					}
				}
				n++
				if ok {
					held++
				}
				if i == 0 || i == len(u.IndustryCodes) {
					n1++
					if ok {
						held1++
					}
				}
			}
		}
	}
	fmt.Printf("codes suggested %d, held by a graded supplier %d (%.1f%%); first of each kind %d, held %d (%.1f%%)\n", n, held, 100*float64(held)/float64(n), n1, held1, 100*float64(held1)/float64(n1))
}
