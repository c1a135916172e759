package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"duijie/domain"
	"duijie/locales"
	"duijie/matchsvc"
)

func runMatch(ctx context.Context, c *cli, args []string) error {
	f := newFlags("match", "LEAD_ID [--limit N] [--lang zh-CN|en] | --all-open",
		"Ranks the suppliers for a lead over the current profiles and prints each with its score and\n"+
			"why it fits: the factors with their contributions and the matched terms. Matches already\n"+
			"stored show their status. Nothing is changed.\n"+
			"With --all-open instead of a lead, ranks every open lead again and stores its matches, as\n"+
			"opening it does (after importing profiles, for instance).")
	limit := f.Int("limit", matchsvc.DefaultLimit, fmt.Sprintf("how many suppliers to print, 1 to %d", matchsvc.MaxLimit))
	lang := f.String("lang", locales.Default, "language of the explanations: zh-CN or en")
	allOpen := f.Bool("all-open", false, "store the matches of every open lead instead of printing one ranking")
	f.withConfig()
	// The lead ID may come before or after the flags.
	var id string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		id, args = args[0], args[1:]
	}
	if err := f.parse(c, args, true); err != nil {
		return err
	}
	if id == "" && f.NArg() > 0 {
		id = f.Arg(0)
	} else if f.NArg() > 0 {
		return usagef("match", "unexpected argument %q", f.Arg(0))
	}
	switch {
	case *allOpen && id != "":
		return usagef("match", "give a LEAD_ID or --all-open, not both")
	case id == "" && !*allOpen:
		return usagef("match", "missing LEAD_ID")
	case *limit < 1 || *limit > matchsvc.MaxLimit:
		return usagef("match", "--limit must be between 1 and %d", matchsvc.MaxLimit)
	case *lang != "zh-CN" && *lang != "en":
		return usagef("match", "--lang must be zh-CN or en")
	}
	cfg, err := f.loadConfig(c)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer closeStore(st, nil)
	svc := matchsvc.New(st, matchsvc.Config{Logger: newLogger(cfg, c)})
	if err := svc.Start(ctx); err != nil {
		return err
	}
	if *allOpen {
		n, err := svc.RematchOpen(ctx)
		if err != nil {
			return fmt.Errorf("match: %w", err)
		}
		fmt.Fprintf(c.stdout, "%d open leads ranked; %d new matches stored.\n", svc.Engine().OpenLeads(), n)
		return nil
	}
	// The operator sees what an admin sees.
	operator := &domain.User{ID: "cli", Role: domain.RoleAdmin}
	ms, l, err := svc.ForLead(ctx, operator, id, *limit)
	if errors.Is(err, domain.ErrNotFound) {
		return fmt.Errorf("match: no lead %s", id)
	}
	if err != nil {
		return fmt.Errorf("match: %w", err)
	}
	printRanking(c.stdout, svc, l, ms, *lang)
	return nil
}

// printRanking writes a lead and its ranked suppliers, each with its explanation.
func printRanking(w io.Writer, svc *matchsvc.Service, l *domain.Lead, ms []domain.Match, lang string) {
	fmt.Fprintf(w, "%s  %s\n", l.ID, l.Title)
	fmt.Fprintf(w, "status %s · clusters %s · buyer %s\n", l.Status, strings.Join(l.Clusters, ","), l.BuyerName)
	if len(ms) == 0 {
		fmt.Fprintln(w, "No supplier matches this lead.")
		return
	}
	fmt.Fprintf(w, "\n%4s  %8s  %-11s  %s\n", "rank", "score", "status", "supplier")
	for _, m := range ms {
		status := string(m.Status)
		if status == "" {
			status = "candidate"
		}
		fmt.Fprintf(w, "%4d  %8.3f  %-11s  %s  (%s)\n", m.Rank, m.Score, status, m.EnterpriseName, m.EnterpriseID)
		fmt.Fprintf(w, "%27s %s\n", "", svc.Explain(m.Explanation, lang))
		var parts []string
		for _, f := range m.Explanation.Factors {
			p := fmt.Sprintf("%s %+.3f", f.Name, f.Contribution)
			if f.Detail != "" {
				p += " [" + f.Detail + "]"
			}
			parts = append(parts, p)
		}
		if len(parts) > 0 {
			fmt.Fprintf(w, "%27s %s\n", "", strings.Join(parts, " · "))
		}
	}
}
