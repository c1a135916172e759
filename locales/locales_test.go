package locales

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// Every message must exist in both languages, so switching language never shows a raw key.
func TestLanguagesHaveSameKeys(t *testing.T) {
	zh, en := Keys("zh-CN"), Keys("en")
	if len(zh) == 0 {
		t.Fatal("no zh-CN messages loaded")
	}
	for _, k := range zh {
		if !Has("en", k) {
			t.Errorf("key %q is in zh-CN but not in en", k)
		}
	}
	for _, k := range en {
		if !Has("zh-CN", k) {
			t.Errorf("key %q is in en but not in zh-CN", k)
		}
	}
}

// Two files defining one key would make the result depend on file order; each key has one home.
func TestNoDuplicateKeys(t *testing.T) {
	for _, d := range duplicates {
		t.Errorf("key defined twice: %s", d)
	}
}

// Placeholders must agree across languages or one of them prints %!d(MISSING).
func TestPlaceholdersAgree(t *testing.T) {
	for _, k := range Keys("zh-CN") {
		zh, en := verbs(catalog["zh-CN"][k]), verbs(catalog["en"][k])
		if catalog["en"][k] != "" && !slices.Equal(zh, en) {
			t.Errorf("key %q: zh-CN verbs %v, en verbs %v", k, zh, en)
		}
	}
}

func verbs(s string) []string {
	var out []string
	for i := 0; i < len(s)-1; i++ {
		if s[i] != '%' {
			continue
		}
		if s[i+1] == '%' {
			i++
			continue
		}
		// Flags, width, precision and argument indexes ("%02d", "%.1f", "%[2]s") are formatting
		// a language may choose; the verb letter after them is what must agree.
		j := i + 1
		for j < len(s) && strings.ContainsRune("+-# 0123456789.[]*", rune(s[j])) {
			j++
		}
		if j < len(s) {
			out = append(out, string(s[j]))
		}
		i = j
	}
	return out
}

func TestT(t *testing.T) {
	ResetMissing()
	for _, tc := range []struct {
		lang, key string
		args      []any
		want      string
	}{
		{"zh-CN", "nav.login", nil, "登录"},
		{"en", "nav.login", nil, "Sign in"},
		{"en", "errorpage.code", []any{404}, "Error 404"},
		{"fr", "nav.login", nil, "登录"}, // unknown language falls back to the default
		{"en", "no.such.key", nil, "no.such.key"},
	} {
		if got := T(tc.lang, tc.key, tc.args...); got != tc.want {
			t.Errorf("T(%q, %q) = %q, want %q", tc.lang, tc.key, got, tc.want)
		}
	}
	if got := Missing(); !slices.Equal(got, []string{"en no.such.key"}) {
		t.Errorf("Missing() = %v, want [en no.such.key]", got)
	}
	ResetMissing()
	if got := Missing(); len(got) != 0 {
		t.Errorf("after ResetMissing, Missing() = %v", got)
	}
}

func TestMatch(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", "zh-CN"},
		{"en", "en"},
		{"en-US,en;q=0.9", "en"},
		{"zh-CN,zh;q=0.9,en;q=0.8", "zh-CN"},
		{"zh-TW", "zh-CN"},
		{"zh-Hans-CN", "zh-CN"},
		{"fr-FR,fr;q=0.9", "zh-CN"},
		{"fr-FR,en;q=0.5", "en"},
		{"zh;q=0.3,en-GB;q=0.8", "en"},
		{"en;q=0,zh", "zh-CN"},
		{"EN", "en"},
		{"english", "zh-CN"},
	} {
		if got := Match(tc.in); got != tc.want {
			t.Errorf("Match(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestLoad(t *testing.T) {
	good := fstest.MapFS{
		"a.zh-CN.json": {Data: []byte(`{"x": {"y": "一", "z": "二"}}`)},
		"a.en.json":    {Data: []byte(`{"x.y": "one", "x": {"z": "two"}, "e": ""}`)},
		"b.en.json":    {Data: []byte(`{"x": {"y": "again"}}`)},
	}
	c, dups, err := load(good)
	if err != nil {
		t.Fatal(err)
	}
	if c["zh-CN"]["x.z"] != "二" || c["en"]["x.y"] != "one" {
		t.Errorf("flattening: got %v", c)
	}
	if len(dups) != 1 || !strings.Contains(dups[0], "en x.y") {
		t.Errorf("duplicates = %v, want the en x.y clash", dups)
	}
	// Within one file too, whether written twice or once flat and once nested.
	for _, src := range []string{`{"a": {"b": "1"}, "a": {"b": "2"}}`, `{"a.b": "1", "a": {"b": "2"}}`} {
		c, dups, err := load(fstest.MapFS{"a.en.json": {Data: []byte(src)}})
		if err != nil || len(dups) != 1 || c["en"]["a.b"] != "1" {
			t.Errorf("%s: dups %v, kept %q, err %v; want one clash, the first kept", src, dups, c["en"]["a.b"], err)
		}
	}
	for name, files := range map[string]fstest.MapFS{
		"unknown language": {"a.fr.json": {Data: []byte(`{}`)}},
		"bad json":         {"a.en.json": {Data: []byte(`{`)}},
		"number value":     {"a.en.json": {Data: []byte(`{"n": 1}`)}},
		"array value":      {"a.en.json": {Data: []byte(`{"n": ["x"]}`)}},
		"not an object":    {"a.en.json": {Data: []byte(`"x"`)}},
		"trailing data":    {"a.en.json": {Data: []byte(`{} {}`)}},
	} {
		if _, _, err := load(files); err == nil {
			t.Errorf("%s: load succeeded, want an error", name)
		}
	}
}
