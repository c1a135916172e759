package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"duijie/config"
	"duijie/demo"
	"duijie/handlers"
	"duijie/matchsvc"
	"duijie/seed"
	"duijie/store"
)

// shutdownTimeout bounds how long in-flight requests may take after SIGTERM (docs/contract.md).
const shutdownTimeout = 10 * time.Second

func runServe(ctx context.Context, c *cli, args []string) error {
	f := newFlags("serve", "[--demo] [--addr host:port]",
		"Runs the web server on the embedded database (DATA_DIR) or on MongoDB (MONGODB_URI).\n"+
			"With --demo, an empty database first gets demo logins and sample data.")
	withDemo := f.Bool("demo", false, "load demo logins and sample data into an empty database")
	f.withConfig()
	if err := f.parse(c, args, false); err != nil {
		return err
	}
	cfg, err := f.loadConfig(c)
	if err != nil {
		return err
	}
	log := newLogger(cfg, c)
	keepSessionSecret(&cfg, log)
	demoLoopback := *withDemo && !cfg.Given("ADDR")
	if demoLoopback {
		cfg.Addr = loopbackAddr(cfg.Addr)
	}
	log.Info("starting duijie", append([]any{"version", version()}, cfg.Describe()...)...)

	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer closeStore(st, log)
	log.Info("database open", "engine", st.Engine)

	logins, err := prepareData(ctx, st, *withDemo, log)
	if err != nil {
		return err
	}

	// Listen before building the app so that, with port 0, links carry the real port.
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	defer ln.Close()
	url := listenURL(ln.Addr())
	if cfg.BaseURLDerived {
		cfg.BaseURL = url
	}

	// The matching index is built from the store while the server already answers: at 10^6
	// profiles that takes most of a minute, during which /healthz answers and /readyz says
	// "not ready" so a load balancer sends no traffic yet.
	matches := matchsvc.New(st, matchsvc.Config{BaseURL: cfg.BaseURL, Logger: log})
	matchCtx, stopMatching := context.WithCancel(ctx)
	defer stopMatching()
	indexFailed := make(chan error, 1)
	go func() {
		log.Info("building the matching index")
		if err := matches.Start(matchCtx); err != nil {
			if matchCtx.Err() == nil {
				indexFailed <- err
			}
			return
		}
		// Each instance follows the others' writes into its own index until shutdown.
		matches.Follow(matchCtx, matchsvc.FollowInterval)
	}()
	defer matches.WaitBulk() // after stopMatching (defers run last first)

	sched, closeJobs, err := startJobs(cfg, st, matches, log)
	if err != nil {
		return err
	}
	defer closeJobs()

	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	reg.MustRegister(indexCollectors(matches)...)
	app, err := handlers.New(handlers.Deps{
		Store:    st,
		Options:  handlerOptions(cfg),
		Logger:   log,
		Registry: reg,
		Jobs:     jobControl(sched),
		Matches:  matches,
	})
	if err != nil {
		return fmt.Errorf("build web app: %w", err)
	}

	// Scheduled jobs start here when cfg.JobsEnabled, and stop in the shutdown sequence below:
	// after the HTTP server, once the running job has checkpointed, before the store closes.
	if sched != nil {
		sched.Start()
		defer stopJobs(sched, shutdownTimeout, log) // runs before the deferred closeStore
	}

	served := make(chan error, 1)
	go func() { served <- app.Listener(ln) }()
	log.Info("listening", "addr", ln.Addr().String(), "url", url, "baseURL", cfg.BaseURL)
	printBanner(c, url, cfg.BaseURL, logins)
	if demoLoopback {
		fmt.Fprintln(c.stdout, "Demo mode listens on this machine only (127.0.0.1): its passwords are public.\n"+
			"Set ADDR (e.g. ADDR=:8080) to open it to the network on purpose.")
		log.Info("demo mode: listening on loopback only; set ADDR to listen elsewhere", "addr", ln.Addr().String())
	}
	if c.onListen != nil {
		c.onListen(url)
	}

	var failed error
	select {
	case err := <-served:
		return fmt.Errorf("http server: %w", err)
	case err := <-indexFailed:
		failed = err
		log.Error("matching index could not be built", "err", err)
	case <-ctx.Done():
	}

	// Shutdown order: stop accepting and let in-flight requests finish; then stop the jobs; the
	// deferred closeStore runs last, when nothing uses the database any more.
	log.Info("shutting down", "grace", shutdownTimeout)
	if err := app.ShutdownWithTimeout(shutdownTimeout); err != nil {
		log.Error("http shutdown", "err", err)
	}
	// A signal that comes before the server goroutine starts serving finds no listener to close
	// in Shutdown; closing it here makes Serve return in either order.
	_ = ln.Close()
	if err := <-served; err != nil {
		log.Error("http server", "err", err)
	}
	log.Info("stopped")
	return failed
}

