package main

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"duijie/domain"
)

// enterpriseCSV is an import file of n enterprises that all fit one buyer's lead.
func enterpriseCSV(n, serial int) string {
	var b strings.Builder
	b.WriteString("name,uscc,clusters,products,region,tier\n")
	for i := range n {
		fmt.Fprintf(&b, "无锡索引企业%06d有限公司,%s,L1,温湿度传感器,320214,骨干\n", serial+i,
			domain.CompleteUSCC(fmt.Sprintf("91320214MF%07d", serial+i)))
	}
	return b.String()
}

// waitReady polls /readyz as a load balancer does, until it answers 200.
func waitReady(t *testing.T, url string) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		code, body := get(t, url+"/readyz")
		if code == http.StatusOK {
			return
		}
		if code != http.StatusServiceUnavailable || time.Now().After(deadline) {
			t.Fatalf("/readyz = %d %s", code, body)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

var indexedGauge = regexp.MustCompile(`(?m)^duijie_matching_indexed_profiles (\d+)$`)

// The real path of the issue that found the index holding 5,029 profiles: `duijie import`
// of more rows than a store page, then `duijie serve`: /metrics must count every one, and the
// start log must put the index beside the store.
func TestServeIndexesEveryImportedEnterprise(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"DATA_DIR": dir, "LOG_FORMAT": "json"}
	const n = 12_000
	file := writeFile(t, "bulk.csv", enterpriseCSV(n, 0))
	if code, out, errOut := run(t, env, "import", "enterprises", file); code != exitOK {
		t.Fatalf("import: exit %d\n%s\n%s", code, out, errOut)
	}
	_, stderr := serveUntil(t, env, func(url string) {
		waitReady(t, url)
		_, body := get(t, url+"/metrics")
		m := indexedGauge.FindStringSubmatch(string(body))
		if m == nil || m[1] != fmt.Sprint(n) {
			t.Errorf("/metrics says %v profiles indexed, want %d", m, n)
		}
		if !strings.Contains(string(body), "duijie_matching_index_ready 1") {
			t.Error("/metrics lacks duijie_matching_index_ready 1")
		}
	})
	if !strings.Contains(stderr, fmt.Sprintf(`"profiles":%d,"storeEnterprises":%d`, n, n)) {
		t.Errorf("start log does not put the index beside the store:\n%s", stderr)
	}
	if c := strings.Count(stderr, "matching index built"); c != 1 {
		t.Errorf("\"matching index built\" logged %d times", c)
	}
}
