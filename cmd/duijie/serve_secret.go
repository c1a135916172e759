package main

import (
	"log/slog"
	"net"
	"path/filepath"

	"duijie/config"
)

// keepSessionSecret replaces a per-process random secret (SESSION_SECRET unset) with the one kept
// under DATA_DIR, creating it on first start, so a restart neither signs everyone out nor
// invalidates the forms people are filling in. Only when it cannot be stored does it warn.
func keepSessionSecret(cfg *config.Config, log *slog.Logger) {
	if !cfg.SessionSecretGenerated {
		return
	}
	s, created, err := config.StoredSecret(cfg.DataDir)
	if err != nil {
		log.Warn("SESSION_SECRET is not set and cannot be kept in DATA_DIR: using a random secret, so "+
			"sign-ins end when the process restarts", "err", err)
		return
	}
	cfg.SessionSecret, cfg.SessionSecretGenerated = s, false
	path := filepath.Join(cfg.DataDir, config.SecretFile)
	if created {
		log.Info("SESSION_SECRET is not set: generated one and stored it", "file", path)
	} else {
		log.Info("SESSION_SECRET is not set: using the one stored", "file", path)
	}
	if cfg.MongoURI != "" {
		log.Info("several instances on one MongoDB must share one SESSION_SECRET: set it explicitly")
	}
}

// loopbackAddr keeps addr's port on 127.0.0.1.
func loopbackAddr(addr string) string {
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		port = "8080"
	}
	return net.JoinHostPort("127.0.0.1", port)
}
