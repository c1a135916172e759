package matching

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// Scenario files (data/scenarios/<cluster>.tsv) hold the bilingual scene knowledge of one
// cluster: buyers describe a scene, a pain or a goal ("食堂油烟太大，楼上老投诉"), suppliers name
// the product or service that answers it (油烟净化设备). Every file starts with a
// "# version: …" line and has three kinds of line, tab-separated:
//
//	product <TAB> canonical (zh) <TAB> English label <TAB> surface forms   a concept of this cluster
//	scene   <TAB> surface forms (zh, en) <TAB> canonical concepts          a scene calling for them
//	tag     <TAB> canonical concepts of concepts.tsv                       counted in this cluster
//	service <TAB> canonical concepts                                       answered by service firms
//
// Products and scenes feed the analyser exactly as concepts.tsv and applications.tsv do, so
// they work in both directions (a supplier's profile naming 油烟净化器 carries the concept too).
// The file's cluster tags every line: that is what cluster inference reads.

// loadScenarios reads every scenario file in dir, in name order.
func (v *Vocabulary) loadScenarios(fsys fs.FS, dir string) error {
	names, err := fs.Glob(fsys, dir+"/*.tsv")
	if err != nil {
		return err
	}
	slices.Sort(names)
	// Scenes (and service lines) are read after every file's products, so a scene of one
	// cluster may call for a product of another (出入库扫码 in L1 → 仓储管理系统 of L4).
	type pending struct {
		cluster, name, line string
		n                   int
	}
	var scenes []pending
	for _, name := range names {
		cluster := strings.TrimSuffix(path.Base(name), ".tsv")
		version := ""
		err := eachRawLine(fsys, name, func(n int, line string) error {
			if n == 1 {
				if !strings.HasPrefix(line, "# version:") {
					return fmt.Errorf("the first line must be \"# version: …\"")
				}
				version = strings.TrimSpace(strings.TrimPrefix(line, "# version:"))
				return nil
			}
			if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
				return nil
			}
			if strings.HasPrefix(line, "scene\t") || strings.HasPrefix(line, "service\t") {
				scenes = append(scenes, pending{cluster, name, line, n})
				return nil
			}
			return v.addScenarioLine(cluster, line)
		})
		if err != nil {
			return err
		}
		if version == "" {
			return fmt.Errorf("vocabulary %s: no version", name)
		}
		v.scenarioFiles[cluster] = version
	}
	for _, s := range scenes {
		if err := v.addScenarioLine(s.cluster, s.line); err != nil {
			return fmt.Errorf("vocabulary %s:%d: %w", s.name, s.n, err)
		}
	}
	return nil
}

func (v *Vocabulary) addScenarioLine(cluster, line string) error {
	kind, rest, ok := strings.Cut(line, "\t")
	if !ok {
		return fmt.Errorf("want product|scene|tag<TAB>…")
	}
	switch kind {
	case "product":
		id, err := v.addConcept(rest)
		if err != nil {
			return err
		}
		v.conceptClusters[id] = appendUnique(v.conceptClusters[id], cluster)
	case "scene":
		id, err := v.addApplication(rest)
		if err != nil {
			return err
		}
		v.appClusters[id] = appendUnique(v.appClusters[id], cluster)
		v.scenes++
	case "tag":
		for _, name := range strings.Split(rest, ",") {
			id, ok := v.byName[strings.TrimSpace(name)]
			if !ok {
				return fmt.Errorf("tag names unknown concept %q", name)
			}
			v.conceptClusters[id] = appendUnique(v.conceptClusters[id], cluster)
		}
	case "service":
		// A project or a service (分布式光伏工程, 屋面防水工程): the firms that answer it build,
		// run or test rather than make, so a lead calling for it is no goods demand merely
		// because it gives a quantity (一万两千平方米 of roof).
		for _, name := range strings.Split(rest, ",") {
			id, ok := v.byName[strings.TrimSpace(name)]
			if !ok {
				return fmt.Errorf("service names unknown concept %q", name)
			}
			v.serviceTerms[v.concepts[id].term] = true
		}
	default:
		return fmt.Errorf("unknown line kind %q (want product, scene, tag or service)", kind)
	}
	return nil
}

func appendUnique(s []string, x string) []string {
	if slices.Contains(s, x) {
		return s
	}
	return append(s, x)
}

// eachRawLine calls fn with every line of a file and its number, comments included.
func eachRawLine(fsys fs.FS, name string, fn func(int, string) error) error {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("vocabulary: %w", err)
	}
	for i, line := range strings.Split(string(b), "\n") {
		if err := fn(i+1, strings.TrimRight(line, "\r")); err != nil {
			return fmt.Errorf("vocabulary %s:%d: %w", name, i+1, err)
		}
	}
	return nil
}

// ScenarioStats says how much scenario knowledge is loaded: files by cluster with their
// versions, scenes, and concepts tagged with a cluster.
type ScenarioStats struct {
	Versions map[string]string
	Scenes   int
	Tagged   int
}

// Scenarios reports the scenario knowledge loaded, for tests and the about page.
func (v *Vocabulary) Scenarios() ScenarioStats {
	return ScenarioStats{Versions: v.scenarioFiles, Scenes: v.scenes, Tagged: len(v.conceptClusters)}
}

// ConceptLabel returns the display name of a canonical concept in lang.
func (v *Vocabulary) ConceptLabel(name, lang string) string {
	if strings.HasPrefix(lang, "en") {
		if id, ok := v.byName[name]; ok && v.concepts[id].en != "" {
			return v.concepts[id].en
		}
	}
	return name
}

// callsForService reports whether a lead's concepts and scene expansions call for a project or
// a service (a "service" line) as strongly as for anything else. Only the strongest counts: a
// lead buying modules for a 工商业分布式 project, or uniforms that 起球 (纺织品检测 fires
// beside 校服), still wants goods.
func (v *Vocabulary) callsForService(text []weighted) bool {
	var top, svc float32
	for _, k := range text {
		if k.kind != kConcept && k.kind != kExpansion {
			continue
		}
		top = max(top, k.w)
		if v.serviceTerms[k.text] {
			svc = max(svc, k.w)
		}
	}
	return svc > 0 && svc >= top
}
