// Command duijie is the Duijie server and its administration tool. This file is wiring only:
// every subcommand lives in its own file and is listed in commands below.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // TZ_DEFAULT and event zones must load on machines without zoneinfo
)

// commands is the dispatch table; a new subcommand adds one line here and one file.
var commands = []command{
	{"serve", "run the web server", runServe},
	{"user", "manage accounts (user add …)", runUser},
	{"migrate", "copy an embedded installation to MongoDB", runMigrate},
	{"digest", "queue (and send) the members' digests: digest run --period daily|weekly", runDigest},
	{"match", "print a lead's ranked suppliers with explanations: match LEAD_ID", runMatch},
	{"import", "import enterprises or leads from .xlsx/.csv: import enterprises|leads FILE", runImport},
	{"export", "write an event's registrations to .xlsx/.csv: export registrations EVENT_ID FILE", runExport},
	{"backup", "write a consistent copy of the embedded database, also while serving: backup FILE", runBackup},
	{"restore", "restore a backup into an empty DATA_DIR: restore FILE", runRestore},
	{"campaign-check", "recount the campaign figures and compare the running totals (--repair rebuilds them)", runCampaignCheck},
	{"version", "print the version", runVersion},
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	c := &cli{stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv, setDefaultLogger: true}
	code := c.main(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}
