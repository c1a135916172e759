package handlers

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// encoding/json names the field of a type mismatch, but not of a value its own UnmarshalJSON
// refused (a time that is not RFC 3339) nor the place of an unknown field inside a nested object
// ("x" rather than "contact.x"). locateDecodeError walks the body against the destination type
// to find that place, so the client is told which field to fix instead of "malformed JSON".

var (
	jsonUnmarshalerType = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// fieldKeyError is returned by an UnmarshalJSON that knows the message key of its refusal.
type fieldKeyError string

func (e fieldKeyError) Error() string { return "invalid value: " + string(e) }

// fieldFault is where a body that is valid JSON failed to decode, and why.
type fieldFault struct {
	field string // JSON path as the validators write it: "sessions[0].startsAt"
	key   string // errors.field.* message key
}

// locateDecodeError returns the first value of body (in document order) that cannot be decoded
// into a value of type t, or ok false when none can be singled out.
func locateDecodeError(body []byte, t reflect.Type) (fieldFault, bool) {
	return locate(body, t, "", 0)
}

// maxLocateDepth bounds the walk, which follows the destination type (a few levels for every
// input), should a self-referencing type ever be decoded.
const maxLocateDepth = 64

func locate(raw []byte, t reflect.Type, path string, depth int) (fieldFault, bool) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	raw = bytes.TrimSpace(raw)
	if depth > maxLocateDepth || bytes.Equal(raw, []byte("null")) {
		return fieldFault{}, false
	}
	if reflect.PointerTo(t).Implements(jsonUnmarshalerType) || reflect.PointerTo(t).Implements(textUnmarshalerType) {
		if err := json.Unmarshal(raw, reflect.New(t).Interface()); err != nil {
			return unmarshalerFault(path, raw, err), true
		}
		return fieldFault{}, false
	}
	switch t.Kind() {
	case reflect.Struct:
		return locateInObject(raw, path, depth, func(name string) (reflect.Type, bool) { return structField(t, name) })
	case reflect.Map:
		return locateInObject(raw, path, depth, func(string) (reflect.Type, bool) { return t.Elem(), true })
	case reflect.Slice, reflect.Array:
		var items []json.RawMessage
		if err := json.Unmarshal(raw, &items); err != nil {
			return fieldFault{field: orBody(path), key: "json_type"}, true
		}
		for i, it := range items {
			if f, ok := locate(it, t.Elem(), path+"["+strconv.Itoa(i)+"]", depth+1); ok {
				return f, true
			}
		}
		return fieldFault{}, false
	}
	if err := json.Unmarshal(raw, reflect.New(t).Interface()); err != nil {
		return fieldFault{field: orBody(path), key: "json_type"}, true
	}
	return fieldFault{}, false
}

// locateInObject walks the members of a JSON object in document order; fieldType gives the type
// of a member, false for a member the destination does not know.
func locateInObject(raw []byte, path string, depth int, fieldType func(string) (reflect.Type, bool)) (fieldFault, bool) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return fieldFault{field: orBody(path), key: "json_type"}, true
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return fieldFault{}, false
		}
		name, _ := tok.(string)
		var val json.RawMessage
		if err := dec.Decode(&val); err != nil {
			return fieldFault{}, false
		}
		sub := name
		if path != "" {
			sub = path + "." + name
		}
		ft, ok := fieldType(name)
		if !ok {
			return fieldFault{field: sub, key: "json_unknown_field"}, true
		}
		if f, ok := locate(val, ft, sub, depth+1); ok {
			return f, true
		}
	}
	return fieldFault{}, false
}

// structField finds the field of t that encoding/json would fill from the member name: an exact
// tag or name match first, then a case-insensitive one, looking into embedded structs.
func structField(t reflect.Type, name string) (reflect.Type, bool) {
	var fold reflect.Type
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		tag, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if tag == "-" || (!sf.IsExported() && !sf.Anonymous) {
			continue
		}
		if sf.Anonymous && tag == "" {
			et := sf.Type
			if et.Kind() == reflect.Pointer {
				et = et.Elem()
			}
			if et.Kind() == reflect.Struct {
				if ft, ok := structField(et, name); ok {
					return ft, true
				}
				continue
			}
		}
		jn := tag
		if jn == "" {
			jn = sf.Name
		}
		if jn == name {
			return sf.Type, true
		}
		if fold == nil && strings.EqualFold(jn, name) {
			fold = sf.Type
		}
	}
	return fold, fold != nil
}

// unmarshalerFault names what a type's own decoder refused. Decoders that decode an inner
// struct (domain.Attendee) pass encoding/json's errors through, which name the inner field.
func unmarshalerFault(path string, raw []byte, err error) fieldFault {
	var fk fieldKeyError
	if errors.As(err, &fk) {
		return fieldFault{field: orBody(path), key: string(fk)} // the type's own message key
	}
	var pe *time.ParseError
	if errors.As(err, &pe) {
		return fieldFault{field: orBody(path), key: "event_time_format"} // "is not a valid time"
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fieldFault{field: joinPath(path, te.Field), key: "json_type"}
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return fieldFault{field: joinPath(path, strings.Trim(name, `"`)), key: "json_unknown_field"}
	}
	if len(raw) > 0 && raw[0] != '"' {
		return fieldFault{field: orBody(path), key: "json_type"} // a time given as a number
	}
	return fieldFault{field: orBody(path), key: "invalid"}
}

func joinPath(path, field string) string {
	switch {
	case field == "":
		return orBody(path)
	case path == "":
		return field
	}
	return path + "." + field
}

func orBody(path string) string {
	if path == "" {
		return "body"
	}
	return path
}
