package handlers

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestOpenAPI keeps the document complete: every /api/v1 route of the table has its apiDocs
// entry (and no entry names a route that is gone), every $ref resolves, and the document is
// served as JSON with OpenAPI 3.1.
func TestOpenAPI(t *testing.T) {
	f := newFixture(t)
	routes := map[string]bool{}
	for _, r := range f.h.routes() {
		if strings.HasPrefix(r.path, "/api/v1/") {
			routes[r.method+" "+r.path] = true
			if _, ok := apiDocs[r.method+" "+r.path]; !ok {
				t.Errorf("route %s %s is missing from the OpenAPI document: add its line to apiDocs in openapi_docs.go", r.method, r.path)
			}
		}
	}
	for k := range apiDocs {
		if !routes[k] {
			t.Errorf("apiDocs documents %s, which is not in the route table", k)
		}
	}
	body := f.do(asAnonymous, "GET", "/api/v1/openapi.json", "").wantStatus(t, 200).body
	var doc map[string]any
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatal(err)
	}
	if doc["openapi"] != "3.1.0" {
		t.Errorf("openapi = %v", doc["openapi"])
	}
	paths := doc["paths"].(map[string]any)
	ops := 0
	for p, item := range paths {
		for m, op := range item.(map[string]any) {
			ops++
			o := op.(map[string]any)
			if o["summary"] == "" || o["responses"] == nil {
				t.Errorf("%s %s: no summary or responses", m, p)
			}
		}
	}
	if ops != len(routes) {
		t.Errorf("%d operations documented, %d API routes", ops, len(routes))
	}
	schemas := doc["components"].(map[string]any)["schemas"].(map[string]any)
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if ref, ok := x["$ref"].(string); ok {
				if _, ok := schemas[strings.TrimPrefix(ref, "#/components/schemas/")]; !ok {
					t.Errorf("dangling $ref %s", ref)
				}
			}
			for _, e := range x {
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(doc)
	for _, want := range []string{"Lead", "Enterprise", "Event", "Registration", "JobRun", "Error", "Page"} {
		if _, ok := schemas[want]; !ok {
			t.Errorf("components lack the %s schema", want)
		}
	}
	page := string(f.do(asAnonymous, "GET", "/api/docs", "").wantStatus(t, 200).body)
	if !strings.Contains(page, "vendor/swagger-ui/swagger-ui-bundle.js") || strings.Contains(page, "https://cdn") || strings.Contains(page, "unpkg") {
		t.Error("the docs page does not load the vendored viewer")
	}
	js := f.do(asAnonymous, "GET", "/static/vendor/swagger-ui/swagger-ui-bundle.js", "").wantStatus(t, 200)
	if len(js.body) < 100_000 {
		t.Error("vendored Swagger UI missing")
	}
}

// TestOpenAPIValidatorCatchesMismatch shows the response check fails when a handler's answer
// and the document disagree.
func TestOpenAPIValidatorCatchesMismatch(t *testing.T) {
	f := newFixture(t)
	doc := f.h.openAPI()
	v := &schemaCheck{doc: doc}
	lead := v.ref("Lead")
	if errs := v.check(map[string]any{"id": "x"}, lead, "data"); len(errs) == 0 {
		t.Error("a lead without its required fields passed")
	}
	if errs := v.check(map[string]any{"error": map[string]any{"code": 1, "message": "m", "fields": map[string]any{}}},
		v.ref("Error"), ""); len(errs) == 0 {
		t.Error("an error with a numeric code passed")
	}
}

