// Package mongo is the MongoDB engine of the store, through the official v1 driver.
//
// It uses only what real MongoDB makes atomic and FerretDB v1 (the test fixture) can express,
// as docs/contract.md §Storage fixes: CRUD, conditional findOneAndUpdate, $inc/$set/$unset/$push/
// $pull/$addToSet, upserts, unique and compound indexes, bulk writes, $match/$sort/$skip/$limit/
// $unwind/$count, $project inclusion and $group with one $sum. Never transactions, change
// streams, $lookup, $facet, $expr, positional $ or $[], $push with $slice, $elemMatch on arrays
// of sub-documents, TTL indexes, $text or Decimal128. Correctness comes from atomic
// single-document operations and unique indexes, exactly as in the SQLite engine.
//
// Adding a repository: write one file (see tokens.go) with the bson document struct, the
// mapping functions to and from the domain type, the repo type, the collection name and its
// indexes; add the collection to schema below so that Open creates its indexes (idempotently);
// set the store.Store field in Open; run `go test ./store/mongo/...`.
package mongo

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	driver "go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"

	"duijie/store"
)

// Engine is the name the store reports in logs and /readyz.
const Engine = "mongodb"

// connectTimeout bounds the first ping, so a wrong URI fails the start in seconds rather than
// after the driver's 30 s server selection; serverSelectionTimeoutMS in the URI overrides it.
const connectTimeout = 3 * time.Second

// collection is one collection and the indexes Open makes sure it has.
type collection struct {
	name    string
	indexes []driver.IndexModel
}

// schema lists every collection with its indexes; Open creates the missing ones, so running it
// again (or on several instances at once) changes nothing.
var schema = []collection{
	{usersColl, userIndexes()},
	{sessionsColl, sessionIndexes()},
	{tokensColl, tokenIndexes()},
	{clustersColl, nil}, // _id is the cluster code
	{enterprisesColl, enterpriseIndexes()},
	{auditColl, auditIndexes()},
	// Events capability.
	{eventsColl, eventIndexes()},
	{eventChangesColl, eventChangeIndexes()},
	{registrationsColl, registrationIndexes()},
	{checkinsColl, checkinIndexes()},
	{calendarsColl, calendarIndexes()},
	{leadsColl, leadIndexes()},
	// Matching capability.
	{matchesColl, matchIndexes()},
	// Campaign capability: targets are keyed by year; the dashboard counts leads by openedAt.
	{campaignColl, nil},
	{leadsColl, campaignLeadIndexes()},
	// Jobs and mail capability; leases are keyed by job name and need no index.
	{leasesColl, nil},
	{jobRunsColl, jobRunIndexes()},
	{checkpointsColl, nil},
	{outboxColl, outboxIndexes()},
	{preferencesColl, preferenceIndexes()},
	// Meetings capability; quota counters are keyed by event and requester.
	{meetingsColl, meetingIndexes()},
	{meetingQuotasColl, nil},
	{meetingClaimsColl, meetingClaimIndexes()},
	{meetingWindowsColl, nil},
	{meetingOptinsColl, meetingOptinIndexes()},
	// Trust and accounts capability.
	{licencesColl, nil},
	{limitsColl, limitIndexes()},
	{accountLinksColl, accountLinkIndexes()},
	// Deal loop: the registration walk, instant notices, quotes, shortlists.
	{registrationsColl, registrationFeedIndexes()},
	{noticesColl, noticeIndexes()},
	{quotesColl, quoteIndexes()},
	{shortlistsColl, shortlistIndexes()},
	// Triage lessons; switched-off links are keyed by cluster and term.
	{triageCorrectionsColl, triageCorrectionIndexes()},
	{triageLessonsOffColl, nil},
	// Matching indexes follow profiles and leads in (updatedAt, _id) order.
	{enterprisesColl, syncIndexes()},
	{leadsColl, syncIndexes()},
}

