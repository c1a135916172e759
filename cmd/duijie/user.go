package main

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"duijie/domain"
	"duijie/service/accounts"
	"duijie/store"
)

func runUser(ctx context.Context, c *cli, args []string) error {
	if len(args) > 0 && args[0] == "add" {
		return runUserAdd(ctx, c, args[1:])
	}
	f := newFlags("user", "add [flags]", "Manages accounts. Subcommands:\n  add   create an admin, organiser or member")
	if err := f.parse(c, args, true); err != nil {
		return err
	}
	if f.NArg() == 0 {
		return usagef("user", "missing subcommand (add)")
	}
	return usagef("user", "unknown subcommand %q", f.Arg(0))
}

func runUserAdd(ctx context.Context, c *cli, args []string) error {
	f := newFlags("user add", "--email E --password P --role admin|organiser|member [--enterprise ID] [--clusters L1,A5] [--name N]",
		"Creates an account. Organisers and admins are created only here or by an admin in the web app.\n"+
			"An organiser needs --clusters (codes or names); a member needs --enterprise (its ID).")
	email := f.String("email", "", "sign-in address (required)")
	password := f.String("password", "", fmt.Sprintf("password, at least %d characters (required)", domain.MinPasswordLength))
	role := f.String("role", "", "admin, organiser or member (required)")
	enterprise := f.String("enterprise", "", "ID of the member's enterprise")
	clusters := f.String("clusters", "", "comma-separated clusters an organiser runs, e.g. L1,A5")
	name := f.String("name", "", "display name (default: the part of the email before @)")
	f.withConfig()
	if err := f.parse(c, args, false); err != nil {
		return err
	}
	u, err := newUserFromFlags(*email, *password, *role, *enterprise, *clusters, *name)
	if err != nil {
		return err
	}
	cfg, err := f.loadConfig(c)
	if err != nil {
		return err
	}
	st, err := openSeeded(ctx, cfg)
	if err != nil {
		return err
	}
	defer closeStore(st, nil)
	if err := addUser(ctx, st, u, *password); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "Created %s %s (id %s)\n", u.Role, u.Email, u.ID)
	return nil
}

// newUserFromFlags checks the command line alone; what needs the database is checked in addUser.
func newUserFromFlags(email, password, role, enterprise, clusters, name string) (*domain.User, error) {
	const cmd = "user add"
	for _, req := range []struct{ flag, value string }{{"email", email}, {"password", password}, {"role", role}} {
		if strings.TrimSpace(req.value) == "" {
			return nil, usagef(cmd, "--%s is required", req.flag)
		}
	}
	u := &domain.User{Email: domain.NormalizeEmail(email), Role: domain.Role(strings.ToLower(role)), Clusters: []string{}}
	if domain.EmailProblem(u.Email) != "" {
		return nil, usagef(cmd, "--email %q is not a valid address", email)
	}
	switch domain.PasswordProblem(password) {
	case "":
	case "password_short":
		return nil, usagef(cmd, "--password must have at least %d characters", domain.MinPasswordLength)
	default:
		return nil, usagef(cmd, "--password is too long (at most 256 bytes)")
	}
	if !u.Role.Valid() {
		return nil, usagef(cmd, "--role %q: want admin, organiser or member", role)
	}
	for _, cl := range strings.Split(clusters, ",") {
		if cl = strings.TrimSpace(cl); cl != "" {
			u.Clusters = append(u.Clusters, cl)
		}
	}
	switch {
	case u.Role == domain.RoleOrganiser && len(u.Clusters) == 0:
		return nil, usagef(cmd, "--clusters is required for an organiser")
	case u.Role != domain.RoleOrganiser && len(u.Clusters) > 0:
		return nil, usagef(cmd, "--clusters applies to organisers only")
	case u.Role == domain.RoleMember && enterprise == "":
		return nil, usagef(cmd, "--enterprise is required for a member")
	case u.Role != domain.RoleMember && enterprise != "":
		return nil, usagef(cmd, "--enterprise applies to members only")
	case enterprise != "" && !domain.ValidID(enterprise):
		return nil, usagef(cmd, "--enterprise %q: want an enterprise ID (24 hex digits)", enterprise)
	}
	u.EnterpriseID = enterprise
	u.Name = strings.TrimSpace(name)
	if u.Name == "" {
		u.Name = u.Email[:strings.IndexByte(u.Email, '@')]
	}
	return u, nil
}

// addUser stores the user through the accounts service, the same path the admin pages take,
// and words its refusals as one line for the terminal.
func addUser(ctx context.Context, st *store.Store, u *domain.User, password string) error {
	svc := accounts.New(st, nil, nil, nil)
	created, err := svc.Create(ctx, accounts.CLI, accounts.NewUser{Email: u.Email, Password: password, Name: u.Name,
		Role: u.Role, Clusters: u.Clusters, EnterpriseID: u.EnterpriseID, Locale: "zh-CN"})
	var ve *domain.ValidationError
	switch {
	case err == nil:
		*u = *created
		return nil
	case errors.Is(err, domain.ErrConflict):
		return fmt.Errorf("a user with email %s already exists", u.Email)
	case errors.As(err, &ve):
		if p, ok := ve.Fields["clusters"]; ok && p.Key == "cluster_unknown" && len(p.Args) > 0 {
			all, lerr := st.Clusters.List(ctx)
			if lerr != nil {
				return fmt.Errorf("list clusters: %w", lerr)
			}
			return fmt.Errorf("unknown cluster %q (known: %s)", p.Args[0], clusterCodes(all))
		}
		if _, ok := ve.Fields["enterpriseId"]; ok {
			return fmt.Errorf("enterprise %s does not exist", u.EnterpriseID)
		}
		return fmt.Errorf("invalid user: %w", err)
	default:
		return fmt.Errorf("create user: %w", err)
	}
}

func clusterCodes(cs []domain.Cluster) string {
	codes := make([]string, len(cs))
	for i, c := range cs {
		codes[i] = c.Code
	}
	sort.Strings(codes)
	return strings.Join(codes, ", ")
}
