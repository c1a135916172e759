package importer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"duijie/domain"
)

// batchWriter records the batches an import writes, failing at batch failAt (1-based; 0 never).
type batchWriter struct {
	batches []int
	stored  int
	failAt  int
}

func (w *batchWriter) UpsertBatches(_ context.Context, next func() ([]domain.Enterprise, error), progress func(int)) (int, int, error) {
	created := 0
	for {
		es, err := next()
		if err != nil {
			return 0, 0, err
		}
		if len(es) == 0 {
			w.stored = created
			return created, 0, nil
		}
		w.batches = append(w.batches, len(es))
		if len(w.batches) == w.failAt {
			return 0, 0, errors.New("disk full")
		}
		created += len(es)
		progress(created)
	}
}

func rowsOf(n int) [][]string {
	rows := [][]string{enterpriseHeader}
	for i := range n {
		rows = append(rows, enterpriseRow(i))
	}
	return rows
}

// An import streams: the writer sees bounded batches, and only a small import comes back whole.
func TestEnterprisesStreamInBatches(t *testing.T) {
	for _, tc := range []struct {
		rows     int
		batches  []int
		returned int
	}{
		{3, []int{3}, 3},
		{KeepImported, []int{writeBatch}, KeepImported},
		{2*writeBatch + 7, []int{writeBatch, writeBatch, 7}, 0},
	} {
		w := &batchWriter{}
		rep, es, err := Enterprises(context.Background(), testClusters, w, "e.csv",
			bytes.NewReader(csvBytes(t, rowsOf(tc.rows), true)), Options{})
		if err != nil || !rep.Applied || rep.Created != tc.rows || rep.Rows != tc.rows {
			t.Fatalf("%d rows: %v %+v", tc.rows, err, rep)
		}
		if fmt.Sprint(w.batches) != fmt.Sprint(tc.batches) {
			t.Errorf("%d rows: batches %v, want %v", tc.rows, w.batches, tc.batches)
		}
		if len(es) != tc.returned {
			t.Errorf("%d rows: %d enterprises returned, want %d", tc.rows, len(es), tc.returned)
		}
	}
}

// A bad row anywhere, even after many good batches, means nothing is handed to the writer.
func TestEnterprisesBadRowWritesNothing(t *testing.T) {
	rows := rowsOf(2500)
	rows[2400][9] = "龙头" // an unknown tier on line 2401
	w := &batchWriter{}
	rep, _, err := Enterprises(context.Background(), testClusters, w, "e.csv", bytes.NewReader(csvBytes(t, rows, false)), Options{})
	if err != nil || rep.Applied || len(w.batches) != 0 {
		t.Fatalf("bad file: err %v, applied %v, batches %v", err, rep.Applied, w.batches)
	}
	if len(rep.Problems) != 1 || rep.Problems[0].Line != 2401 || rep.Problems[0].Column != "tier" {
		t.Fatalf("problems: %+v", rep.Problems)
	}
	// A store failing part-way reports the failure; the report says nothing was applied.
	w = &batchWriter{failAt: 2}
	rep, _, err = Enterprises(context.Background(), testClusters, w, "e.csv", bytes.NewReader(csvBytes(t, rowsOf(2500), false)), Options{})
	if err == nil || rep.Applied {
		t.Fatalf("failing store: err %v, applied %v", err, rep.Applied)
	}
}

// Files that would cost the server memory far beyond their size are refused while their XML
// streams by, naming the limit.
func TestWorkbookLimits(t *testing.T) {
	long := xlsxBytes(t, [][]string{enterpriseHeader, append(enterpriseRow(1)[:6], strings.Repeat("传感器", 40_000))})
	wide := func() []byte {
		f := excelize.NewFile()
		defer f.Close()
		for c, h := range enterpriseHeader {
			ref, _ := excelize.CoordinatesToCellName(c+1, 1)
			_ = f.SetCellStr("Sheet1", ref, h)
		}
		for r := 2; r < 10; r++ {
			_ = f.SetCellStr("Sheet1", fmt.Sprintf("XFD%d", r), "x")
		}
		var b bytes.Buffer
		if _, err := f.WriteTo(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}()
	for name, tc := range map[string]struct {
		data []byte
		key  string
		ref  string
	}{
		"a cell of 120,000 characters": {long, "import_limit_cell", ""}, // a shared string: no cell yet
		"rows reaching column XFD":     {wide, "import_limit_columns", "XFD2"},
	} {
		rep := &Report{}
		if _, ok := CheckEnterprises(testClusters, "big.xlsx", tc.data, Options{}, rep); ok {
			t.Errorf("%s: accepted", name)
			continue
		}
		if len(rep.Problems) != 1 || rep.Problems[0].Key != tc.key || rep.Problems[0].Value != tc.ref {
			t.Errorf("%s: problems %+v, want %s at %s", name, rep.Problems, tc.key, tc.ref)
		}
	}
}

// A CSV is checked as it streams: an over-long file stops at the first row past the limit, and
// bytes that are not UTF-8 anywhere in it are refused.
func TestCSVStreamProblems(t *testing.T) {
	rep := &Report{}
	if _, ok := CheckEnterprises(testClusters, "e.csv", csvBytes(t, rowsOf(30), false), Options{MaxRows: 20}, rep); ok ||
		len(rep.Problems) != 1 || rep.Problems[0].Key != "import_too_many_rows" {
		t.Errorf("too many rows: %+v", rep.Problems)
	}
	data := csvBytes(t, rowsOf(5), false)
	data = append(data, []byte("\xce\xde\xce\xfd,91320214MA0000099X,L1\n")...) // GBK for 无锡
	rep = &Report{}
	if _, ok := CheckEnterprises(testClusters, "e.csv", data, Options{}, rep); ok ||
		len(rep.Problems) != 1 || rep.Problems[0].Key != "import_encoding" {
		t.Errorf("GBK row: %+v", rep.Problems)
	}
}
