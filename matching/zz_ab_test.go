package matching

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"duijie/domain"
	"duijie/matching/synth"
)

func tcpu() time.Duration {
	var ts unix.Timespec
	unix.ClockGettime(unix.CLOCK_THREAD_CPUTIME_ID, &ts)
	return time.Duration(ts.Nano())
}

func TestZZAB(t *testing.T) {
	ns := os.Getenv("AB_N")
	if ns == "" {
		t.Skip()
	}
	n, _ := strconv.Atoi(ns)
	variants := []int{0, 1}
	if v := os.Getenv("AB_V"); v != "" {
		variants = nil
		for _, x := range strings.Split(v, ",") {
			i, _ := strconv.Atoi(x)
			variants = append(variants, i)
		}
	}
	e := New(DefaultConfig())
	synth.Enterprises(n, 20000, 1, func(b []domain.Enterprise) { e.UpsertMany(b) })
	e.Compact()
	leads := make([]domain.Lead, 2000)
	for i := range leads {
		leads[i] = synth.Lead(1, i)
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	for round := 0; round < 3; round++ {
		for _, v := range variants {
			diagVariant = v
			lat := make([]time.Duration, len(leads))
			for i, l := range leads {
				c := tcpu()
				e.SuppliersFor(l, 20, Options{})
				lat[i] = tcpu() - c
			}
			slices.Sort(lat)
			var sum time.Duration
			for _, x := range lat {
				sum += x
			}
			fmt.Printf("round %d variant %d: p50 %v p90 %v p99 %v max %v mean %v\n", round, v,
				lat[len(lat)/2].Round(10*time.Microsecond), lat[len(lat)*9/10].Round(10*time.Microsecond), lat[len(lat)*99/100].Round(10*time.Microsecond), lat[len(lat)-1].Round(10*time.Microsecond), (sum / time.Duration(len(lat))).Round(10*time.Microsecond))
		}
	}
}

func TestZZSlowProfile(t *testing.T) {
	ns := os.Getenv("SLOW_N")
	if ns == "" {
		t.Skip()
	}
	n, _ := strconv.Atoi(ns)
	e := New(DefaultConfig())
	synth.Enterprises(n, 20000, 1, func(b []domain.Enterprise) { e.UpsertMany(b) })
	e.Compact()
	diagVariant = 0
	ids := []int{1348, 1423, 270, 1586, 1330, 1287, 759, 1770, 1010, 815, 366, 1038, 795, 1254, 542, 861, 379, 1523, 1570, 986}
	f, _ := os.Create("/tmp/slow.prof")
	pprof.StartCPUProfile(f)
	for r := 0; r < 10; r++ {
		for _, i := range ids {
			e.SuppliersFor(synth.Lead(1, i), 20, Options{})
		}
	}
	pprof.StopCPUProfile()
	f.Close()
}
