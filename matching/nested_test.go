package matching

import "testing"

// A short scene read over words a longer scene phrase covers is not read on its own when it
// calls for other products: 断电 (a power cut) inside 诊断电脑 (a diagnostic computer) calls for
// no UPS. Alone, 断电 still does.
func TestNestedSceneNotReadAlone(t *testing.T) {
	e := New(DefaultConfig())
	a := &e.an
	phraseCalls := func(text, product string) bool {
		for _, tm := range a.field(a.normalize(text), 1, true, nil) {
			if tm.kind == kExpansion && !tm.bag && tm.text == product {
				return true
			}
		}
		return false
	}
	if !phraseCalls("经常断电", "#不间断电源") {
		t.Fatal("经常断电 does not call for 不间断电源: the test's premise is gone")
	}
	if phraseCalls("诊断电脑", "#不间断电源") {
		t.Error("诊断电脑 calls for 不间断电源 through the 断电 inside it")
	}
	if !phraseCalls("诊断电脑", "#汽修设备") {
		t.Error("诊断电脑 no longer calls for 汽修设备")
	}
}
