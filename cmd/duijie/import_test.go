package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"duijie/domain"
	"duijie/store"
)

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestImportCommand(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"DATA_DIR": dir}
	var good, bad strings.Builder
	good.WriteString("name,uscc,clusters,region,tier\n")
	bad.WriteString("name,uscc,clusters,region,tier\n")
	for i := 0; i < 20; i++ {
		row := fmt.Sprintf("无锡命令行企业%02d有限公司,%s,L1,320214,骨干\n", i, domain.CompleteUSCC(fmt.Sprintf("91320214MC%07d", i)))
		good.WriteString(row)
		if i == 7 {
			row = strings.Replace(row, "骨干", "龙头", 1)
		}
		bad.WriteString(row)
	}
	badPath := writeFile(t, "bad.csv", bad.String())
	code, out, errOut := run(t, env, "import", "enterprises", badPath)
	if code != exitFailure || !strings.Contains(out, "line 9, column tier") || !strings.Contains(errOut, "nothing written") {
		t.Fatalf("bad file: exit %d\n%s\n%s", code, out, errOut)
	}
	goodPath := writeFile(t, "good.csv", good.String())
	if code, out, errOut := run(t, env, "import", "enterprises", goodPath, "--dry-run"); code != exitOK || !strings.Contains(out, "dry run") {
		t.Fatalf("dry run: exit %d\n%s\n%s", code, out, errOut)
	}
	code, out, errOut = run(t, env, "import", "enterprises", goodPath)
	if code != exitOK || !strings.Contains(out, "20 created, 0 updated") {
		t.Fatalf("good file: exit %d\n%s\n%s", code, out, errOut)
	}
	code, out, _ = run(t, env, "import", "--lang", "en", "enterprises", goodPath)
	if code != exitOK || !strings.Contains(out, "0 created, 20 updated") {
		t.Fatalf("re-import: exit %d\n%s", code, out)
	}
	// The row limit is the server's setting, from the flag of its name or from the environment.
	if code, out, _ := run(t, env, "import", "enterprises", goodPath, "--import-max-rows", "5"); code != exitFailure || !strings.Contains(out, "上限 5 行") {
		t.Fatalf("max rows flag: exit %d\n%s", code, out)
	}
	env["IMPORT_MAX_ROWS"] = "6"
	if code, out, _ := run(t, env, "import", "enterprises", goodPath); code != exitFailure || !strings.Contains(out, "上限 6 行") {
		t.Fatalf("IMPORT_MAX_ROWS: exit %d\n%s", code, out)
	}
	if code, _, errOut := run(t, env, "import", "enterprises", goodPath, "--import-max-rows", "0"); code != exitFailure || !strings.Contains(errOut, "IMPORT_MAX_ROWS") && !strings.Contains(errOut, "import-max-rows") {
		t.Fatalf("--import-max-rows 0: exit %d\n%s", code, errOut)
	}
	delete(env, "IMPORT_MAX_ROWS")
	leads := writeFile(t, "leads.csv", "title,clusters,quantity,buyer_name\nSmart meters,L1,2000,Nordic Energy AB\n")
	if code, out, errOut := run(t, env, "import", "leads", leads); code != exitOK || !strings.Contains(out, "1 created") {
		t.Fatalf("leads: exit %d\n%s\n%s", code, out, errOut)
	}
	st := openDataDir(t, dir)
	defer st.Health.Close()
	if _, _, n, _ := st.Enterprises.List(t.Context(), store.EnterpriseFilter{}, store.Page{Limit: 1}); n != 20 {
		t.Fatalf("%d enterprises stored, want 20", n)
	}
	for _, args := range [][]string{{"import"}, {"import", "people", goodPath}, {"import", "enterprises"}} {
		if code, _, _ := run(t, env, args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
	if code, _, _ := run(t, env, "import", "enterprises", filepath.Join(dir, "missing.csv")); code != exitFailure {
		t.Errorf("missing file: exit %d", code)
	}
}
