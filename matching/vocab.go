package matching

import (
	"bufio"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"
)

//go:embed data/*.tsv data/*.txt data/scenarios/*.tsv data/bridge/zh_layman.tsv
var dataFS embed.FS

// Vocabulary is the field knowledge the analyser reads from matching/data: concepts with their
// Chinese and English surface forms, application phrases that call for products, stop words,
// the segmenter's dictionary, certification aliases and export-market groups. It is data, not
// code, so the cluster office's experts can extend it without touching the engine.
type Vocabulary struct {
	concepts      []concept
	byName        map[string]int32
	hanConcepts   *trie
	latinConcepts *trie
	hanApps       *trie
	latinApps     *trie
	mixedConcepts *trie // surfaces of both scripts written together (B超): mixed.go
	mixedApps     *trie
	apps          [][]int32         // application → concepts it calls for
	latinSyms     map[string]int32  // Latin word (or an inflection of one, see addInflections) → symbol of the Latin tries
	nextSym       int32             // symbols are numbered from 1; aliases share their word's
	heads         map[int32][]int32 // last word of a Latin concept phrase → concepts (see heads.go)
	modifiers     map[int32][]int32 // word found before the last word of a Latin phrase → the phrase's concepts
	stopChars     map[rune]bool
	stopHan       *trie
	stopEn        map[string]bool
	dict          *trie
	unigrams      map[rune]bool
	certAlias     map[string]string
	marketGroup   map[string]string // ISO country → group code (EU, ASEAN …)

	// Scenario knowledge (data/scenarios/<cluster>.tsv): which clusters a concept or an
	// application belongs to, for cluster inference, and the version of every file read.
	conceptClusters map[int32][]string
	appClusters     map[int32][]string
	scenarioFiles   map[string]string // cluster → version line
	serviceTerms    map[string]bool   // index terms of concepts service firms answer (scenario "service" lines)
	scenes          int
	familyForms     int // scene forms added as word-family siblings
	certMentions    []certMention
	places          places
	evidenceStop    map[string]bool // words never shown as evidence (data/evidence_stop.txt)

	// While loading: the Han forms written for applications and scenes, whose word-family
	// siblings (families.go) are added once every file is read.
	written map[string]bool
	pending []pendingForms

	bag           [2]sceneBag            // every product's scene phrases as one bag of Han bigrams, one of Latin words (scenebag.go)
	bagStop       map[bigram]bool        // bigrams of everyday words the bag ignores (data/bag_stop.txt)
	bagStopEn     []string               // everyday English words the bag ignores (data/bag_stop.txt)
	latinWritten  []latinForm            // while loading: the Latin forms written for applications, for the bag
	latinAppNodes map[int32]latinAppNode // Latin application trie node → how its phrases were written (lemma.go)

	layman      *trie // everyday name → products, or laymanBlocked (layman.go); nil without the table
	laymanStale int   // products of the table the vocabulary does not know

	compose *composer // the halves of the scene phrases, for pairs nobody wrote (compose.go)

	sound *soundIndex // the sounds of the Han phrases, for slips of a phone's input (homophone.go)
}

type concept struct {
	name string // canonical Chinese term, shown in explanations
	en   string // English label
	term string // index term: "#" + name
}

var (
	defaultVocabOnce sync.Once
	defaultVocab     *Vocabulary
)

// DefaultVocabulary returns the vocabulary embedded in the binary.
func DefaultVocabulary() *Vocabulary {
	defaultVocabOnce.Do(func() {
		v, err := LoadVocabulary(dataFS, "data")
		if err != nil {
			// The files are embedded at build time and checked by the tests: a broken one is a
			// programming error, not an input error.
			panic(fmt.Sprintf("matching: embedded vocabulary: %v", err))
		}
		defaultVocab = v
	})
	return defaultVocab
}

