package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"duijie/domain"
	"duijie/store"
	"duijie/store/mongo"
	"duijie/store/sqlite"
)

func runMigrate(ctx context.Context, c *cli, args []string) error {
	f := newFlags("migrate", "--from sqlite --to mongodb",
		"Copies an embedded installation (DATA_DIR/duijie.db) to the MongoDB of MONGODB_URI and\n"+
			"MONGODB_DB, for when one machine is no longer enough. Stop duijie on the embedded database\n"+
			"first, so that the copy is of one moment.\n\n"+
			"Copied, IDs kept: clusters, enterprises, users, API tokens, the audit log, events with their\n"+
			"agendas and recorded changes, registrations (status, waitlist order, offers, check-in codes;\n"+
			"seat counts recomputed), check-in scans, calendar feed tokens, leads, matches, meetings with\n"+
			"their windows and opt-ins, campaign targets, mail preferences with their unsubscribe links,\n"+
			"the mail outbox (its keys stop reminders and digests already sent from going out again;\n"+
			"pending mail is sent from MongoDB), triage lessons, suppliers' quotes (with their revision),\n"+
			"buyers' shortlists, the items of members' instant mails, business licences, and\n"+
			"password-reset and invitation links.\n"+
			"Not copied: sessions (people sign in again), job leases, job run history and job checkpoints\n"+
			"(jobs start afresh; the outbox keeps them from sending twice) and sign-in failure counters;\n"+
			"the campaign's running totals are recounted from the copied records.\n\n"+
			"Records the destination already has are skipped, so an interrupted run can simply be\n"+
			"repeated; each step prints how many it copied and how many were already there.")
	from := f.String("from", "", "source engine: sqlite")
	to := f.String("to", "", "destination engine: mongodb")
	f.withConfig()
	if err := f.parse(c, args, false); err != nil {
		return err
	}
	if *from != "sqlite" || *to != "mongodb" {
		return usagef("migrate", "only --from sqlite --to mongodb is supported")
	}
	cfg, err := f.loadConfig(c)
	if err != nil {
		return err
	}
	if cfg.MongoURI == "" {
		return errors.New("migrate: set MONGODB_URI (or --mongodb-uri) to the destination MongoDB")
	}
	path := filepath.Join(cfg.DataDir, sqliteFile)
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("migrate: no embedded database at %s (check DATA_DIR)", path)
	}
	src, err := sqlite.Open(path)
	if err != nil {
		return fmt.Errorf("migrate: open %s: %w", path, err)
	}
	defer closeStore(src, nil)
	dst, err := mongo.Open(ctx, cfg.MongoURI, cfg.MongoDB)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer closeStore(dst, nil)

	for _, step := range migrationSteps {
		n, err := step.copy(ctx, src, dst)
		if err != nil {
			return fmt.Errorf("migrate %s: %w", step.name, err)
		}
		fmt.Fprintf(c.stdout, tallyFormat, step.name, n.copied, n.skipped)
	}
	fmt.Fprint(c.stdout, "Not copied: sessions, job leases, job runs and checkpoints, sign-in failure counters.\n"+
		"Done. Start duijie with MONGODB_URI set to serve from MongoDB.\n")
	return nil
}

// tallyFormat is the line each step prints: name, copied, already there.
const tallyFormat = "%-16s %6d copied, %6d already there\n"

// tally counts one step's records.
type tally struct{ copied, skipped int }

// batch records a write of n records that stored created of them.
func (t *tally) batch(n, created int) {
	t.copied += created
	t.skipped += n - created
}

// add records the outcome of one write: a conflict means the destination has the record.
func (t *tally) add(err error) error {
	switch {
	case err == nil:
		t.copied++
	case errors.Is(err, domain.ErrConflict):
		t.skipped++
	default:
		return err
	}
	return nil
}

// migrationStep copies one kind of record. Steps run in order, referenced records first; a
// capability that adds a repository appends its step, which must skip what the destination
// already has so that a repeated run is harmless.
type migrationStep struct {
	name string
	copy func(ctx context.Context, src, dst *store.Store) (tally, error)
}

