package handlers

import (
	"encoding/json"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"
)

// The OpenAPI 3.1 document of /api/v1 is generated from the route table (paths, methods, who may
// call) and from apiDocs (openapi_docs.go: summary, the request and response Go types), whose
// schemas are read from the types by reflection. TestOpenAPI fails when an API route has no
// apiDocs entry, and the route-access test checks every API answer against the document.

// apiDoc documents one API route.
type apiDoc struct {
	Summary string
	Status  int          // the success status; 0 means 200
	Also    int          // a second success status with the same answer (200 for a repeated registration)
	Body    reflect.Type // request body (JSON); nil: none
	Data    reflect.Type // the "data" of the answer; nil: an object whose shape is not documented
	List    bool         // data is a list of Data, with "page"
	NoBody  bool         // the success answer has no body (204)
	File    string       // the success answer is a file of this media type, not JSON
	Query   []string     // query parameters
}

// typ names a Go type for apiDocs.
func typ[T any]() reflect.Type { return reflect.TypeFor[T]() }

var pathParamRE = regexp.MustCompile(`:([A-Za-z]+)`)

// openAPIPath turns a Fiber pattern into an OpenAPI path: /leads/:id → /leads/{id}; a parameter
// with a suffix (/events/:id.ics) keeps it (/events/{id}.ics).
func openAPIPath(p string) string { return pathParamRE.ReplaceAllString(p, "{$1}") }

// openAPI builds the document from the route table; it is built once per Handler.
func (h *Handler) openAPI() map[string]any {
	h.apiDocOnce.Do(func() { h.apiDocJSON = buildOpenAPI(h.routes(), h.deps.Options.BaseURL) })
	return h.apiDocJSON
}

// apiOpenAPI answers the document.
func (h *Handler) apiOpenAPI(c *fiber.Ctx) error {
	c.Set(fiber.HeaderCacheControl, "no-cache")
	return c.JSON(h.openAPI())
}

func buildOpenAPI(routes []route, baseURL string) map[string]any {
	sb := newSchemaBuilder()
	paths := map[string]map[string]any{}
	for _, r := range routes {
		if !strings.HasPrefix(r.path, "/api/v1/") {
			continue
		}
		d, ok := apiDocs[r.method+" "+r.path]
		if !ok {
			continue // TestOpenAPI names the route that lacks its entry
		}
		p := openAPIPath(strings.TrimPrefix(r.path, "/api/v1"))
		if paths[p] == nil {
			paths[p] = map[string]any{}
		}
		paths[p][strings.ToLower(r.method)] = operation(sb, r, d)
	}
	sb.schemas["Error"] = map[string]any{
		"type": "object", "required": []string{"error"},
		"properties": map[string]any{"error": map[string]any{
			"type": "object", "required": []string{"code", "message", "fields"},
			"properties": map[string]any{
				"code":    map[string]any{"type": "string", "examples": []string{"validation", "not_found"}},
				"message": map[string]any{"type": "string"},
				"fields":  map[string]any{"type": "object", "additionalProperties": map[string]any{"type": "string"}},
			},
		}},
	}
	sb.schemas["Page"] = map[string]any{
		"type": "object", "required": []string{"next"},
		"properties": map[string]any{"next": map[string]any{"type": "string"}, "total": map[string]any{"type": "integer"}},
	}
	server := strings.TrimRight(baseURL, "/") + "/api/v1"
	if baseURL == "" {
		server = "/api/v1"
	}
	return map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{
			"title":   "Duijie (对接) API",
			"version": "1",
			"description": "Events, enterprise profiles, order leads and matching for industrial clusters. Answers are " +
				"{\"data\": …} (lists add \"page\": {\"next\", \"total\"}; pass next back as ?cursor=), errors " +
				"{\"error\": {\"code\", \"message\", \"fields\"}} in the caller's language (Accept-Language). Sign in " +
				"with POST /auth/login for a Bearer token, or create one under /me/tokens.",
		},
		"servers": []any{map[string]any{"url": server}},
		"paths":   paths,
		"components": map[string]any{
			"schemas": sb.schemas,
			"securitySchemes": map[string]any{
				"bearer":  map[string]any{"type": "http", "scheme": "bearer", "description": "an API token (POST /auth/login or /me/tokens)"},
				"session": map[string]any{"type": "apiKey", "in": "cookie", "name": sessionCookie, "description": "the browser session; unsafe methods also need the X-CSRF-Token header"},
			},
		},
	}
}