// LoadVocabulary reads the vocabulary files from dir in fsys.
func LoadVocabulary(fsys fs.FS, dir string) (*Vocabulary, error) {
	v := &Vocabulary{
		byName:        map[string]int32{},
		hanConcepts:   newTrie(),
		latinConcepts: newTrie(),
		hanApps:       newTrie(),
		latinApps:     newTrie(),
		mixedConcepts: newTrie(),
		mixedApps:     newTrie(),
		latinSyms:     map[string]int32{},
		stopChars:     map[rune]bool{},
		stopHan:       newTrie(),
		stopEn:        map[string]bool{},
		dict:          newTrie(),
		unigrams:      map[rune]bool{},
		certAlias:     map[string]string{},
		marketGroup:   map[string]string{},

		conceptClusters: map[int32][]string{},
		appClusters:     map[int32][]string{},
		scenarioFiles:   map[string]string{},
		serviceTerms:    map[string]bool{},
		evidenceStop:    map[string]bool{},
	}
	steps := []struct {
		file string
		fn   func(line string) error
	}{
		{"concepts.tsv", v.addConceptLine},
		{"applications.tsv", v.addApplicationLine},
		{"stopwords.txt", v.sectioned(map[string]func(string) error{"chars": v.addStopChars, "zh": v.addStopHan, "en": v.addStopEn})},
		{"dict.txt", v.sectioned(map[string]func(string) error{"words": v.addDictWords, "unigrams": v.addUnigrams})},
		{"certs.tsv", v.addCertLine},
		{"markets.tsv", v.addMarketLine},
	}
	for _, s := range steps {
		if err := eachLine(fsys, dir+"/"+s.file, s.fn); err != nil {
			return nil, err
		}
	}
	if err := v.loadScenarios(fsys, dir+"/scenarios"); err != nil {
		return nil, err
	}
	if err := eachLine(fsys, dir+"/bag_stop.txt", v.addBagStop); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	v.buildSceneBag()
	written := v.pending // addFamilySiblings clears it; composition reads it once the stop lists are in
	if err := v.addFamilySiblings(); err != nil {
		return nil, err
	}
	// Added with lead intake: a vocabulary directory without them still loads.
	for _, s := range []struct {
		file string
		fn   func(string) error
	}{{"certmentions.tsv", v.addCertMention}, {"places.tsv", v.places.addLine}, {"evidence_stop.txt", v.addEvidenceStop}} {
		if err := eachLine(fsys, dir+"/"+s.file, s.fn); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	v.buildComposer(written)
	v.pruneHeads()
	v.addInflections()
	// After every product is known. A directory without the table still loads.
	if err := eachLine(fsys, dir+"/"+laymanFile, v.addLaymanLine); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	v.buildSoundIndex() // once every phrase is in
	return v, nil
}

func eachLine(fsys fs.FS, name string, fn func(string) error) error {
	f, err := fsys.Open(name)
	if err != nil {
		return fmt.Errorf("vocabulary: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if err := fn(line); err != nil {
			return fmt.Errorf("vocabulary %s:%d: %w", name, n, err)
		}
	}
	return sc.Err()
}

// sectioned dispatches the lines of a file with [section] headers.
func (v *Vocabulary) sectioned(handlers map[string]func(string) error) func(string) error {
	var cur func(string) error
	return func(line string) error {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "[") && strings.HasSuffix(t, "]") {
			h, ok := handlers[t[1:len(t)-1]]
			if !ok {
				return fmt.Errorf("unknown section %s", t)
			}
			cur = h
			return nil
		}
		if cur == nil {
			return fmt.Errorf("line outside a section")
		}
		return cur(t)
	}
}

// surface is a parsed surface form: Han runes, a sequence of Latin symbols, or runes of both
// scripts written together (B超, O型圈, MOS管烧; see mixed.go).
type surface struct {
	han   []rune
	latin []int32
	mixed []rune
}

// parseSurface accepts pure Han text or pure Latin text, never a mix: the analyser meets the two
// scripts in separate runs.
func (v *Vocabulary) parseSurface(s string, add bool) (surface, error) {
	s = strings.TrimSpace(s)
	rs := []rune(s)
	han, other := 0, 0
	for i, r := range rs {
		rs[i] = foldRune(r)
		if isHan(rs[i]) {
			han++
		} else if rs[i] != ' ' {
			other++
		}
	}
	switch {
	case han > 0 && other > 0:
		if strings.ContainsRune(s, ' ') {
			return surface{}, fmt.Errorf("surface %q mixes Han and Latin across a space; write them together (B超) or split it", s)
		}
		return surface{mixed: rs}, nil
	case han > 0:
		return surface{han: rs}, nil
	}
	toks := latinTokens(string(rs))
	if len(toks) == 0 {
		return surface{}, fmt.Errorf("surface %q has no words", s)
	}
	syms := make([]int32, len(toks))
	for i, t := range toks {
		id, ok := v.latinSyms[t.text]
		if !ok {
			if !add { // read-only after loading: rankings run concurrently
				return surface{}, fmt.Errorf("unknown word %q", t.text)
			}
			v.nextSym++
			id = v.nextSym
			v.latinSyms[t.text] = id
		}
		syms[i] = id
	}
	return surface{latin: syms}, nil
}