// migrationSteps copy everything durable. Not copied, by decision: sessions (people sign in
// again), job leases (taken afresh by the new instances), job runs (history of the old machine),
// job checkpoints (the digest job walks a period again and finds every member's digest already
// in the copied outbox), failure counters (a window of minutes) and the campaign's running
// totals (derived: the destination counts the copied records as they are written).
//
// The guard test (TestMigrateCoversEveryTable) holds every SQLite table to one of the two lists
// below: copied by a named step, or not copied with its reason.
var migrationSteps = []migrationStep{
	{"clusters", copyClusters},
	{"enterprises", copyEnterprises},
	{"users", copyUsers},
	{"api tokens", copyTokens},
	{"audit", copyAudit},
	{"events", copyEvents},
	{"event changes", copyEventChanges},
	{"registrations", copyRegistrations},
	{"check-ins", copyCheckins},
	{"calendar tokens", copyCalendarTokens},
	{"leads", copyLeads},
	{"matches", copyMatches},
	{"meetings", copyMeetings},
	{"campaign targets", copyCampaignTargets},
	{"preferences", copyPreferences},
	{"outbox", copyOutbox},
	{"triage lessons", copyTriage},
	{"quotes", copyQuotes},
	{"shortlists", copyShortlists},
	{"notices", copyNotices},
	{"licences", copyLicences},
	{"account links", copyAccountLinks},
}

// copiedTables names, for each SQLite table copied, the step that copies it (a table that indexes
// or belongs to another record travels with it).
var copiedTables = map[string]string{
	"clusters":            "clusters",
	"enterprises":         "enterprises",
	"enterprise_clusters": "enterprises", // the enterprise's cluster list, written with it
	"users":               "users",
	"api_tokens":          "api tokens",
	"audit":               "audit",
	"events":              "events",
	"event_changes":       "event changes",
	"registrations":       "registrations",
	"attendee_codes":      "registrations", // each attendee's code is in the registration; the destination indexes it
	"checkins":            "check-ins",
	"calendar_tokens":     "calendar tokens",
	"leads":               "leads",
	"lead_clusters":       "leads", // the lead's cluster list, written with it
	"matches":             "matches",
	"match_clusters":      "matches", // the match's cluster list, written with it
	"meetings":            "meetings",
	"meeting_windows":     "meetings", // copyMeetingSettings
	"meeting_optins":      "meetings", // copyMeetingSettings
	"meeting_claims":      "meetings", // Claim before Create
	"campaign_targets":    "campaign targets",
	"mail_preferences":    "preferences",
	"outbox":              "outbox",
	"outbox_bodies":       "outbox", // read whole by Get, restored with the message
	"triage_corrections":  "triage lessons",
	"triage_lessons_off":  "triage lessons",
	"quotes":              "quotes",
	"shortlists":          "shortlists",
	"notices":             "notices",
	"licences":            "licences",
	"account_links":       "account links",
}

// tablesNotCopied names the SQLite tables no step copies, with the reason.
var tablesNotCopied = map[string]string{
	"schema_migrations":     "bookkeeping of the SQLite schema itself; MongoDB has its indexes instead",
	"sessions":              "ephemeral: people sign in again",
	"job_leases":            "ephemeral: taken afresh by the new instances",
	"job_runs":              "history of the old machine's jobs",
	"job_checkpoints":       "ephemeral: the digest job walks a period again and finds each digest in the copied outbox",
	"limit_counters":        "ephemeral: failure counters of a window of minutes",
	"campaign_match_totals": "derived: the destination counts the copied matches as they are written",
	"campaign_lead_totals":  "derived: the destination counts the copied leads as they are written",
	"campaign_parts":        "derived: the destination counts the copied records as they are written",
	"campaign_firsts":       "derived: the destination counts the copied records as they are written",
	"campaign_scopes":       "derived: the destination registers an organiser's scope when the user is copied",
}

// migrationPage is the batch size of every step's reads.
const migrationPage = 500

func copyClusters(ctx context.Context, src, dst *store.Store) (tally, error) {
	var t tally
	all, err := src.Clusters.List(ctx)
	if err != nil {
		return t, err
	}
	for i := range all {
		if _, err := dst.Clusters.Get(ctx, all[i].Code); err == nil {
			t.skipped++
			continue
		} else if !errors.Is(err, domain.ErrNotFound) {
			return t, err
		}
		if err := t.add(dst.Clusters.Create(ctx, &all[i])); err != nil {
			return t, err
		}
	}
	return t, nil
}

