package domain

import (
	"strings"
	"testing"
	"time"
)

func TestLeadRefKey(t *testing.T) {
	for _, tc := range []struct {
		name string
		l    Lead
		want string
	}{
		{"no ref", Lead{BuyerEnterpriseID: "e1"}, ""},
		{"registered buyer", Lead{BuyerEnterpriseID: "e1", BuyerName: "甲", Ref: "PO-7"}, "e1\x1fPO-7"},
		{"outside buyer folds case and spaces", Lead{BuyerName: "  Nordic   Energy AB ", Ref: "PO-7"}, "name:nordic energy ab\x1fPO-7"},
	} {
		if got := tc.l.RefKey(); got != tc.want {
			t.Errorf("%s: RefKey = %q, want %q", tc.name, got, tc.want)
		}
	}
	if LeadRefProblem(strings.Repeat("x", MaxLeadRefLength+1)) != "too_long" || LeadRefProblem("") != "" {
		t.Error("ref length rule")
	}
}

func TestReimport(t *testing.T) {
	t0 := time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC)
	now := t0.Add(48 * time.Hour)
	opened := t0.Add(time.Hour)
	stored := Lead{ID: "L1", Title: "old", PostedBy: "u1", CreatedAt: t0, UpdatedAt: t0, Status: LeadOpen, OpenedAt: &opened, Ref: "PO-7"}
	row := Lead{ID: "new", Title: "new title", Quantity: 5, PostedBy: "u2", CreatedAt: now, Status: LeadOpen, OpenedAt: &now, Ref: "PO-7"}
	got := Reimport(stored, row, now)
	if got.ID != "L1" || got.PostedBy != "u1" || !got.CreatedAt.Equal(t0) || !got.UpdatedAt.Equal(now) {
		t.Errorf("identity not kept: %+v", got)
	}
	if got.Title != "new title" || got.Quantity != 5 {
		t.Errorf("content not replaced: %+v", got)
	}
	if got.OpenedAt != &opened {
		t.Errorf("an open lead was re-opened at %v", got.OpenedAt)
	}
	closed := stored
	closed.Status, closed.Outcome = LeadClosed, "won"
	if got := Reimport(closed, row, now); got.Status != LeadClosed || got.Outcome != "won" {
		t.Errorf("a closed lead changed status: %s %s", got.Status, got.Outcome)
	}
	draft := stored
	draft.Status, draft.OpenedAt = LeadDraft, nil
	if got := Reimport(draft, row, now); got.Status != LeadOpen || got.OpenedAt == nil || !got.OpenedAt.Equal(now) {
		t.Errorf("a draft the row asks open stayed %s", got.Status)
	}
	row.Status, row.OpenedAt = LeadDraft, nil
	if got := Reimport(stored, row, now); got.Status != LeadOpen {
		t.Errorf("an open lead went back to %s", got.Status)
	}
}
