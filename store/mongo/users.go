package mongo

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/bson"
	driver "go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"

	"duijie/domain"
	"duijie/store"
)

const usersColl = "users"

// userEmail is the unique key of users.
func userEmail(d *userDoc) unique { return unique{"email_1", "email", "email", d.Email} }

func userIndexes() []driver.IndexModel {
	return []driver.IndexModel{
		index(true, "email"),
		index(false, "enterpriseId"),
		index(false, "role", "-createdAt"),
		index(false, "-createdAt"),
	}
}

type userDoc struct {
	ID           string    `bson:"_id"`
	Email        string    `bson:"email"`
	Name         string    `bson:"name"`
	PasswordHash string    `bson:"passwordHash"`
	Role         string    `bson:"role"`
	Clusters     []string  `bson:"clusters"`
	EnterpriseID string    `bson:"enterpriseId"`
	Locale       string    `bson:"locale"`
	Disabled     bool      `bson:"disabled"`
	CreatedAt    time.Time `bson:"createdAt"`
	UpdatedAt    time.Time `bson:"updatedAt"`
}

func toUserDoc(u *domain.User) *userDoc {
	return &userDoc{
		ID: u.ID, Email: u.Email, Name: u.Name, PasswordHash: u.PasswordHash, Role: string(u.Role),
		Clusters: list(u.Clusters), EnterpriseID: u.EnterpriseID, Locale: u.Locale,
		Disabled: u.Disabled, CreatedAt: instant(u.CreatedAt), UpdatedAt: instant(u.UpdatedAt),
	}
}

func (d *userDoc) user() domain.User {
	return domain.User{
		ID: d.ID, Email: d.Email, Name: d.Name, PasswordHash: d.PasswordHash, Role: domain.Role(d.Role),
		Clusters: list(d.Clusters), EnterpriseID: d.EnterpriseID, Locale: d.Locale,
		Disabled: d.Disabled, CreatedAt: d.CreatedAt, UpdatedAt: d.UpdatedAt,
	}
}

func (d *userDoc) userPtr() *domain.User { u := d.user(); return &u }

type userRepo struct{ c *driver.Collection }

func (r userRepo) Create(ctx context.Context, u *domain.User) error {
	stamp(&u.ID, &u.CreatedAt, &u.UpdatedAt)
	d := toUserDoc(u)
	if err := insert(ctx, r.c, d.ID, d, "create user", userEmail(d)); err != nil {
		return err
	}
	*u = d.user()
	return nil
}

func (r userRepo) Get(ctx context.Context, id string) (*domain.User, error) {
	return findOne(ctx, r.c, idFilter(id), "user "+id, (*userDoc).userPtr)
}

func (r userRepo) GetByEmail(ctx context.Context, email string) (*domain.User, error) {
	return findOne(ctx, r.c, bson.D{{Key: "email", Value: email}}, "user by email", (*userDoc).userPtr)
}

func (r userRepo) Update(ctx context.Context, u *domain.User) error {
	d := toUserDoc(u)
	if err := replace(ctx, r.c, u.ID, d, "update user "+u.ID, userEmail(d)); err != nil {
		return err
	}
	*u = d.user()
	return nil
}

func (r userRepo) List(ctx context.Context, role domain.Role, page store.Page) ([]domain.User, string, error) {
	filter := bson.D{}
	if role != "" {
		filter = bson.D{{Key: "role", Value: string(role)}}
	}
	users, cursor, _, err := findPage(ctx, listing{c: r.c, filter: filter, sort: order("createdAt", -1)}, page,
		(*userDoc).user)
	return users, cursor, err
}

func (r userRepo) ByEnterprise(ctx context.Context, enterpriseID string) ([]domain.User, error) {
	if enterpriseID == "" { // users without an enterprise are no enterprise's members
		return []domain.User{}, nil
	}
	return findAll(ctx, r.c, bson.D{{Key: "enterpriseId", Value: enterpriseID}},
		options.Find().SetSort(order("createdAt", 1)),
		(*userDoc).user)
}

func (r userRepo) Count(ctx context.Context) (int, error) {
	n, err := r.c.CountDocuments(ctx, bson.D{})
	if err != nil {
		return 0, fmt.Errorf("mongodb: count users: %w", err)
	}
	return int(n), nil
}
