package storetest

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"duijie/domain"
	"duijie/store"
)

func init() { register("Enterprises", testEnterprises) }

func normEnterprise(e domain.Enterprise) domain.Enterprise {
	e.Clusters, e.IndustryCodes, e.HSCodes = list(e.Clusters), list(e.IndustryCodes), list(e.HSCodes)
	e.Products, e.Certifications, e.ExportMarkets = list(e.Products), list(e.Certifications), list(e.ExportMarkets)
	e.CreatedAt, e.UpdatedAt, e.VerifiedAt = Ms(e.CreatedAt), Ms(e.UpdatedAt), msPtr(e.VerifiedAt)
	return e
}

var sameEnterprise = sameAs(normEnterprise)

// byNameThenID is the listing order every engine uses.
func byNameThenID(a, b domain.Enterprise) int {
	if c := strings.Compare(a.Name, b.Name); c != 0 {
		return c
	}
	return strings.Compare(a.ID, b.ID)
}

func testEnterprises(t *testing.T, open Opener) {
	t.Run("CreateGetUpdateDelete", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		e := NewEnterprise(1)
		e.Products = []string{"PCBA贴片", "功率模块"}
		e.Scale = domain.ScaleMedium
		Must(t, s.Enterprises.Create(ctx, e), "create")
		if !domain.ValidID(e.ID) {
			t.Fatalf("ID = %q, want a domain.NewID", e.ID)
		}
		got, err := s.Enterprises.Get(ctx, e.ID)
		Must(t, err, "get")
		sameEnterprise(t, "get", got, e)
		got, err = s.Enterprises.GetByUSCC(ctx, e.USCC)
		Must(t, err, "get by uscc")
		sameEnterprise(t, "get by uscc", got, e)

		e.Name, e.Description, e.Region = "无锡改名科技有限公司", "新的介绍", "320211"
		e.Clusters, e.IndustryCodes, e.HSCodes = []string{"A5", "L2"}, nil, []string{}
		e.Products, e.Certifications, e.ExportMarkets = []string{"电机控制器"}, nil, []string{"US", "JP"}
		e.Tier, e.Scale, e.Status = domain.TierChainLeader, domain.ScaleLarge, domain.EnterpriseBlocked
		e.Contact = domain.Contact{Name: "李四", Email: "li@example.test", Phone: "0510-1234567"}
		e.UpdatedAt = Ms(time.Now().Add(time.Hour))
		Must(t, s.Enterprises.Update(ctx, e), "update")
		got, err = s.Enterprises.Get(ctx, e.ID)
		Must(t, err, "get after update")
		sameEnterprise(t, "after update", got, e)

		Must(t, s.Enterprises.Delete(ctx, e.ID), "delete")
		_, err = s.Enterprises.Get(ctx, e.ID)
		MustNotFound(t, err, "get deleted")
		_, err = s.Enterprises.GetByUSCC(ctx, e.USCC)
		MustNotFound(t, err, "get deleted by uscc")
		again := NewEnterprise(1)
		Must(t, s.Enterprises.Create(ctx, again), "a deleted firm's USCC is free again")
	})

	t.Run("NotFoundAndTaken", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		_, err := s.Enterprises.Get(ctx, domain.NewID())
		MustNotFound(t, err, "get")
		_, err = s.Enterprises.GetByUSCC(ctx, NewEnterprise(9).USCC)
		MustNotFound(t, err, "get by uscc")
		missing := NewEnterprise(9)
		missing.ID = domain.NewID()
		MustNotFound(t, s.Enterprises.Update(ctx, missing), "update")
		MustNotFound(t, s.Enterprises.Delete(ctx, missing.ID), "delete")

		a, b := NewEnterprise(1), NewEnterprise(2)
		Must(t, s.Enterprises.Create(ctx, a), "create a")
		Must(t, s.Enterprises.Create(ctx, b), "create b")
		dup := NewEnterprise(1)
		dup.Name = "另一家"
		MustConflict(t, s.Enterprises.Create(ctx, dup), "uscc", "create with a taken USCC")
		b.USCC = a.USCC
		MustConflict(t, s.Enterprises.Update(ctx, b), "uscc", "update to a taken USCC")
	})

	t.Run("ListPaging", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		var all, inL1 []domain.Enterprise
		for i := range 23 {
			e := NewEnterprise(i)
			// Names out of creation order, and a run of equal names that only the ID orders.
			e.Name = fmt.Sprintf("企业%02d", (i*7)%23)
			if i%5 == 0 {
				e.Name = "同名企业"
			}
			if i%2 == 0 {
				e.Clusters = []string{"A1"}
			}
			Must(t, s.Enterprises.Create(ctx, e), "create")
			all = append(all, *e)
			if i%2 == 1 {
				inL1 = append(inL1, *e)
			}
		}
		slices.SortFunc(all, byNameThenID)
		slices.SortFunc(inL1, byNameThenID)
		for _, tc := range []struct {
			f     store.EnterpriseFilter
			limit int
			want  []domain.Enterprise
		}{
			{store.EnterpriseFilter{}, 5, all},
			{store.EnterpriseFilter{}, 1, all},
			{store.EnterpriseFilter{}, 23, all},
			{store.EnterpriseFilter{Cluster: "L1"}, 4, inL1},
		} {
			t.Run(fmt.Sprintf("%s/%d", tc.f.Cluster, tc.limit), func(t *testing.T) {
				got := walk(t, tc.limit, func(c string) ([]string, string, error) {
					es, next, total, err := s.Enterprises.List(ctx, tc.f, store.Page{Limit: tc.limit, Cursor: c})
					if err == nil && total != len(tc.want) {
						t.Errorf("total = %d, want %d", total, len(tc.want))
					}
					ids := make([]string, len(es))
					for i, e := range es {
						ids[i] = e.ID
					}
					return ids, next, err
				})
				var want []string
				for _, e := range tc.want {
					want = append(want, e.ID)
				}
				sameIDs(t, "walk by name", got, want)
			})
		}
		_, _, _, err := s.Enterprises.List(ctx, store.EnterpriseFilter{}, store.Page{Limit: 5, Cursor: "garbage!"})
		MustInvalid(t, err, "cursor", "bad cursor")
	})

	t.Run("ListFilters", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		firms := map[string]*domain.Enterprise{}
		for i, spec := range []struct {
			key, name string
			clusters  []string
			products  []string
			region    string
			tier      domain.EnterpriseTier
		}{
			{"dianzi", "无锡甲电子有限公司", []string{"L1"}, []string{"PCBA贴片", "功率模块"}, "320214", domain.TierChainLeader},
			{"yiyao", "无锡乙生物医药有限公司", []string{"L3"}, []string{"原料药"}, "320211", domain.TierBackbone},
			{"alpha", "Wuxi Alpha Tech", []string{"L1", "A5"}, []string{"IoT Gateway"}, "320214", domain.TierEmerging},
			{"cailiao", "丙新材料 100% 纯度", []string{"A4"}, []string{"碳纤维_预浸料"}, "320281", domain.TierBackbone},
			{"qiche", "丁汽车零部件", []string{"A6", "A5"}, []string{"电机控制器"}, "320206", domain.TierOther},
			{"xinpian", "戊集成电路", []string{"L2"}, nil, "320214", domain.TierQuasiLeader},
		} {
			e := NewEnterprise(100 + i)
			e.Name, e.Clusters, e.Products, e.Region, e.Tier = spec.name, spec.clusters, spec.products, spec.region, spec.tier
			Must(t, s.Enterprises.Create(ctx, e), "create "+spec.key)
			firms[spec.key] = e
		}
		usccPart := strings.ToLower(firms["cailiao"].USCC[8:17])
		for _, tc := range []struct {
			name string
			f    store.EnterpriseFilter
			want []string
		}{
			{"all", store.EnterpriseFilter{}, []string{"dianzi", "yiyao", "alpha", "cailiao", "qiche", "xinpian"}},
			{"cluster", store.EnterpriseFilter{Cluster: "L1"}, []string{"dianzi", "alpha"}},
			{"clusters any of", store.EnterpriseFilter{Clusters: []string{"A5", "L3"}}, []string{"yiyao", "alpha", "qiche"}},
			{"empty clusters", store.EnterpriseFilter{Clusters: []string{}}, []string{"dianzi", "yiyao", "alpha", "cailiao", "qiche", "xinpian"}},
			{"cluster and clusters", store.EnterpriseFilter{Cluster: "L1", Clusters: []string{"A5"}}, []string{"alpha"}},
			{"unknown cluster", store.EnterpriseFilter{Cluster: "Z9"}, nil},
			{"q product latin", store.EnterpriseFilter{Q: "pcba"}, []string{"dianzi"}},
			{"q product chinese", store.EnterpriseFilter{Q: "原料"}, []string{"yiyao"}},
			{"q name case", store.EnterpriseFilter{Q: "ALPHA"}, []string{"alpha"}},
			{"q product words", store.EnterpriseFilter{Q: "iot gateway"}, []string{"alpha"}},
			{"q name common", store.EnterpriseFilter{Q: "有限公司"}, []string{"dianzi", "yiyao"}},
			{"q uscc lower", store.EnterpriseFilter{Q: usccPart}, []string{"cailiao"}},
			{"q percent literal", store.EnterpriseFilter{Q: "%"}, []string{"cailiao"}},
			{"q underscore literal", store.EnterpriseFilter{Q: "_"}, []string{"cailiao"}},
			{"q list separator", store.EnterpriseFilter{Q: `","`}, nil},
			{"q nothing", store.EnterpriseFilter{Q: "不存在的东西"}, nil},
			{"region", store.EnterpriseFilter{Region: "320214"}, []string{"dianzi", "alpha", "xinpian"}},
			{"region city takes its districts", store.EnterpriseFilter{Region: "320200"}, []string{"dianzi", "yiyao", "alpha", "cailiao", "qiche", "xinpian"}},
			{"region province takes its cities", store.EnterpriseFilter{Region: "320000"}, []string{"dianzi", "yiyao", "alpha", "cailiao", "qiche", "xinpian"}},
			{"region other city", store.EnterpriseFilter{Region: "320500"}, nil},
			{"region other province", store.EnterpriseFilter{Region: "330000"}, nil},
			{"region city and tier", store.EnterpriseFilter{Region: "320200", Tier: domain.TierBackbone}, []string{"yiyao", "cailiao"}},
			{"tier", store.EnterpriseFilter{Tier: domain.TierBackbone}, []string{"yiyao", "cailiao"}},
			{"region and tier", store.EnterpriseFilter{Region: "320214", Tier: domain.TierEmerging}, []string{"alpha"}},
			{"cluster and q", store.EnterpriseFilter{Cluster: "L1", Q: "电子"}, []string{"dianzi"}},
			{"clusters and region", store.EnterpriseFilter{Clusters: []string{"L1", "L2", "A4"}, Region: "320214"}, []string{"dianzi", "alpha", "xinpian"}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				var want []domain.Enterprise
				for _, k := range tc.want {
					want = append(want, *firms[k])
				}
				slices.SortFunc(want, byNameThenID)
				es, next, total, err := s.Enterprises.List(ctx, tc.f, store.Page{Limit: 50})
				Must(t, err, "list")
				if next != "" {
					t.Fatalf("next = %q on the only page", next)
				}
				if total != len(want) {
					t.Fatalf("total = %d, want %d", total, len(want))
				}
				var got, wantIDs []string
				for _, e := range es {
					got = append(got, e.Name)
				}
				for _, e := range want {
					wantIDs = append(wantIDs, e.Name)
				}
				sameIDs(t, "names", got, wantIDs)
			})
		}
	})
}