// prepareData seeds the clusters, and with --demo the demo data when the database is empty. It
// returns the demo logins to print: those just created, or those a previous --demo run left.
func prepareData(ctx context.Context, st *store.Store, withDemo bool, log *slog.Logger) (demo.Logins, error) {
	// Emptiness is judged before the clusters are seeded, which would make any database non-empty.
	empty := false
	if withDemo {
		var err error
		if empty, err = st.Health.Empty(ctx); err != nil {
			return nil, fmt.Errorf("check database: %w", err)
		}
	}
	if err := seed.Clusters(ctx, st); err != nil {
		return nil, err
	}
	if !withDemo {
		return nil, nil
	}
	if empty {
		logins, err := demo.Seed(ctx, st, time.Now())
		if err != nil {
			return nil, err
		}
		log.Info("demo data loaded into the empty database", "logins", len(logins))
		return logins, nil
	}
	log.Info("database is not empty: demo data not loaded, nothing changed")
	if _, err := st.Users.GetByEmail(ctx, demo.AdminEmail); err == nil {
		return demo.Accounts(), nil
	}
	return nil, nil
}

func handlerOptions(cfg config.Config) handlers.Options {
	return handlers.Options{
		BaseURL:        cfg.BaseURL,
		SessionSecret:  cfg.SessionSecret,
		SecureCookies:  cfg.SecureCookies(),
		BodyLimit:      cfg.BodyLimit,
		RequestTimeout: cfg.RequestTimeout,
		SessionTTL:     cfg.SessionTTL,
		DefaultTZ:      cfg.TZName,
		LoginAttempts:  cfg.LoginAttempts,
		LoginWindow:    cfg.LoginWindow,
		MailRelay:      mailRelay(cfg),
		ImportMaxRows:  cfg.ImportMaxRows,
		TrustedProxies: cfg.TrustedProxies,
		MetricsToken:   cfg.MetricsToken,
		// The door's opening time before an event's start (CHECKIN_OPENS_BEFORE).
		CheckinOpensBefore: cfg.CheckinOpensBefore,
	}
}

// listenURL is the address a person on this machine opens: an unspecified host becomes localhost.
func listenURL(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok {
		return "http://" + a.String()
	}
	host := tcp.IP.String()
	if tcp.IP.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, fmt.Sprint(tcp.Port))
}

func printBanner(c *cli, url, baseURL string, logins demo.Logins) {
	fmt.Fprintf(c.stdout, "Duijie is running at %s\n", url)
	if baseURL != url {
		fmt.Fprintf(c.stdout, "Public address (BASE_URL): %s\n", baseURL)
	}
	if len(logins) > 0 {
		fmt.Fprintln(c.stdout, "Demo logins:")
		for _, l := range logins {
			fmt.Fprintf(c.stdout, "  %-10s %-30s password: %s\n", l.Role, l.Email, l.Password)
		}
	}
	fmt.Fprintln(c.stdout, "Press Ctrl+C to stop.")
}
