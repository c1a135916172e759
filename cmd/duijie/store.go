package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"

	"duijie/config"
	"duijie/seed"
	"duijie/store"
	"duijie/store/mongo"
	"duijie/store/sqlite"
)

// sqliteFile is the embedded database's file name under DATA_DIR (docs/contract.md §Storage).
const sqliteFile = "duijie.db"

// openStore opens the engine the settings select: MongoDB when MONGODB_URI is set, else the
// embedded SQLite file under DATA_DIR, created on first use.
func openStore(ctx context.Context, cfg config.Config) (*store.Store, error) {
	if cfg.MongoURI != "" {
		st, err := mongo.Open(ctx, cfg.MongoURI, cfg.MongoDB)
		if err != nil {
			return nil, fmt.Errorf("open database: %w", err)
		}
		return st, nil
	}
	if err := os.MkdirAll(cfg.DataDir, 0o750); err != nil {
		return nil, fmt.Errorf("create DATA_DIR: %w", err)
	}
	st, err := sqlite.Open(filepath.Join(cfg.DataDir, sqliteFile))
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	return st, nil
}

// openSeeded opens the store and makes sure the clusters exist, which every command that writes
// users or enterprises relies on.
func openSeeded(ctx context.Context, cfg config.Config) (*store.Store, error) {
	st, err := openStore(ctx, cfg)
	if err != nil {
		return nil, err
	}
	if err := seed.Clusters(ctx, st); err != nil {
		closeStore(st, nil)
		return nil, err
	}
	return st, nil
}

// closeStore closes the database, logging rather than returning a failure: by then the
// command's work is done or already failed for a better reason.
func closeStore(st *store.Store, log *slog.Logger) {
	if err := st.Health.Close(); err != nil {
		if log == nil {
			log = slog.Default()
		}
		log.Error("close database", "engine", st.Engine, "err", err)
	}
}

// newLogger builds the process logger of LOG_LEVEL and LOG_FORMAT.
func newLogger(cfg config.Config, c *cli) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	var h slog.Handler = slog.NewTextHandler(c.stderr, opts)
	if cfg.LogFormat == "json" {
		h = slog.NewJSONHandler(c.stderr, opts)
	}
	log := slog.New(h)
	if c.setDefaultLogger {
		slog.SetDefault(log)
	}
	return log
}
