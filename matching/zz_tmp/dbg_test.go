package cmp

import (
	"fmt"
	"testing"

	"duijie/domain"
	"duijie/matching"
)

func TestDbg(t *testing.T) {
	e := matching.New(matching.DefaultConfig())
	e.Upsert(domain.Enterprise{ID: "x", Name: "无锡环测仪表有限公司", Products: []string{"温湿度记录仪"}})
	rs, err := e.SuppliersFor(domain.Lead{Title: "Temperature data loggers for cold chain"}, 5, matching.Options{})
	fmt.Println(rs, err)
}