// latinTokens splits plain Latin text (a surface form) the way the analyser splits text.
func latinTokens(s string) []latinTok {
	var out []latinTok
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return !isAlnum(r) && r != '-' && r != '.' && r != '_' && r != '+' }) {
		out = splitLatin(f, 0, out)
	}
	return out
}

func (v *Vocabulary) addConceptLine(line string) error {
	_, err := v.addConcept(line)
	return err
}

// addConcept reads "canonical<TAB>english<TAB>surfaces" and returns the concept's ID.
func (v *Vocabulary) addConcept(line string) (int32, error) {
	f := strings.Split(line, "\t")
	if len(f) != 3 {
		return 0, fmt.Errorf("want canonical<TAB>english<TAB>surfaces, got %d fields", len(f))
	}
	name := strings.TrimSpace(f[0])
	if _, dup := v.byName[name]; dup {
		return 0, fmt.Errorf("concept %q defined twice", name)
	}
	id := int32(len(v.concepts))
	v.concepts = append(v.concepts, concept{name: name, en: strings.TrimSpace(f[1]), term: "#" + name})
	v.byName[name] = id
	forms := append(strings.Split(f[2], ","), name)
	// The English label is the concept's English name: a buyer who writes it means the concept,
	// listed among the surfaces or not ("brake system", "lifting equipment"). Labels that are
	// not plain words ("mobile robot (AGV/AMR)", "PV O&M") are only labels.
	if en := strings.TrimSpace(f[1]); plainLabel(en) {
		forms = append(forms, en)
	}
	for _, form := range forms {
		if strings.TrimSpace(form) == "" {
			continue
		}
		sf, err := v.parseSurface(form, true)
		if err != nil {
			return 0, err
		}
		if sf.mixed != nil {
			v.mixedConcepts.add(sf.mixed, id)
		} else if sf.han != nil {
			v.hanConcepts.add(sf.han, id)
			v.dict.add(sf.han, 0)
		} else {
			v.latinConcepts.add(sf.latin, id)
			if n := len(sf.latin); n > 1 {
				if v.heads == nil {
					v.heads = map[int32][]int32{}
				}
				h := sf.latin[n-1]
				if !slices.Contains(v.heads[h], id) {
					v.heads[h] = append(v.heads[h], id)
				}
				v.addModifiers(sf.latin[:n-1], []int32{id})
			}
		}
	}
	return id, nil
}

// plainLabel reports whether an English label is plain words (letters, digits, spaces, hyphens).
func plainLabel(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == ' ' || r == '-') {
			return false
		}
	}
	return true
}

func (v *Vocabulary) addApplicationLine(line string) error {
	_, err := v.addApplication(line)
	return err
}

// addApplication reads "surfaces<TAB>concepts" and returns the application's ID.
func (v *Vocabulary) addApplication(line string) (int32, error) {
	f := strings.Split(line, "\t")
	if len(f) != 2 {
		return 0, fmt.Errorf("want surfaces<TAB>concepts, got %d fields", len(f))
	}
	var targets []int32
	for _, name := range strings.Split(f[1], ",") {
		id, ok := v.byName[strings.TrimSpace(name)]
		if !ok {
			return 0, fmt.Errorf("application calls for unknown concept %q", name)
		}
		targets = append(targets, id)
	}
	app := int32(len(v.apps))
	v.apps = append(v.apps, targets)
	for _, form := range withEndings(strings.Split(f[0], ",")) {
		sf, err := v.parseSurface(form, true)
		if err != nil {
			return 0, err
		}
		if sf.mixed != nil {
			v.mixedApps.add(sf.mixed, app)
		} else if sf.han != nil {
			v.hanApps.add(sf.han, app)
			v.dict.add(sf.han, 0)
			v.noteWritten(app, form)
		} else {
			v.latinApps.add(sf.latin, app)
			v.noteLatinApp(form, sf.latin)
			v.addModifiers(sf.latin[:len(sf.latin)-1], targets)
			v.latinWritten = append(v.latinWritten, latinForm{app, sf.latin})
		}
	}
	return app, nil
}