// checkOpenAPI checks one answer of the route-access test against the document: a success
// status the route documents, and a JSON body of the documented shape.
func (f *fixture) checkOpenAPI(t *testing.T, method, path, reqBody string, res *response) {
	t.Helper()
	if !strings.HasPrefix(path, "/api/v1/") || res.status == 304 {
		return
	}
	var pattern string
	for _, r := range f.h.routes() {
		if r.method == method && (r.path == path || matchPattern(r.path, path)) {
			pattern = r.path
			break
		}
	}
	d, ok := apiDocs[method+" "+pattern]
	if !ok {
		return // TestOpenAPI reports it
	}
	doc := f.h.openAPI()
	op := doc["paths"].(map[string]map[string]any)[openAPIPath(strings.TrimPrefix(pattern, "/api/v1"))][strings.ToLower(method)].(map[string]any)
	// The test's request bodies are valid ones: the documented request schema must accept them.
	if rb, ok := op["requestBody"].(map[string]any); ok && res.status < 400 && strings.HasPrefix(strings.TrimSpace(reqBody), "{") {
		var in any
		if err := json.Unmarshal([]byte(reqBody), &in); err == nil {
			rs := rb["content"].(map[string]any)["application/json"].(map[string]any)["schema"]
			if errs := (&schemaCheck{doc: doc}).check(in, rs, ""); len(errs) > 0 {
				t.Errorf("%s %s: a body the handler accepted is not what the document describes:\n  %s", method, pattern, strings.Join(errs, "\n  "))
			}
		}
	}
	responses := op["responses"].(map[string]any)
	var schema any
	if res.status >= 400 {
		schema = responses["default"].(map[string]any)["content"].(map[string]any)["application/json"].(map[string]any)["schema"]
	} else {
		r, ok := responses[strconv.Itoa(res.status)].(map[string]any)
		if !ok {
			t.Errorf("%s %s answered %d, which the OpenAPI document does not list", method, pattern, res.status)
			return
		}
		if d.NoBody || d.File != "" {
			return
		}
		schema = r["content"].(map[string]any)["application/json"].(map[string]any)["schema"]
	}
	var body any
	if err := json.Unmarshal(res.body, &body); err != nil {
		t.Errorf("%s %s answered %d with a body that is not JSON: %.200s", method, pattern, res.status, res.body)
		return
	}
	v := &schemaCheck{doc: doc}
	if errs := v.check(body, schema, ""); len(errs) > 0 {
		t.Errorf("%s %s answered %d not as documented:\n  %s", method, pattern, res.status, strings.Join(errs[:min(len(errs), 8)], "\n  "))
	}
}

// schemaCheck validates a decoded JSON value against the subset of JSON Schema the generator
// writes: $ref, anyOf, type (one or several), properties, required, items, additionalProperties.
type schemaCheck struct{ doc map[string]any }

func (v *schemaCheck) ref(name string) map[string]any {
	return v.doc["components"].(map[string]any)["schemas"].(map[string]any)[name].(map[string]any)
}

func (v *schemaCheck) check(val, schema any, at string) []string {
	s, _ := schema.(map[string]any)
	if len(s) == 0 {
		return nil
	}
	if r, ok := s["$ref"].(string); ok {
		return v.check(val, v.ref(strings.TrimPrefix(r, "#/components/schemas/")), at)
	}
	if alts, ok := s["anyOf"].([]any); ok {
		var first []string
		for _, a := range alts {
			errs := v.check(val, a, at)
			if len(errs) == 0 {
				return nil
			}
			if first == nil {
				first = errs
			}
		}
		return first
	}
	var types []string
	switch tt := s["type"].(type) {
	case string:
		types = []string{tt}
	case []string:
		types = tt
	case []any:
		for _, x := range tt {
			types = append(types, x.(string))
		}
	}
	if len(types) > 0 && !slices.Contains(types, jsonType(val)) && !(jsonType(val) == "integer" && slices.Contains(types, "number")) {
		return []string{fmt.Sprintf("%s: %s, want %v", orRoot(at), jsonType(val), types)}
	}
	var errs []string
	switch x := val.(type) {
	case map[string]any:
		props, _ := s["properties"].(map[string]any)
		for _, r := range asStrings(s["required"]) {
			if _, ok := x[r]; !ok {
				errs = append(errs, fmt.Sprintf("%s: lacks %q", orRoot(at), r))
			}
		}
		for k, e := range x {
			if ps, ok := props[k]; ok {
				errs = append(errs, v.check(e, ps, at+"."+k)...)
			} else if ap, ok := s["additionalProperties"]; ok {
				if ap == false {
					errs = append(errs, fmt.Sprintf("%s: unknown field %q", orRoot(at), k))
					continue
				}
				errs = append(errs, v.check(e, ap, at+"."+k)...)
			}
		}
	case []any:
		for i, e := range x {
			errs = append(errs, v.check(e, s["items"], fmt.Sprintf("%s[%d]", at, i))...)
		}
	}
	return errs
}

func asStrings(v any) []string {
	switch x := v.(type) {
	case []string:
		return x
	case []any:
		out := make([]string, len(x))
		for i, e := range x {
			out[i] = fmt.Sprint(e)
		}
		return out
	}
	return nil
}

func jsonType(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case float64:
		if x == math.Trunc(x) {
			return "integer"
		}
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "unknown"
}

func orRoot(at string) string {
	if at == "" {
		return "(body)"
	}
	return at
}