func operation(sb *schemaBuilder, r route, d apiDoc) map[string]any {
	op := map[string]any{
		"operationId": operationID(r.method, r.path),
		"summary":     d.Summary,
		"tags":        []string{tagOf(r.path)},
		"description": "Who may call: " + accessText(r.access) + ".",
	}
	if r.access.signedIn {
		op["security"] = []any{map[string]any{"bearer": []string{}}, map[string]any{"session": []string{}}}
	} else {
		op["security"] = []any{}
	}
	var params []any
	for _, m := range pathParamRE.FindAllStringSubmatch(r.path, -1) {
		params = append(params, map[string]any{"name": m[1], "in": "path", "required": true, "schema": map[string]any{"type": "string"}})
	}
	for _, q := range d.Query {
		params = append(params, map[string]any{"name": q, "in": "query", "schema": map[string]any{"type": "string"}})
	}
	if d.List {
		params = append(params,
			map[string]any{"name": "limit", "in": "query", "schema": map[string]any{"type": "integer", "minimum": 1}},
			map[string]any{"name": "cursor", "in": "query", "schema": map[string]any{"type": "string"}})
	}
	if len(params) > 0 {
		op["parameters"] = params
	}
	if d.Body != nil {
		op["requestBody"] = map[string]any{"required": true, "content": map[string]any{
			"application/json": map[string]any{"schema": sb.forRequests().of(d.Body)}}}
	}
	status := d.Status
	if status == 0 {
		status = fiber.StatusOK
	}
	ok := map[string]any{"description": "success"}
	switch {
	case d.NoBody:
	case d.File != "":
		ok["content"] = map[string]any{d.File: map[string]any{"schema": map[string]any{"type": "string", "format": "binary"}}}
	default:
		data := map[string]any{"type": "object"}
		if d.Data != nil {
			data = sb.of(d.Data)
		}
		env := map[string]any{"type": "object", "required": []string{"data"}, "properties": map[string]any{"data": data}}
		if d.List {
			env["required"] = []string{"data", "page"}
			env["properties"] = map[string]any{
				"data": map[string]any{"type": "array", "items": data},
				"page": map[string]any{"$ref": "#/components/schemas/Page"},
			}
		}
		ok["content"] = map[string]any{"application/json": map[string]any{"schema": env}}
	}
	responses := map[string]any{
		strconv.Itoa(status): ok,
		"default": map[string]any{"description": "an error: 400 unreadable, 401 not signed in, 403 not allowed, " +
			"404 not found, 409 conflict, 422 invalid (fields named), 429 too many requests",
			"content": map[string]any{"application/json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/Error"}}}},
	}
	if d.Also != 0 {
		responses[strconv.Itoa(d.Also)] = ok
	}
	op["responses"] = responses
	return op
}

func accessText(a access) string {
	switch {
	case a.name == "anyone":
		return "anyone"
	case a.name == "secret-link":
		return "anyone holding the secret link"
	case len(a.roles) == 0:
		return "any signed-in user"
	}
	names := make([]string, len(a.roles))
	for i, r := range a.roles {
		names[i] = string(r)
	}
	return strings.Join(names, ", ")
}

