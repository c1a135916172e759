package matching

import (
	"slices"
	"testing"
)

func TestWithEndings(t *testing.T) {
	got := withEndings([]string{"漏水不知道", "停机才知道", "监控没人看", "不知道", "水知道", "坏了才知道", "leak"})
	for _, want := range []string{"漏水没人知道", "漏水才发现", "漏水都不知道", "停机不知道", "停机没人发现", "监控没人管", "leak"} {
		if !slices.Contains(got, want) {
			t.Errorf("withEndings lacks %q: %v", want, got)
		}
	}
	// A stem of one character (了 not counted) is too little to stand for a pain.
	if slices.Contains(got, "水没人知道") || slices.Contains(got, "坏了没人知道") {
		t.Errorf("withEndings extended a one-character stem: %v", got)
	}
}

// A pain written with another ending than the vocabulary's meets its scene.
func TestSceneEndingsMeetLeads(t *testing.T) {
	e := New(DefaultConfig())
	u := e.Understand("路灯坏了没人知道", "", nil, nil)
	if !slices.Contains(u.Products, "智能照明控制") {
		t.Errorf("路灯坏了没人知道: products %v, want 智能照明控制 (scene 路灯坏了不知道)", u.Products)
	}
}

func TestWithIntensifiers(t *testing.T) {
	got := withEndings([]string{"油烟太大", "太阳能板", "车间很吵"})
	for _, want := range []string{"油烟很大", "油烟特别大", "油烟非常大", "车间太吵", "车间特别吵"} {
		if !slices.Contains(got, want) {
			t.Errorf("withEndings lacks %q: %v", want, got)
		}
	}
	if slices.Contains(got, "很阳能板") {
		t.Errorf("太阳 is no intensifier: %v", got)
	}
	e := New(DefaultConfig())
	if u := e.Understand("我们车间特别热", "", nil, nil); !slices.Contains(u.Products, "工业冷风机") {
		t.Errorf("我们车间特别热: products %v, want 工业冷风机 (scene 车间太热)", u.Products)
	}
}
