package importer_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"duijie/domain"
	"duijie/importer"
	"duijie/seed"
	"duijie/store"
	"duijie/store/sqlite"
)

// benchRows is the size of the import benchmark (BENCHMARKS.md): 100,000 enterprises in under 60 s.
const benchRows = 100_000

var benchHeader = []string{"name", "uscc", "clusters", "industry_codes", "hs_codes", "products", "description",
	"certifications", "region", "tier", "scale", "export_markets", "contact_name", "contact_email", "contact_phone"}

var (
	benchClusters = []string{"L1", "L2", "L3", "A1", "A5", "A6", "物联网、集成电路", "F3"}
	benchRegions  = []string{"320205", "320206", "320211", "320213", "320214", "320281", "320282"}
	benchTiers    = []string{"骨干", "新锐", "其他", "准链主", "chain_leader"}
	benchProducts = []string{"PCBA;传感器", "功率模块、IGBT", "原料药", "伺服电机,减速机", "光伏组件", "锂电池电芯", "工业软件", "面料"}
)

func benchRow(i int) []string {
	return []string{
		fmt.Sprintf("无锡基准测试企业%06d有限公司", i),
		domain.CompleteUSCC(fmt.Sprintf("91320214MB%07d", i)),
		benchClusters[i%len(benchClusters)], "C3973, I6520", "8542.31", benchProducts[i%len(benchProducts)],
		"专注于电子元器件的研发、生产与销售，服务长三角制造企业。", "ISO 9001:2015、IATF 16949",
		benchRegions[i%len(benchRegions)], benchTiers[i%len(benchTiers)], []string{"大型", "中型", "小型", "微型"}[i%4],
		"EU, US, ASEAN", "联系人" + strconv.Itoa(i%97), fmt.Sprintf("buyer%d@example.cn", i), "0510-8123 4567",
	}
}

func benchCSV(tb testing.TB) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write(benchHeader)
	for i := 0; i < benchRows; i++ {
		_ = w.Write(benchRow(i))
	}
	w.Flush()
	return b.Bytes()
}

func benchXLSX(tb testing.TB) []byte {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		tb.Fatal(err)
	}
	write := func(r int, cells []string) {
		vals := make([]any, len(cells))
		for i, c := range cells {
			vals[i] = c
		}
		ref, _ := excelize.CoordinatesToCellName(1, r)
		if err := sw.SetRow(ref, vals); err != nil {
			tb.Fatal(err)
		}
	}
	write(1, benchHeader)
	for i := 0; i < benchRows; i++ {
		write(i+2, benchRow(i))
	}
	if err := sw.Flush(); err != nil {
		tb.Fatal(err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// peakRSS reads the process's peak resident set (VmHWM) in MiB, 0 where /proc is missing.
func peakRSS() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			return float64(kb) / 1024
		}
	}
	return 0
}

// benchImport imports a 100,000-row file into a fresh SQLite store, twice: the first run creates
// every enterprise, the second updates them all (the idempotent re-import).
func benchImport(b *testing.B, name string, data []byte) {
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		st, err := sqlite.Open(filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		if err := seed.Clusters(ctx, st); err != nil {
			b.Fatal(err)
		}
		cls, err := st.Clusters.List(ctx)
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		b.StartTimer()
		rep, _, err := importer.Enterprises(ctx, cls, st.Enterprises, name, bytes.NewReader(data), importer.Options{})
		if err != nil || !rep.OK() || rep.Created != benchRows {
			b.Fatalf("import: %v %+v", err, rep.Problems[:min(3, len(rep.Problems))])
		}
		b.StopTimer()
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/(1<<20), "alloc-MiB/op")
		b.ReportMetric(peakRSS(), "peakRSS-MiB")
		_, _, total, _ := st.Enterprises.List(ctx, store.EnterpriseFilter{}, store.Page{Limit: 1})
		if total != benchRows {
			b.Fatalf("%d stored", total)
		}
		_ = st.Health.Close()
	}
}

func BenchmarkImportEnterprisesCSV100k(b *testing.B) {
	data := benchCSV(b)
	b.ReportMetric(float64(len(data))/(1<<20), "file-MiB")
	benchImport(b, "bench.csv", data)
}

func BenchmarkImportEnterprisesXLSX100k(b *testing.B) {
	data := benchXLSX(b)
	b.ReportMetric(float64(len(data))/(1<<20), "file-MiB")
	benchImport(b, "bench.xlsx", data)
}
