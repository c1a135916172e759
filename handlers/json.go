package handlers

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"reflect"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// pageInfo is the "page" member of a list answer. Total is omitted where the store cannot count
// cheaply (the audit log).
type pageInfo struct {
	Next  string `json:"next"`
	Total *int   `json:"total,omitempty"`
}

// sendData answers {"data": v}.
func sendData(c *fiber.Ctx, status int, v any) error {
	return c.Status(status).JSON(fiber.Map{"data": v})
}

// sendList answers {"data": [...], "page": {"next", "total"}}; a negative total is unknown.
// A nil slice is sent as [] so clients never see null for a list.
func sendList[T any](c *fiber.Ctx, items []T, next string, total int) error {
	if items == nil {
		items = []T{}
	}
	p := pageInfo{Next: next}
	if total >= 0 {
		p.Total = &total
	}
	return c.Status(fiber.StatusOK).JSON(fiber.Map{"data": items, "page": p})
}

// decodeJSON reads the request body into dst strictly: it must be one JSON value, with no field
// dst does not know. What cannot be read is a 400 naming the field; validation of the values
// of meaning (422) is the caller's; shape rules in `validate` tags are checked here (validate.go).
func decodeJSON(c *fiber.Ctx, dst any) error {
	if ct := c.Get(fiber.HeaderContentType); ct != "" {
		// Requiring a JSON type keeps cross-site HTML forms, which cannot send one, out of the API.
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || (mt != fiber.MIMEApplicationJSON && !strings.HasSuffix(mt, "+json")) {
			return badRequest("body", "json_content_type")
		}
	}
	body := bytes.TrimSpace(c.Body())
	if len(body) == 0 || bytes.Equal(body, []byte("null")) {
		return badRequest("body", "required")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return decodeError(err, body, dst)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return badRequest("body", "json_malformed")
	}
	return checkShape(dst)
}

// decodeError turns an encoding/json error into a 400 on the field it concerns. Syntax errors
// concern the whole body; other failures are looked up in the body (json_locate.go), because
// encoding/json names neither a time it could not parse nor the path of a nested unknown field.
func decodeError(err error, body []byte, dst any) error {
	var se *json.SyntaxError
	if errors.As(err, &se) || errors.Is(err, io.ErrUnexpectedEOF) {
		return badRequest("body", "json_malformed")
	}
	if f, ok := locateDecodeError(body, reflect.TypeOf(dst)); ok {
		return badRequest(f.field, f.key)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		field := te.Field
		if field == "" {
			field = "body"
		}
		return badRequest(field, "json_type")
	}
	// encoding/json reports unknown fields only as text: `json: unknown field "name"`.
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return badRequest(strings.Trim(name, `"`), "json_unknown_field")
	}
	return badRequest("body", "json_malformed")
}
