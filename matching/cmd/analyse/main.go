// Command analyse shows what the engine reads from buyer sentences and which suppliers of the
// labelled corpus it ranks first, so whoever writes vocabulary can check a phrase on sentences
// of their own without opening any labelled lead.
//
//	go run ./matching/cmd/analyse "食堂油烟太大，楼上老投诉" "warehouse roof leaks when it rains"
//	printf '%s\n' "厂房一下雨就漏" "货想让车自己搬" | go run ./matching/cmd/analyse
//
// Each argument (or each line of standard input) is one lead: its title, or "title | description".
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"duijie/domain"
	"duijie/matching"
)

func main() {
	corpus := flag.String("corpus", "matching/testdata/enterprises.jsonl", "supplier profiles, one JSON object a line")
	top := flag.Int("top", 5, "suppliers to print for each sentence")
	flag.Parse()
	ents, err := readEnterprises(*corpus)
	if err != nil {
		fmt.Fprintln(os.Stderr, "analyse:", err)
		os.Exit(1)
	}
	e := matching.New(matching.DefaultConfig())
	e.UpsertMany(ents)
	names := make(map[string]string, len(ents))
	for _, x := range ents {
		names[x.ID] = x.Name
	}
	sentences := flag.Args()
	if len(sentences) == 0 {
		sc := bufio.NewScanner(os.Stdin)
		sc.Buffer(make([]byte, 1<<16), 1<<20)
		for sc.Scan() {
			if s := strings.TrimSpace(sc.Text()); s != "" {
				sentences = append(sentences, s)
			}
		}
	}
	for i, s := range sentences {
		title, desc, _ := strings.Cut(s, "|")
		title, desc = strings.TrimSpace(title), strings.TrimSpace(desc)
		u := e.Understand(title, desc, nil, nil)
		fmt.Printf("%s\n  clusters:", s)
		for _, c := range u.Clusters {
			fmt.Printf(" %s %.2f", c.Code, c.Score)
		}
		fmt.Printf("\n  products: %s\n", strings.Join(u.Products, ", "))
		for _, sc := range u.Scenes {
			fmt.Printf("  scene: %s → %s\n", sc.Phrase, strings.Join(sc.Products, ", "))
		}
		l := domain.Lead{ID: fmt.Sprintf("q%d", i+1), Title: title, Description: desc, Status: domain.LeadOpen,
			Clusters: u.InferClusters(), Quantity: 1, Currency: "CNY"}
		rs, err := e.SuppliersFor(l, *top, matching.Options{NoExposure: true})
		if err != nil {
			fmt.Printf("  (not ranked: %v)\n", err)
			continue
		}
		for _, r := range rs {
			fmt.Printf("  %-5s %6.2f %s | %s\n", r.ID, r.Score, names[r.ID], r.Explanation.Summary)
		}
	}
}

func readEnterprises(path string) ([]domain.Enterprise, error) {
	f, err := os.Open(filepath.Clean(path))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []domain.Enterprise
	dec := json.NewDecoder(f)
	for dec.More() {
		var x domain.Enterprise
		if err := dec.Decode(&x); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		out = append(out, x)
	}
	return out, nil
}
