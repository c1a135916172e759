package handlers

import (
	"errors"
	"reflect"
	"strings"
	"sync"

	"github.com/go-playground/validator/v10"

	"duijie/domain"
)

// Shape rules (sizes, enumerations) sit on the input structs as `validate` tags and are checked by
// go-playground/validator right after decoding, so an oversized list or an unknown enumeration
// value is refused before any handler logic runs. Rules about meaning (a USCC's check character,
// an agenda overlap) stay in the domain package, where the pages and the importer share them.
var shapeValidator = sync.OnceValue(func() *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	// Report JSON names ("enterprise.uscc"), the names clients send, not Go field names.
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			return ""
		}
		return name
	})
	return v
})

// checkShape validates dst's `validate` tags and returns a 422 naming every refused field.
// Structs without tags pass untouched.
func checkShape(dst any) error {
	err := shapeValidator().Struct(dst)
	var fieldErrs validator.ValidationErrors
	if err == nil || !errors.As(err, &fieldErrs) {
		// InvalidValidationError means dst is not a struct (a map or slice body): nothing to check.
		return nil
	}
	v := &domain.ValidationError{}
	for _, fe := range fieldErrs {
		field := fe.Namespace()
		if _, rest, ok := strings.Cut(field, "."); ok {
			field = rest // drop the root struct's name
		}
		key, args := shapeProblem(fe)
		v.Add(field, key, args...)
	}
	return v.Err()
}

// shapeProblem turns one validator failure into a message key of errors.field.* and its arguments.
func shapeProblem(fe validator.FieldError) (string, []any) {
	isList := fe.Kind() == reflect.Slice || fe.Kind() == reflect.Map
	switch fe.Tag() {
	case "required":
		return "required", nil
	case "max", "lte":
		if isList {
			return "too_many", []any{paramInt(fe.Param())}
		}
		return "too_long", []any{paramInt(fe.Param())}
	case "oneof":
		return "one_of", []any{strings.ReplaceAll(fe.Param(), " ", ", ")}
	case "email":
		return "email_format", nil
	case "gte", "min":
		if fe.Param() == "0" {
			return "negative", nil
		}
		return "invalid", nil
	}
	return "invalid", nil
}

func paramInt(s string) int {
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			return n
		}
		n = n*10 + int(r-'0')
	}
	return n
}
