package intake

import (
	"testing"

	"duijie/domain"
)

var clusters = []domain.Cluster{{Code: "A3", NameZh: "节能环保", NameEn: "Energy saving and environmental protection"},
	{Code: "L1", NameZh: "物联网", NameEn: "Internet of Things"}}

func TestInferKeepsNamedClusters(t *testing.T) {
	s := New(nil, nil, nil, nil)
	l := domain.Lead{Title: "食堂油烟太大", Clusters: []string{"L1"}, ClustersInferred: true}
	s.Infer(&l, clusters)
	if l.ClustersInferred || len(l.Clusters) != 1 || l.Clusters[0] != "L1" {
		t.Fatalf("named clusters changed: %v %v", l.Clusters, l.ClustersInferred)
	}
	l = domain.Lead{Title: "食堂油烟太大，楼上老投诉", Description: "deliver to Rotterdam"}
	s.Infer(&l, clusters)
	if !l.ClustersInferred || len(l.Clusters) == 0 || l.Clusters[0] != "A3" {
		t.Fatalf("inferred %v %v, want A3", l.Clusters, l.ClustersInferred)
	}
	if l.ExportMarket != "EU" {
		t.Errorf("export market %q, want EU from Rotterdam", l.ExportMarket)
	}
	// Nothing to read: no clusters, not marked.
	l = domain.Lead{Title: "😀"}
	s.Infer(&l, clusters)
	if l.ClustersInferred || len(l.Clusters) != 0 {
		t.Fatalf("emoji inferred %v", l.Clusters)
	}
}

func TestAnalyseNamesInLanguage(t *testing.T) {
	s := New(nil, nil, nil, nil)
	zh := s.Analyse(AnalyseInput{Title: "kitchen fumes too strong", HSCodes: []string{"8421.39", "bad"}}, clusters, "zh-CN")
	en := s.Analyse(AnalyseInput{Title: "kitchen fumes too strong"}, clusters, "en")
	if len(zh.Clusters) == 0 || zh.Clusters[0].Name != "节能环保" || en.Clusters[0].Name != "Energy saving and environmental protection" {
		t.Fatalf("cluster names: %+v / %+v", zh.Clusters, en.Clusters)
	}
	if len(zh.Products) == 0 || zh.Products[0] != "油烟净化设备" || en.Products[0] != "kitchen fume purifier" {
		t.Fatalf("products: %v / %v", zh.Products, en.Products)
	}
}

// A clause read through the scene bag is marked as a guess, so the form asks the buyer to check
// it; a known phrase is not.
func TestAnalyseMarksGuessedScenes(t *testing.T) {
	s := New(nil, nil, nil, nil)
	guessed := func(title string) (bool, bool) {
		a := s.Analyse(AnalyseInput{Title: title}, clusters, "zh-CN")
		var some, any bool
		for _, sc := range a.Scenes {
			some = some || sc.Guessed
			any = any || !sc.Guessed
		}
		return some, any
	}
	if g, _ := guessed("排出去的水发红被罚了"); !g {
		t.Errorf("排出去的水发红被罚了: no scene marked as a guess")
	}
	if g, known := guessed("食堂油烟太大，楼上住户老投诉"); g || !known {
		t.Errorf("食堂油烟太大: guessed %v, known phrase %v; want a known phrase only", g, known)
	}
}
