package matchsvc

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// TestOnlyTheServicesCallTheHooks: the index is kept in step inside service/leads and
// service/enterprises, not by every writer remembering a hook. Any other package that calls a
// write hook of this service (tests aside) fails here; route its write through those services.
func TestOnlyTheServicesCallTheHooks(t *testing.T) {
	hooks := map[string]bool{"EnterpriseChanged": true, "EnterprisesChanged": true, "LeadChanged": true,
		"LeadsChanged": true, "LeadsExpired": true, "SyncSoon": true}
	// service/intake still declares an optional LeadHook of its own; every process wires it nil
	// and hands intake service/leads' Records to write through instead.
	allowed := []string{"matchsvc", "service/leads", "service/enterprises", "matching", "service/intake"}
	root := ".."
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); name == ".git" || name == "node_modules" || name == "testdata" {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		rel := filepath.ToSlash(strings.TrimPrefix(path, root+string(filepath.Separator)))
		for _, a := range allowed {
			if strings.HasPrefix(rel, a+"/") {
				return nil
			}
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				if sel, ok := call.Fun.(*ast.SelectorExpr); ok && hooks[sel.Sel.Name] {
					t.Errorf("%s: calls %s; write through service/leads or service/enterprises instead",
						fset.Position(call.Pos()), sel.Sel.Name)
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
