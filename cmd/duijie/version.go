package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
)

// buildVersion is set at release builds: go build -ldflags "-X main.buildVersion=v1.2.3".
var buildVersion = ""

func runVersion(_ context.Context, c *cli, args []string) error {
	f := newFlags("version", "", "Prints the version of this binary and of the Go toolchain that built it.")
	if err := f.parse(c, args, false); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "duijie %s (%s, %s/%s)\n", version(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return nil
}

// version is the release version, else the module version or VCS revision the build recorded.
func version() string {
	if buildVersion != "" {
		return buildVersion
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "dev"
	}
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			return "dev-" + s.Value[:12]
		}
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	return "dev"
}
