package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"duijie/config"
	"duijie/service/backup"
)

// errMongoBackup points a MongoDB operator at the engine's own tools.
var errMongoBackup = errors.New("MONGODB_URI is set: back up MongoDB with mongodump --uri=\"$MONGODB_URI\" " +
	"--db=$MONGODB_DB --archive=FILE and restore with mongorestore (see README, Backups)")

func runBackup(ctx context.Context, c *cli, args []string) error {
	f := newFlags("backup", "FILE",
		"Writes a consistent copy of the embedded database (DATA_DIR/duijie.db) to FILE, which must not\n"+
			"exist. It is safe while 'duijie serve' runs: writes go on, and the copy holds what was committed\n"+
			"when it began. Restore it with 'duijie restore FILE' into an empty DATA_DIR.")
	f.withConfig()
	pos, err := f.parsePositional(c, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("backup", "want one FILE to write")
	}
	cfg, err := f.loadConfig(c)
	if err != nil {
		return err
	}
	if cfg.MongoURI != "" {
		return errMongoBackup
	}
	start := time.Now()
	info, err := backup.Backup(ctx, filepath.Join(cfg.DataDir, sqliteFile), pos[0])
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	fmt.Fprintf(c.stdout, "Backed up %s to %s in %s: schema %d, %d users, %d enterprises, %d leads, %d events.\n",
		filepath.Join(cfg.DataDir, sqliteFile), pos[0], time.Since(start).Round(time.Millisecond),
		info.SchemaVersion, info.Users, info.Enterprises, info.Leads, info.Events)
	printSecretHint(c, cfg)
	return nil
}

func runRestore(ctx context.Context, c *cli, args []string) error {
	f := newFlags("restore", "FILE",
		"Restores a backup made by 'duijie backup' into DATA_DIR, which must hold no database: restore\n"+
			"never overwrites data. Stop the server, move the old DATA_DIR aside (or choose a new one),\n"+
			"restore, then start 'duijie serve' with that DATA_DIR; its schema is brought up to date then.")
	f.withConfig()
	pos, err := f.parsePositional(c, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("restore", "want one backup FILE to read")
	}
	cfg, err := f.loadConfig(c)
	if err != nil {
		return err
	}
	if cfg.MongoURI != "" {
		return errMongoBackup
	}
	dst := filepath.Join(cfg.DataDir, sqliteFile)
	info, err := backup.Restore(ctx, pos[0], dst)
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	fmt.Fprintf(c.stdout, "Restored %s into %s: schema %d, %d users, %d enterprises, %d leads, %d events.\n",
		pos[0], dst, info.SchemaVersion, info.Users, info.Enterprises, info.Leads, info.Events)
	return nil
}

// printSecretHint reminds that the generated session secret lives beside the database, not in it.
func printSecretHint(c *cli, cfg config.Config) {
	if cfg.Given("SESSION_SECRET") {
		return
	}
	fmt.Fprintf(c.stdout, "The session secret is not in the backup: keep %s with it to keep sign-ins across a restore.\n",
		filepath.Join(cfg.DataDir, config.SecretFile))
}