func (v *Vocabulary) addStopChars(line string) error {
	for _, w := range strings.Fields(line) {
		rs := []rune(w)
		if len(rs) != 1 || !isHan(rs[0]) {
			return fmt.Errorf("stop char %q is not one Han character", w)
		}
		v.stopChars[rs[0]] = true
	}
	return nil
}

func (v *Vocabulary) addStopHan(line string) error {
	for _, w := range strings.Fields(line) {
		rs := []rune(w)
		for _, r := range rs {
			if !isHan(r) {
				return fmt.Errorf("stop word %q is not Han", w)
			}
		}
		v.stopHan.add(rs, 0)
		v.dict.add(rs, 0)
	}
	return nil
}

func (v *Vocabulary) addStopEn(line string) error {
	for _, w := range strings.Fields(line) {
		v.stopEn[lemmaOf(strings.ToLower(w))] = true
	}
	return nil
}

func (v *Vocabulary) addDictWords(line string) error {
	for _, w := range strings.Fields(line) {
		rs := []rune(w)
		pure := true
		for _, r := range rs {
			pure = pure && isHan(r)
		}
		if pure { // "3D打印", "LED": the Latin part is tokenised on its own anyway
			v.dict.add(rs, 0)
		}
	}
	return nil
}

func (v *Vocabulary) addUnigrams(line string) error {
	for _, w := range strings.Fields(line) {
		rs := []rune(w)
		if len(rs) != 1 || !isHan(rs[0]) {
			return fmt.Errorf("unigram %q is not one Han character", w)
		}
		v.unigrams[rs[0]] = true
		v.dict.add(rs, 0)
	}
	return nil
}

func (v *Vocabulary) addCertLine(line string) error {
	f := strings.Split(line, "\t")
	if len(f) != 2 {
		return fmt.Errorf("want alias<TAB>name")
	}
	v.certAlias[normalizeCert(f[0])] = normalizeCert(f[1])
	return nil
}

func (v *Vocabulary) addMarketLine(line string) error {
	f := strings.Split(line, "\t")
	if len(f) != 2 {
		return fmt.Errorf("want group<TAB>countries")
	}
	g := strings.ToUpper(strings.TrimSpace(f[0]))
	for _, c := range strings.Fields(f[1]) {
		v.marketGroup[strings.ToUpper(c)] = g
	}
	return nil
}

func (v *Vocabulary) addEvidenceStop(line string) error {
	for _, w := range strings.Fields(line) {
		v.evidenceStop[strings.ToLower(w)] = true
	}
	return nil
}

// generic reports whether a matched term says nothing as evidence ("支持", "processing").
func (v *Vocabulary) generic(term string) bool {
	t := strings.ToLower(strings.TrimSpace(term))
	return v.evidenceStop[t] || v.evidenceStop[lemmaOf(t)]
}

// Cert returns the normalised name a certification counts as ("ISO 9001:2015" → ISO9001,
// "GB/T 19001" → ISO9001); "" for a blank input.
func (v *Vocabulary) Cert(s string) string {
	n := normalizeCert(s)
	if a, ok := v.certAlias[n]; ok {
		return a
	}
	return n
}

// TermLabel returns the display form of a matched term in lang: a concept's English label in
// "en", the term itself otherwise.
func (v *Vocabulary) TermLabel(term, lang string) string {
	if strings.HasPrefix(lang, "en") {
		if id, ok := v.conceptOf(term); ok && v.concepts[id].en != "" {
			return v.concepts[id].en
		}
	}
	return term
}

// conceptOf finds the concept one of whose surface forms is exactly term.
func (v *Vocabulary) conceptOf(term string) (int32, bool) {
	if id, ok := v.byName[term]; ok {
		return id, true
	}
	sf, err := v.parseSurface(term, false)
	if err != nil {
		return 0, false
	}
	t, syms := v.hanConcepts, sf.han
	switch {
	case sf.mixed != nil:
		t, syms = v.mixedConcepts, sf.mixed
	case sf.han == nil:
		t, syms = v.latinConcepts, sf.latin
	}
	n := int32(0)
	for _, s := range syms {
		var ok bool
		if n, ok = t.step(n, s); !ok {
			return 0, false
		}
	}
	if p := t.pay[n]; p != 0 {
		return t.lists[p-1][0], true
	}
	return 0, false
}

// Concepts returns the number of concepts, for reports.
func (v *Vocabulary) Concepts() int { return len(v.concepts) }
