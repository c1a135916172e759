package mongo

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/bson"
	driver "go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"

	"duijie/domain"
)

const preferencesColl = "mail_preferences"

func preferenceIndexes() []driver.IndexModel {
	return []driver.IndexModel{
		index(true, "unsubscribeToken"),
		index(false, "digest", "_id"),
	}
}

// prefDoc is keyed by the user's ID: one record per user.
type prefDoc struct {
	UserID           string    `bson:"_id"`
	Digest           string    `bson:"digest"`
	Locale           string    `bson:"locale"`
	OptOut           []string  `bson:"optOut"`
	UnsubscribeToken string    `bson:"unsubscribeToken"`
	UpdatedAt        time.Time `bson:"updatedAt"`
}

func (d *prefDoc) prefs() domain.Preferences {
	out := make([]domain.MailKind, 0, len(d.OptOut))
	for _, k := range d.OptOut {
		out = append(out, domain.MailKind(k))
	}
	return domain.Preferences{UserID: d.UserID, Digest: domain.DigestFrequency(d.Digest), Locale: d.Locale,
		OptOut: out, UnsubscribeToken: d.UnsubscribeToken, UpdatedAt: d.UpdatedAt}
}

func (d *prefDoc) prefsPtr() *domain.Preferences { p := d.prefs(); return &p }

type preferenceRepo struct{ c *driver.Collection }

func (r preferenceRepo) Get(ctx context.Context, userID string) (*domain.Preferences, error) {
	return findOne(ctx, r.c, idFilter(userID), "preferences", (*prefDoc).prefsPtr)
}

func (r preferenceRepo) Put(ctx context.Context, p *domain.Preferences) error {
	if p.UpdatedAt.IsZero() {
		p.UpdatedAt = now()
	}
	opt := make([]string, 0, len(p.OptOut))
	for _, k := range p.OptOut {
		opt = append(opt, string(k))
	}
	d := &prefDoc{UserID: p.UserID, Digest: string(p.Digest), Locale: p.Locale, OptOut: opt,
		UnsubscribeToken: p.UnsubscribeToken, UpdatedAt: instant(p.UpdatedAt)}
	_, err := r.c.ReplaceOne(ctx, idFilter(d.UserID), d, options.Replace().SetUpsert(true))
	return writeErr(ctx, r.c, err, "save preferences", d.UserID,
		unique{"unsubscribeToken_1", "unsubscribeToken", "unsubscribeToken", d.UnsubscribeToken})
}

func (r preferenceRepo) ByToken(ctx context.Context, token string) (*domain.Preferences, error) {
	return findOne(ctx, r.c, bson.D{{Key: "unsubscribeToken", Value: token}}, "preferences", (*prefDoc).prefsPtr)
}

func (r preferenceRepo) ListDigest(ctx context.Context, f domain.DigestFrequency, after string, limit int) ([]domain.Preferences, error) {
	if limit <= 0 || limit > 1000 {
		limit = 1000
	}
	filter := bson.D{{Key: "digest", Value: string(f)}, {Key: "_id", Value: bson.D{{Key: "$gt", Value: after}}}}
	return findAll(ctx, r.c, filter,
		options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}).SetLimit(int64(limit)), (*prefDoc).prefs)
}