// operationID is method and path in camel case: GET /api/v1/leads/:id/matches → getLeadsIdMatches.
func operationID(method, path string) string {
	var b strings.Builder
	b.WriteString(strings.ToLower(method))
	for _, part := range strings.FieldsFunc(strings.TrimPrefix(path, "/api/v1"), func(r rune) bool {
		return r == '/' || r == ':' || r == '.' || r == '-'
	}) {
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}

func tagOf(path string) string {
	parts := strings.Split(strings.TrimPrefix(path, "/api/v1/"), "/")
	t := strings.TrimSuffix(strings.TrimSuffix(parts[0], ".csv"), ".xlsx")
	if t == "me" && len(parts) > 1 {
		t = "me/" + strings.Split(parts[1], ".")[0]
	}
	return t
}

// schemaBuilder reads JSON schemas from Go types the way encoding/json writes them: named structs
// become components, fields take their json names, omitempty fields are optional, nil slices and
// maps may be null.
type schemaBuilder struct {
	schemas map[string]any
	names   map[reflect.Type]string
	// request marks the builder of request bodies: no field is required (a client may leave out
	// what it does not set; the handler says what is missing), and components are named
	// "…Request" so they never share a name with an answer's.
	request bool
	req     *schemaBuilder
}

// forRequests is the builder of request bodies, sharing sb's components.
func (sb *schemaBuilder) forRequests() *schemaBuilder {
	if sb.req == nil {
		sb.req = &schemaBuilder{schemas: sb.schemas, names: map[reflect.Type]string{}, request: true}
	}
	return sb.req
}

func newSchemaBuilder() *schemaBuilder {
	return &schemaBuilder{schemas: map[string]any{}, names: map[reflect.Type]string{}}
}

var (
	timeType      = reflect.TypeFor[time.Time]()
	rawType       = reflect.TypeFor[json.RawMessage]()
	marshalerType = reflect.TypeFor[json.Marshaler]()
)

func (sb *schemaBuilder) of(t reflect.Type) map[string]any {
	switch {
	case t == timeType:
		return map[string]any{"type": "string", "format": "date-time"}
	case t == rawType:
		return map[string]any{}
	case t.Kind() != reflect.Pointer && t.Implements(marshalerType), reflect.PointerTo(t).Implements(marshalerType) && t.Kind() == reflect.Struct:
		return map[string]any{} // it writes itself: shape not derivable
	}
	switch t.Kind() {
	case reflect.Pointer:
		return nullable(sb.of(t.Elem()))
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return map[string]any{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return map[string]any{"type": []string{"string", "null"}, "contentEncoding": "base64"}
		}
		return map[string]any{"type": []string{"array", "null"}, "items": sb.of(t.Elem())}
	case reflect.Array:
		return map[string]any{"type": "array", "items": sb.of(t.Elem())}
	case reflect.Map:
		return map[string]any{"type": []string{"object", "null"}, "additionalProperties": sb.of(t.Elem())}
	case reflect.Struct:
		if t.Name() == "" {
			return sb.object(t)
		}
		name, ok := sb.names[t]
		if !ok {
			name = sb.nameFor(t)
			sb.names[t] = name
			sb.schemas[name] = map[string]any{} // placeholder: recursive types end here
			sb.schemas[name] = sb.object(t)
		}
		return map[string]any{"$ref": "#/components/schemas/" + name}
	}
	return map[string]any{} // interfaces and the rest: any JSON value
}

// nameFor is the component name of a named type: its Go name capitalised, with the package in
// front when two packages use one name.
func (sb *schemaBuilder) nameFor(t reflect.Type) string {
	n := t.Name()
	if i := strings.IndexByte(n, '['); i >= 0 { // generic instance
		n = n[:i]
	}
	n = strings.ToUpper(n[:1]) + n[1:]
	if sb.request {
		n = strings.TrimSuffix(n, "Input") + "Request"
	}
	if _, taken := sb.schemas[n]; taken {
		pkg := t.PkgPath()[strings.LastIndexByte(t.PkgPath(), '/')+1:]
		n = strings.ToUpper(pkg[:1]) + pkg[1:] + n
	}
	return n
}

func (sb *schemaBuilder) object(t reflect.Type) map[string]any {
	props := map[string]any{}
	var required []string
	sb.fields(t, props, &required)
	out := map[string]any{"type": "object", "properties": props}
	if sb.request {
		out["additionalProperties"] = false // decodeJSON refuses fields it does not know
	}
	if len(required) > 0 {
		slices.Sort(required)
		out["required"] = required
	}
	return out
}

func (sb *schemaBuilder) fields(t reflect.Type, props map[string]any, required *[]string) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			et := f.Type
			if et.Kind() == reflect.Pointer {
				et = et.Elem()
			}
			if et.Kind() == reflect.Struct {
				sb.fields(et, props, required)
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		s := sb.of(f.Type)
		if strings.Contains(opts, "string") {
			s = map[string]any{"type": "string"}
		}
		props[name] = s
		if !sb.request && !strings.Contains(opts, "omitempty") && !strings.Contains(opts, "omitzero") {
			*required = append(*required, name)
		}
	}
}

func nullable(s map[string]any) map[string]any {
	if _, ok := s["$ref"]; ok || len(s) == 0 {
		if len(s) == 0 {
			return s
		}
		return map[string]any{"anyOf": []any{s, map[string]any{"type": "null"}}}
	}
	out := map[string]any{}
	for k, v := range s {
		out[k] = v
	}
	switch tt := s["type"].(type) {
	case string:
		out["type"] = []string{tt, "null"}
	case []string:
		if !slices.Contains(tt, "null") {
			out["type"] = append(slices.Clone(tt), "null")
		}
	}
	return out
}

// apiDocState is the lazily built document, kept on the Handler.
type apiDocState struct {
	apiDocOnce sync.Once
	apiDocJSON map[string]any
}

// apiDocsCSP is the site's policy with inline style attributes allowed, which Swagger UI sets;
// scripts stay same-origin only.
const apiDocsCSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; " +
	"base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

// pageAPIDocs renders the OpenAPI document with the vendored Swagger UI.
func (h *Handler) pageAPIDocs(c *fiber.Ctx) error {
	if err := h.render(c, fiber.StatusOK, "ops/apidocs", &Page{}); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentSecurityPolicy, apiDocsCSP)
	return nil
}
