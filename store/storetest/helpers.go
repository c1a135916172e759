package storetest

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"duijie/domain"
)

// Ms is t as an engine gives it back: UTC, truncated to the millisecond.
func Ms(t time.Time) time.Time { return t.UTC().Truncate(time.Millisecond) }

func msPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	m := Ms(*t)
	return &m
}

// list makes nil and empty slices compare equal.
func list[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// NewUser returns a valid, unsaved user numbered i; emails are unique per i.
func NewUser(i int, role domain.Role) *domain.User {
	now := Ms(time.Now())
	return &domain.User{
		Email:        fmt.Sprintf("user%d@example.test", i),
		Name:         fmt.Sprintf("用户%d", i),
		PasswordHash: "$argon2id$v=19$m=65536,t=1,p=2$c2FsdA$aGFzaA",
		Role:         role,
		Clusters:     []string{},
		Locale:       "zh-CN",
		CreatedAt:    now,
		UpdatedAt:    now,
	}
}

// NewEnterprise returns a valid, unsaved enterprise numbered i with a valid USCC unique per i
// (i < 10^7).
func NewEnterprise(i int) *domain.Enterprise {
	now := Ms(time.Now())
	return &domain.Enterprise{
		Name:           fmt.Sprintf("无锡测试企业%04d有限公司", i),
		USCC:           domain.CompleteUSCC(fmt.Sprintf("91320214MA%07d", i)),
		Clusters:       []string{"L1"},
		IndustryCodes:  []string{"C3973"},
		HSCodes:        []string{"854231"},
		Products:       []string{fmt.Sprintf("产品%d", i)},
		Description:    "测试用企业",
		Certifications: []string{"ISO9001"},
		Region:         "320214",
		Tier:           domain.TierBackbone,
		Scale:          domain.ScaleSmall,
		ExportMarkets:  []string{"EU"},
		Contact:        domain.Contact{Name: "张三", Email: fmt.Sprintf("contact%d@example.test", i), Phone: "13800000000"},
		Status:         domain.EnterpriseActive,
		CreatedAt:      now,
		UpdatedAt:      now,
	}
}

// NewCluster returns a valid, unsaved cluster.
func NewCluster(code string, sortOrder int) *domain.Cluster {
	return &domain.Cluster{
		Code:          code,
		Tier:          domain.TierLandmark,
		NameZh:        "集群" + code,
		NameEn:        "Cluster " + code,
		IndustryCodes: []string{"C39"},
		SortOrder:     sortOrder,
		UpdatedAt:     Ms(time.Now()),
	}
}

// MustNotFound fails t unless err is domain.ErrNotFound.
func MustNotFound(t *testing.T, err error, what string) {
	t.Helper()
	if !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("%s: err = %v, want domain.ErrNotFound", what, err)
	}
}

// MustConflict fails t unless err is a *domain.ConflictError on field.
func MustConflict(t *testing.T, err error, field, what string) {
	t.Helper()
	var ce *domain.ConflictError
	if !errors.As(err, &ce) {
		t.Fatalf("%s: err = %v, want *domain.ConflictError on %q", what, err, field)
	}
	if ce.Field != field {
		t.Fatalf("%s: conflict on %q, want %q", what, ce.Field, field)
	}
	if !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("%s: %v does not unwrap to domain.ErrConflict", what, err)
	}
}

// MustInvalid fails t unless err is a *domain.ValidationError naming field.
func MustInvalid(t *testing.T, err error, field, what string) {
	t.Helper()
	var ve *domain.ValidationError
	if !errors.As(err, &ve) || !ve.Has(field) {
		t.Fatalf("%s: err = %v, want a validation error on %q", what, err, field)
	}
}

// Must fails t on a non-nil err.
func Must(t *testing.T, err error, what string) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// walk pages through a listing with limit per page until the cursor runs out and returns the
// IDs in order. It fails if a page is larger than limit or the walk does not end.
func walk(t *testing.T, limit int, page func(cursor string) (ids []string, next string, err error)) []string {
	t.Helper()
	var all []string
	cursor := ""
	for n := 0; ; n++ {
		if n > 1000 {
			t.Fatal("paging never ends")
		}
		ids, next, err := page(cursor)
		Must(t, err, "list page")
		if len(ids) > limit {
			t.Fatalf("page has %d rows, limit %d", len(ids), limit)
		}
		all = append(all, ids...)
		if next == "" {
			return all
		}
		if len(ids) == 0 {
			t.Fatal("empty page with a next cursor")
		}
		cursor = next
	}
}

// same fails t unless got and want are deeply equal.
func same(t *testing.T, what string, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s:\n got  %+v\n want %+v", what, got, want)
	}
}

// sameAs makes the check that a record came back as it went in: got and want must be deeply
// equal once norm has put both in the form every engine gives back.
func sameAs[T any](norm func(T) T) func(t *testing.T, what string, got, want *T) {
	return func(t *testing.T, what string, got, want *T) {
		t.Helper()
		same(t, what, norm(*got), norm(*want))
	}
}

// sameIDs fails t unless got equals want in order.
func sameIDs(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Fatalf("%s:\n got  %v\n want %v", what, got, want)
	}
}
