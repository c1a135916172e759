package matching_test

import (
	"testing"
)

// understandTexts are buyer sentences of every kind cluster inference reads: a pain with its
// setting, a scene nested in a longer one, a general product beside its specific form, English,
// a lead nothing is read from.
var understandTexts = [][2]string{
	{"电梯老困人，想远程知道电梯状态", ""},
	{"空压机房太吵", "空压机一开，办公室里没法说话，隔壁厂也投诉，想做隔音降噪"},
	{"Backup power without diesel, 200 kW", "Data centre operator. Our new site must have backup power without diesel gensets. Considering hydrogen fuel cell systems."},
	{"病房太吵，老人夜里情况没人盯", "养老院二十个房间，夜班就两个护工"},
	{"采购图像传感器", "用于工业相机，200万像素，全局快门"},
	{"业务外延拓展", ""},
	{"食堂油烟太大，楼上住户老投诉", "我们是一家工厂的食堂，每天做八百人的饭，油烟排出去楼上宿舍天天投诉。"},
	{"Wastewater treatment for a textile dyeing plant", "We are building a dyeing plant and need the effluent to meet local discharge limits."},
}

// BenchmarkUnderstand times Engine.Understand (POST /leads/analyse without JSON) at the index
// size of the other benchmarks.
//
//	go test ./matching/ -run '^$' -bench Understand -benchtime 2000x
func BenchmarkUnderstand(b *testing.B) {
	e := benchIndex(b)
	for i := 0; i < b.N; i++ {
		t := understandTexts[i%len(understandTexts)]
		e.Understand(t[0], t[1], nil, nil)
	}
}
