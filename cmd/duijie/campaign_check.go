package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"duijie/domain"
	"duijie/service/campaign"
)

// runCampaignCheck is `duijie campaign-check [--year Y,…] [--repair]`: it recounts the campaign's
// figures from the records and compares them with the running totals the dashboard, the
// bulletin and its mail read; --repair recomputes the totals when they differ (on MongoDB, after
// a process stopped between a write and its totals).
func runCampaignCheck(ctx context.Context, c *cli, args []string) error {
	f := newFlags("campaign-check", "[--year 2026,2025] [--repair]",
		"Recounts each year's campaign figures (the whole programme, every cluster and every kept\n"+
			"organiser's scope of several clusters, the year and each month) from the records and lists\n"+
			"where the running totals differ. Exits non-zero when they do, unless --repair rebuilt them\n"+
			"(keeping every organiser's scope) and the recount then agrees.")
	years := f.String("year", "", "comma-separated years (default: this year and the year before)")
	repair := f.Bool("repair", false, "rebuild the running totals from the records when they differ")
	f.withConfig()
	if err := f.parse(c, args, false); err != nil {
		return err
	}
	cfg, err := f.loadConfig(c)
	if err != nil {
		return err
	}
	loc := cfg.DefaultTZ
	if loc == nil {
		loc, _ = domain.LoadZone(domain.DefaultTimezone)
	}
	this := time.Now().In(loc).Year()
	list := []int{this - 1, this}
	if *years != "" {
		list = nil
		for _, y := range strings.Split(*years, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(y))
			if err != nil || domain.ValidateCampaignYear(n) != nil {
				return usagef("campaign-check", "--year: %q is not a campaign year", y)
			}
			list = append(list, n)
		}
	}
	log := newLogger(cfg, c)
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer closeStore(st, log)
	svc := campaign.New(st, loc, time.Now)
	check := func() (int, error) {
		n := 0
		for _, y := range list {
			diffs, err := svc.CheckTotals(ctx, y)
			if err != nil {
				return n, err
			}
			for _, d := range diffs {
				fmt.Fprintln(c.stdout, d)
			}
			n += len(diffs)
		}
		return n, nil
	}
	n, err := check()
	if err != nil {
		return err
	}
	if n == 0 {
		fmt.Fprintf(c.stdout, "campaign totals agree with the records for %v\n", list)
		return nil
	}
	if !*repair {
		return fmt.Errorf("%d campaign figures differ from the records; run again with --repair", n)
	}
	if err := svc.RepairTotals(ctx); err != nil {
		return err
	}
	if n, err = check(); err != nil {
		return err
	}
	if n > 0 {
		return fmt.Errorf("after the rebuild %d campaign figures still differ from the records", n)
	}
	fmt.Fprintf(c.stdout, "campaign totals rebuilt; they agree with the records for %v\n", list)
	return nil
}
