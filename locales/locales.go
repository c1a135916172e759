// Package locales holds Duijie's user-facing messages in zh-CN and en. Messages live in JSON
// files named <area>.<lang>.json (base.zh-CN.json, errors.en.json, events.zh-CN.json …), one
// pair per area so that each team edits its own files. Nested objects are flattened to dotted
// keys, and keys are used exactly as written: the area in the file name only groups files, it is
// not a prefix. All files are embedded and merged at init.
package locales

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
)

//go:embed *.json
var files embed.FS

// Default is the language used when nothing else is known: the programme is run in Chinese.
const Default = "zh-CN"

// Supported lists the languages Duijie speaks, default first.
var Supported = []string{"zh-CN", "en"}

var (
	catalog    map[string]map[string]string // lang → key → message
	duplicates []string                     // "lang key (file, file)" found while merging

	missingMu sync.Mutex
	missing   = map[string]struct{}{}
)

func init() {
	c, d, err := load(files)
	if err != nil {
		// The files are embedded at build time: a broken one is a programming error that the
		// tests of this package report, so failing at start is the honest answer.
		panic(fmt.Sprintf("locales: %v", err))
	}
	catalog, duplicates = c, d
}

// load reads every <area>.<lang>.json of fsys into one catalogue per language.
func load(fsys fs.FS) (map[string]map[string]string, []string, error) {
	names, err := fs.Glob(fsys, "*.json")
	if err != nil {
		return nil, nil, err
	}
	sort.Strings(names)
	out := map[string]map[string]string{}
	for _, l := range Supported {
		out[l] = map[string]string{}
	}
	origin := map[string]string{} // lang+key → file that defined it
	var dups []string
	for _, name := range names {
		lang := langOf(name)
		msgs, ok := out[lang]
		if !ok {
			return nil, nil, fmt.Errorf("%s: language %q is not one of %v", name, lang, Supported)
		}
		raw, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, nil, err
		}
		flat, twice, err := flatten(raw)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", name, err)
		}
		for _, k := range twice {
			dups = append(dups, fmt.Sprintf("%s %s (twice in %s)", lang, k, name))
		}
		for k, v := range flat {
			if prev, seen := origin[lang+" "+k]; seen {
				dups = append(dups, fmt.Sprintf("%s %s (%s, %s)", lang, k, prev, name))
				continue // the first file wins; the test reports the clash
			}
			origin[lang+" "+k] = name
			msgs[k] = v
		}
	}
	sort.Strings(dups)
	return out, dups, nil
}

// langOf returns the language part of "<area>.<lang>.json".
func langOf(name string) string {
	base := strings.TrimSuffix(path.Base(name), ".json")
	if i := strings.IndexByte(base, '.'); i >= 0 {
		return base[i+1:]
	}
	return ""
}

// flatten reads a JSON object of strings and nested objects into dotted keys, and lists the
// keys written twice (the first is kept). It walks the tokens rather than decoding into a map,
// because a map silently keeps the last of two equal keys.
func flatten(raw []byte) (map[string]string, []string, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	out := map[string]string{}
	var twice []string
	if err := flattenObject(dec, "", out, &twice); err != nil {
		return nil, nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, nil, errors.New("unexpected data after the top-level object")
	}
	return out, twice, nil
}

func flattenObject(dec *json.Decoder, prefix string, out map[string]string, twice *[]string) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return fmt.Errorf("key %q: value must be a string or an object", strings.TrimSuffix(prefix, "."))
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		key := prefix + tok.(string) // inside an object every other token is a key
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return err
		}
		if len(v) > 0 && v[0] == '{' {
			if err := flattenObject(json.NewDecoder(bytes.NewReader(v)), key+".", out, twice); err != nil {
				return err
			}
			continue
		}
		var s string
		if err := json.Unmarshal(v, &s); err != nil {
			return fmt.Errorf("key %q: value must be a string or an object", key)
		}
		if _, dup := out[key]; dup {
			*twice = append(*twice, key)
			continue
		}
		out[key] = s
	}
	_, err = dec.Token() // the closing brace
	return err
}

// T returns the message key in lang, formatted with args when given. An unknown language falls
// back to the default; a missing key returns the key itself (visible, never blank) and is
// recorded for Missing.
func T(lang, key string, args ...any) string {
	msgs, ok := catalog[lang]
	if !ok {
		msgs = catalog[Default]
	}
	msg, ok := msgs[key]
	if !ok {
		missingMu.Lock()
		missing[lang+" "+key] = struct{}{}
		missingMu.Unlock()
		msg = key
	}
	if len(args) > 0 {
		return fmt.Sprintf(msg, args...)
	}
	return msg
}

// Has reports whether key exists in lang, for callers that choose between a specific message
// and a generic one.
func Has(lang, key string) bool {
	_, ok := catalog[lang][key]
	return ok
}

// Missing returns the "lang key" pairs asked for since the last reset that have no message.
func Missing() []string {
	missingMu.Lock()
	defer missingMu.Unlock()
	out := make([]string, 0, len(missing))
	for k := range missing {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// ResetMissing forgets the recorded missing keys, so a test sees only its own.
func ResetMissing() {
	missingMu.Lock()
	missing = map[string]struct{}{}
	missingMu.Unlock()
}

// Keys returns the keys of lang, sorted.
func Keys(lang string) []string {
	out := make([]string, 0, len(catalog[lang]))
	for k := range catalog[lang] {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Match picks the supported language for an Accept-Language header (or a ?lang= value): the
// first listed language that is Chinese or English wins, in the order the client gave (q
// values are honoured); anything else gets the default.
func Match(acceptLanguage string) string {
	type pref struct {
		lang string
		q    float64
		pos  int
	}
	var prefs []pref
	for i, part := range strings.Split(acceptLanguage, ",") {
		fields := strings.Split(strings.TrimSpace(part), ";")
		tag := strings.ToLower(strings.TrimSpace(fields[0]))
		q := 1.0
		for _, f := range fields[1:] {
			f = strings.TrimSpace(f)
			if v, ok := strings.CutPrefix(f, "q="); ok {
				if _, err := fmt.Sscanf(v, "%g", &q); err != nil {
					q = 0
				}
			}
		}
		var lang string
		switch {
		case tag == "zh" || strings.HasPrefix(tag, "zh-") || strings.HasPrefix(tag, "zh_"):
			lang = "zh-CN"
		case tag == "en" || strings.HasPrefix(tag, "en-") || strings.HasPrefix(tag, "en_"):
			lang = "en"
		}
		if lang != "" && q > 0 {
			prefs = append(prefs, pref{lang, q, i})
		}
	}
	if len(prefs) == 0 {
		return Default
	}
	sort.SliceStable(prefs, func(a, b int) bool { return prefs[a].q > prefs[b].q })
	return prefs[0].lang
}

// Other returns the supported language that is not lang, for a language switch.
func Other(lang string) string {
	if lang == "en" {
		return "zh-CN"
	}
	return "en"
}
