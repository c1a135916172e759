// Package codes embeds the public code tables Duijie validates and displays: GB/T 2260 regions,
// GB/T 4754-2017 industry sections and divisions, and export-market codes. It is pure data and
// lookups, so domain rules, the importer and the pages share one source of truth.
package codes

import (
	_ "embed"
	"encoding/json"
	"fmt"
)

// mustJSON decodes an embedded table at start; a broken table is a build defect, not user input.
func mustJSON(name string, data []byte, into any) {
	if err := json.Unmarshal(data, into); err != nil {
		panic(fmt.Sprintf("codes: embedded %s: %v", name, err))
	}
}