func copyEnterprises(ctx context.Context, src, dst *store.Store) (tally, error) {
	var t tally
	err := each(enterprisesOf(ctx, src), func(e *domain.Enterprise) error {
		if _, err := dst.Enterprises.Get(ctx, e.ID); err == nil {
			t.skipped++
			return nil
		} else if !errors.Is(err, domain.ErrNotFound) {
			return err
		}
		return t.add(dst.Enterprises.Create(ctx, e))
	})
	return t, err
}

func copyUsers(ctx context.Context, src, dst *store.Store) (tally, error) {
	var t tally
	err := each(usersOf(ctx, src), func(u *domain.User) error {
		if _, err := dst.Users.Get(ctx, u.ID); err == nil {
			t.skipped++
			return nil
		} else if !errors.Is(err, domain.ErrNotFound) {
			return err
		}
		return t.add(dst.Users.Create(ctx, u))
	})
	return t, err
}

func copyTokens(ctx context.Context, src, dst *store.Store) (tally, error) {
	var t tally
	err := each(usersOf(ctx, src), func(u *domain.User) error {
		tokens, err := src.Tokens.ListByUser(ctx, u.ID)
		if err != nil || len(tokens) == 0 {
			return err
		}
		have, err := dst.Tokens.ListByUser(ctx, u.ID)
		if err != nil {
			return err
		}
		known := map[string]bool{}
		for _, h := range have {
			known[h.ID] = true
		}
		for i := range tokens {
			if known[tokens[i].ID] {
				t.skipped++
				continue
			}
			if err := t.add(dst.Tokens.Create(ctx, &tokens[i])); err != nil {
				return err
			}
		}
		return nil
	})
	return t, err
}

// copyAudit appends the entries the destination lacks. The log has no lookup by ID, so the
// destination's IDs are read first; the log is small next to the records it describes.
func copyAudit(ctx context.Context, src, dst *store.Store) (tally, error) {
	var t tally
	known := map[string]bool{}
	if err := each(auditOf(ctx, dst), func(e *domain.AuditEntry) error { known[e.ID] = true; return nil }); err != nil {
		return t, err
	}
	err := each(auditOf(ctx, src), func(e *domain.AuditEntry) error {
		if known[e.ID] {
			t.skipped++
			return nil
		}
		return t.add(dst.Audit.Append(ctx, e))
	})
	return t, err
}

// lister reads one page of a listing from cursor and returns the next cursor ("" at the end).
type lister[T any] func(cursor string) ([]T, string, error)

// each calls fn for every item of a paged listing.
func each[T any](list lister[T], fn func(*T) error) error {
	return eachPage(list, func(page []T) error {
		for i := range page {
			if err := fn(&page[i]); err != nil {
				return err
			}
		}
		return nil
	})
}

// eachPage calls fn with every page of a listing, the first one even when it is empty.
func eachPage[T any](list lister[T], fn func([]T) error) error {
	cursor := ""
	for {
		page, next, err := list(cursor)
		if err != nil {
			return err
		}
		if err := fn(page); err != nil {
			return err
		}
		if next == "" {
			return nil
		}
		cursor = next
	}
}

func usersOf(ctx context.Context, st *store.Store) lister[domain.User] {
	return func(cursor string) ([]domain.User, string, error) {
		return st.Users.List(ctx, "", store.Page{Limit: migrationPage, Cursor: cursor})
	}
}

func enterprisesOf(ctx context.Context, st *store.Store) lister[domain.Enterprise] {
	return func(cursor string) ([]domain.Enterprise, string, error) {
		page, next, _, err := st.Enterprises.List(ctx, store.EnterpriseFilter{}, store.Page{Limit: migrationPage, Cursor: cursor})
		return page, next, err
	}
}

func auditOf(ctx context.Context, st *store.Store) lister[domain.AuditEntry] {
	return func(cursor string) ([]domain.AuditEntry, string, error) {
		return st.Audit.List(ctx, "", store.Page{Limit: migrationPage, Cursor: cursor})
	}
}
