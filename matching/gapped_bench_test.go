package matching

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"

	"duijie/domain"
)

// sceneLeads are colloquial leads of the kind the gapped and reversed scene rules read: long
// clauses, scenes written apart or the other way round, and sentences that match nothing.
var sceneLeads = []string{
	"仓库一到梅雨天就潮，货架上的纸箱都软了，想问问有没有办法把湿度降下来。",
	"我们厂房屋顶好多地方漏，一下雨车间里就得拿桶接水，想找人把屋面重新做一遍防水。",
	"食堂地面一拖就滑，上个月已经有两个阿姨摔倒了，想换一种防滑的地坪。",
	"家里老人年纪大了，前两天半夜摔倒在卫生间，想装个能自动报警的东西。",
	"漏水的屋顶已经修过三次了，还是不行，这次想彻底解决。",
	"油烟太大的食堂被楼上住户投诉了好几次，环保局也来看过。",
	"小区车太多停不下，晚上回来经常找不到车位，物业想做个智能停车场。",
	"出海作业前想知道浪有多大，有没有能实时报海况的浮标。",
	"饼干厂一条线后面站着二十多个阿姨，把饼干一包包装进盒子、再装箱、封口、码好，现在年轻人不愿干。",
	"我们是一家两百间房的酒店，客房的床单被套用了不到一年，洗了几十次就起球、发黄、摸着糙。",
}

// BenchmarkAnalyseScenes is the lead-side analysis (concepts, scenes, gapped and reversed
// scenes, bigrams) of colloquial leads, the path the scene rules add to.
func BenchmarkAnalyseScenes(b *testing.B) {
	a := analyzer{v: DefaultVocabulary(), seg: SegBigram, vocab: true, maxRunes: 4000, lw: newLeadWeights(DefaultTuning())}
	rs := make([][]rune, len(sceneLeads))
	for i, s := range sceneLeads {
		rs[i] = a.normalize(s)
	}
	var buf []term
	for i := 0; b.Loop(); i++ {
		buf = a.field(rs[i%len(rs)], 1, true, buf[:0])
	}
}

// BenchmarkUnderstandScenes is POST /leads/analyse's reading of the same leads over the labelled
// corpus (237 profiles): scenes, their clusters (loosely met ones looked up again) and the
// neighbours' codes.
func BenchmarkUnderstandScenes(b *testing.B) {
	f, err := os.Open("testdata/enterprises.jsonl")
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var ents []domain.Enterprise
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var e domain.Enterprise
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			b.Fatal(err)
		}
		ents = append(ents, e)
	}
	e := New(DefaultConfig())
	e.UpsertMany(ents)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		e.Understand(sceneLeads[i%len(sceneLeads)], "", nil, nil)
	}
}