// Open connects to the MongoDB at uri, checks it answers, creates the indexes of every
// collection in database dbName and returns the store.
func Open(ctx context.Context, uri, dbName string) (*store.Store, error) {
	if strings.TrimSpace(uri) == "" {
		return nil, errors.New("mongodb: empty connection URI")
	}
	if dbName == "" {
		return nil, errors.New("mongodb: empty database name")
	}
	opts := options.Client().ApplyURI(uri).SetAppName("duijie")
	if err := opts.Validate(); err != nil {
		return nil, fmt.Errorf("mongodb: invalid connection URI: %w", err)
	}
	client, err := driver.Connect(ctx, opts)
	if err != nil {
		return nil, fmt.Errorf("mongodb: connect to %s: %w", strings.Join(opts.Hosts, ","), err)
	}
	wait := connectTimeout
	if opts.ServerSelectionTimeout != nil {
		wait = *opts.ServerSelectionTimeout
	}
	pingCtx, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	if err := client.Ping(pingCtx, nil); err != nil {
		disconnect(client)
		return nil, fmt.Errorf("mongodb: no answer from %s within %s: %w",
			strings.Join(opts.Hosts, ","), wait, err)
	}
	db := client.Database(dbName)
	if err := backfillAttendeeCodes(ctx, db); err != nil {
		disconnect(client)
		return nil, err
	}
	if err := ensureIndexes(ctx, db); err != nil {
		disconnect(client)
		return nil, err
	}
	// Meetings placed before slot claims existed get theirs, so no booking sits on them.
	if _, clashed, err := newMeetingRepo(db).BackfillClaims(ctx); err != nil {
		disconnect(client)
		return nil, err
	} else if clashed > 0 {
		slog.Warn("meetings placed before slot claims share a slot with another meeting; left unclaimed",
			"meetings", clashed)
	}
	regs := registrationRepo{c: db.Collection(registrationsColl), events: db.Collection(eventsColl)}
	totals := newCampaignTotals(db) // the campaign's running totals follow these four repositories' writes
	// Organisers of several clusters stored before their scopes had totals get them (once).
	if err := totals.keepOrganiserScopes(ctx, true); err != nil {
		slog.Warn("organisers' campaign scopes not kept; their figures are counted from the clusters' parts", "err", err)
	}
	return &store.Store{
		Engine:      Engine,
		Users:       scopedUsers{userRepo{db.Collection(usersColl)}, totals}, // organisers' campaign scopes
		Sessions:    sessionRepo{db.Collection(sessionsColl)},
		Tokens:      tokenRepo{db.Collection(tokensColl)},
		Clusters:    clusterRepo{db.Collection(clustersColl)},
		Enterprises: enterpriseRepo{db.Collection(enterprisesColl)},
		Audit:       auditRepo{db.Collection(auditColl)},
		Health:      &health{client: client, db: db},
		// Events capability.
		Events:        totalsEvents{eventRepo{c: db.Collection(eventsColl), changes: db.Collection(eventChangesColl)}, totals},
		Registrations: totalsRegistrations{regs, totals},
		Checkins:      checkinRepo{c: db.Collection(checkinsColl), regs: regs},
		Calendars:     calendarRepo{db.Collection(calendarsColl)},
		Leads:         totalsLeads{leadRepo{db.Collection(leadsColl)}, totals},
		Matches:       totalsMatches{matchRepo{db.Collection(matchesColl)}, totals},
		Campaign:      newCampaignRepo(db, totals),
		// Jobs and mail capability.
		Leases:      leaseRepo{db.Collection(leasesColl)},
		JobRuns:     jobRunRepo{db.Collection(jobRunsColl)},
		Checkpoints: checkpointRepo{db.Collection(checkpointsColl)},
		Outbox:      outboxRepo{db.Collection(outboxColl)},
		Preferences: preferenceRepo{db.Collection(preferencesColl)},
		// Meetings capability.
		Meetings: newMeetingRepo(db),
		// Trust and accounts capability.
		Licences:     licenceRepo{db.Collection(licencesColl)},
		Limits:       limitRepo{db.Collection(limitsColl)},
		AccountLinks: accountLinkRepo{db.Collection(accountLinksColl)},
		// Deal loop capability.
		RegFeed:    registrationFeed{regs: regs},
		Notices:    noticeRepo{db.Collection(noticesColl)},
		Quotes:     quoteRepo{db.Collection(quotesColl)},
		Shortlists: shortlistRepo{db.Collection(shortlistsColl)},
		Triage:     triageRepo{db.Collection(triageCorrectionsColl), db.Collection(triageLessonsOffColl)},
	}, nil
}

func disconnect(c *driver.Client) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = c.Disconnect(ctx)
}
