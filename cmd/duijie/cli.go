package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"duijie/config"
)

// Exit codes of docs/contract.md: 0 success, 1 failure, 2 bad usage.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// command is one subcommand: run gets the arguments after its name.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, c *cli, args []string) error
}

// cli carries what commands need from the process, so tests run them in-process.
type cli struct {
	stdout, stderr io.Writer
	getenv         func(string) string
	// setDefaultLogger makes serve's logger the slog default; main sets it, tests do not, since
	// the default is process-wide.
	setDefaultLogger bool
	// onListen, when set, is told the URL serve answers on once it accepts connections.
	onListen func(url string)
}

// usageError is a malformed command line: exit 2 with a hint to --help.
type usageError struct {
	cmd string
	msg string
}

func (e *usageError) Error() string { return e.msg }

func usagef(cmd, format string, args ...any) error {
	return &usageError{cmd: cmd, msg: fmt.Sprintf(format, args...)}
}

// errHelpShown ends a command whose help was asked for and printed: exit 0.
var errHelpShown = errors.New("help shown")

// main runs the command line and returns the exit code, printing failures as one line on stderr.
func (c *cli) main(ctx context.Context, args []string) int {
	if len(args) == 0 {
		c.usage(c.stderr)
		return exitUsage
	}
	name := args[0]
	switch name {
	case "-h", "-help", "--help", "help":
		if len(args) > 1 && name == "help" {
			if cmd, ok := lookup(args[1]); ok {
				return c.exit(cmd.run(ctx, c, []string{"--help"}))
			}
			if args[1] != "config" {
				return c.exit(usagef("help", "unknown help topic %q", args[1]))
			}
			config.Usage(c.stdout)
			return exitOK
		}
		c.usage(c.stdout)
		return exitOK
	}
	cmd, ok := lookup(name)
	if !ok {
		return c.exit(usagef("", "unknown command %q", name))
	}
	return c.exit(cmd.run(ctx, c, args[1:]))
}

func lookup(name string) (command, bool) {
	for _, cmd := range commands {
		if cmd.name == name {
			return cmd, true
		}
	}
	return command{}, false
}

// exit turns a command's result into the exit code and its one line on stderr.
func (c *cli) exit(err error) int {
	var ue *usageError
	switch {
	case err == nil, errors.Is(err, errHelpShown):
		return exitOK
	case errors.As(err, &ue):
		prog := strings.TrimSpace("duijie " + ue.cmd)
		fmt.Fprintf(c.stderr, "%s: %s\nRun '%s --help' for usage.\n", prog, oneLine(ue.msg), prog)
		return exitUsage
	default:
		fmt.Fprintf(c.stderr, "duijie: %s\n", oneLine(err.Error()))
		return exitFailure
	}
}

// oneLine keeps a wrapped error on one line, whatever a library put in its message.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", "; ")), " ")
}

func (c *cli) usage(w io.Writer) {
	fmt.Fprint(w, `Duijie (对接): events, enterprise profiles, order leads and matching for industrial clusters.

Usage:
  duijie <command> [flags]

Commands:
`)
	for _, cmd := range commands {
		fmt.Fprintf(w, "  %-9s %s\n", cmd.name, cmd.summary)
	}
	fmt.Fprint(w, `
Run 'duijie <command> --help' for a command's flags, 'duijie help config' for the settings.
Settings come from the environment or from flags of the same name (ADDR or --addr); flags win.
`)
}

// flagSet is a command's flags: its own, documented in its help, plus every config option.
type flagSet struct {
	*flag.FlagSet
	cmd      string
	synopsis string
	about    string
	own      []string // names of the command's own flags, for the help text
	config   *config.Flags
}

// newFlags starts the flag set of cmd ("serve", "user add"); synopsis follows the command name
// in the usage line and about is a short paragraph.
func newFlags(cmd, synopsis, about string) *flagSet {
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return &flagSet{FlagSet: fs, cmd: cmd, synopsis: synopsis, about: about}
}

// withConfig adds the config option flags; call it after the command's own flags are defined.
func (f *flagSet) withConfig() *flagSet {
	f.VisitAll(func(fl *flag.Flag) { f.own = append(f.own, fl.Name) })
	f.config = config.Bind(f.FlagSet)
	return f
}

// parse reads args; --help prints the help to c.stdout and returns errHelpShown. Positional
// arguments are refused unless the command takes them (then it checks f.Args itself).
func (f *flagSet) parse(c *cli, args []string, positional bool) error {
	if f.config == nil {
		f.VisitAll(func(fl *flag.Flag) { f.own = append(f.own, fl.Name) })
	}
	err := f.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		f.help(c.stdout)
		return errHelpShown
	}
	if err != nil {
		return usagef(f.cmd, "%v", err)
	}
	if !positional && f.NArg() > 0 {
		return usagef(f.cmd, "unexpected argument %q", f.Arg(0))
	}
	return nil
}

// loadConfig resolves the settings from the environment and the parsed flags.
func (f *flagSet) loadConfig(c *cli) (config.Config, error) {
	return f.config.Load(c.getenv)
}

func (f *flagSet) help(w io.Writer) {
	fmt.Fprintf(w, "Usage: duijie %s %s\n\n%s\n", f.cmd, f.synopsis, f.about)
	if len(f.own) > 0 {
		fmt.Fprintln(w, "\nFlags:")
		for _, name := range f.own {
			fl := f.Lookup(name)
			arg := " value"
			if bf, ok := fl.Value.(interface{ IsBoolFlag() bool }); ok && bf.IsBoolFlag() {
				arg = ""
			}
			def := ""
			if fl.DefValue != "" && fl.DefValue != "false" {
				def = " (default " + fl.DefValue + ")"
			}
			fmt.Fprintf(w, "  --%s%s\n        %s%s\n", name, arg, fl.Usage, def)
		}
	}
	if f.config != nil {
		fmt.Fprintln(w, "\nEvery setting can also be given as a flag (--addr, --data-dir, …); run 'duijie help config'.")
	}
}

// parsePositional parses args whose positional arguments may stand before or after the flags
// (`import leads FILE --dry-run` and `import --dry-run leads FILE` alike) and returns them in order.
func (f *flagSet) parsePositional(c *cli, args []string) ([]string, error) {
	var pos []string
	for len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		pos, args = append(pos, args[0]), args[1:]
	}
	if err := f.parse(c, args, true); err != nil {
		return nil, err
	}
	return append(pos, f.Args()...), nil
}
