package matching

// Weights set how evidence counts. Relevance is additive: BM25 text relevance normalised by the
// lead's own best possible score (so Text is the most a perfect textual match adds) plus the
// shared codes. Preferences then scale relevance (a boost of 0.15 is ×1.15) and never create it:
// a nearby firm that makes the wrong product stays irrelevant.
type Weights struct {
	Text    float64
	Cluster float64 // per shared cluster
	// InferredCluster scales Cluster for a lead whose clusters the platform inferred: a guess
	// is weaker evidence than a buyer's or an organiser's word.
	InferredCluster float64
	Industry        [3]float64 // GB/T 4754 match to division, group, class (cumulative)
	HS              [3]float64 // HS match to chapter, heading, subheading (cumulative)
	Region          [3]float64 // boost: supplier within the delivery area, in its city, in its province
	Export          [2]float64 // boost: exports to the lead's market, to its market group
	Tier            float64    // boost: supplier of a preferred tier
	Service         float64    // share removed: a service firm offered for a goods demand
	Trader          float64    // share removed: a trader offered for a goods demand
}

// Config sets up an Engine. The zero value is not useful; start from DefaultConfig.
type Config struct {
	Segmenter Segmenter
	// NoVocabulary drops concepts, synonyms and application terms: plain text matching.
	NoVocabulary bool
	// TextOnly ignores structured evidence and hard filters: the plain BM25 baseline.
	TextOnly bool
	// NoSceneBag reads scenes by their phrases alone, without the scene bag's fallback
	// (scenebag.go): for tests of the phrases and for measuring what the bag adds.
	NoSceneBag bool
	// NoBridge reads a lead's English without the English→Chinese bridge (translate.go): for
	// measuring what the bridge adds.
	NoBridge bool
	// NoLayman reads a lead's Chinese without the everyday-name table (layman.go): for
	// measuring what it adds.
	NoLayman bool
	// ClusterOnce gives a profile the largest single cluster key it shares with the lead rather
	// than the sum (clusteronce.go). Off: the development sets lose with it.
	ClusterOnce bool
	Weights     Weights
	// Tuning holds the weights inside a lead's reading (expansions, settings, the scene bag)
	// and of cluster inference; a zero Tuning means DefaultTuning.
	Tuning Tuning
	K1, B  float64 // BM25 parameters
	// MaxDFRatio treats terms found in more than this share of profiles as stop words once the
	// index holds MinDFDocs profiles, so a vague word in a lead does not walk most of a large
	// index. 0 keeps every term.
	MaxDFRatio float64
	MinDFDocs  int
	// ExposureAlpha sets fair exposure: a supplier that received n leads recently has its score
	// multiplied by 1/(1+α·ln(1+n)). 0 turns it off.
	ExposureAlpha float64
	// DefaultK and MaxK clamp the number of results asked for.
	DefaultK, MaxK int
	// MaxFieldRunes cuts each text field before analysis.
	MaxFieldRunes int
	// MaxQueryTerms keeps the strongest terms of a very long lead.
	MaxQueryTerms int
	// Labeler names clusters and regions in the Summary of explanations; nil shows codes.
	Labeler Labeler
	// Vocabulary replaces the embedded one (tests).
	Vocabulary *Vocabulary
}

// DefaultConfig returns the settings the quality set was tuned with (BENCHMARKS.md, "Matching").
func DefaultConfig() Config {
	return Config{
		Segmenter: SegBigram,
		Weights: Weights{
			Text:            12,
			Cluster:         1.5,
			InferredCluster: 0.2,
			Industry:        [3]float64{1, 1.75, 2.5},
			HS:              [3]float64{1, 2, 3},
			Region:          [3]float64{0.15, 0.08, 0.04},
			Export:          [2]float64{0.25, 0.12},
			Tier:            0.1,
			Service:         0.35,
			Trader:          0.25,
		},
		Tuning:        DefaultTuning(),
		K1:            1.5,
		B:             0.75,
		MaxDFRatio:    0.5,
		MinDFDocs:     10000,
		ExposureAlpha: 0.15,
		DefaultK:      20,
		MaxK:          200,
		MaxFieldRunes: 4000,
		MaxQueryTerms: 160,
	}
}

// Tuning sets how a lead's words weigh against each other and how its clusters are inferred.
// These were constants set by hand; they are fields so that cmd/tune can fit them, by
// coordinate ascent checked by leave-one-set-out cross-validation, on the development sets
// (BENCHMARKS.md, "Fitted weights").
type Tuning struct {
	// Title weighs the title's terms against the description's (1).
	Title float64
	// Expansion weighs a product a scene phrase calls for against a product the lead names.
	Expansion float64
	// Family weighs a model number's series prefix against the model itself.
	Family float64
	// Head weighs a head-noun expansion (heads.go) against a scene expansion.
	Head float64
	// Gapped weighs a scene phrase met with characters written into it against an exact one;
	// LongGap and Reversed scale it further for a long gap and for two parts written the other
	// way round (gapped.go, reorder.go).
	Gapped, LongGap, Reversed float64
	// Setting weighs, in the ranking, a concept named inside a pain that does not call for it
	// (setting.go); SettingVote weighs its vote for a cluster (clustervotes.go).
	Setting, SettingVote float64
	// The scene bag (scenebag.go): the weight of its guesses against a scene phrase's product,
	// the least cosine a guess needs, how many guesses a field may add, and how many products
	// a field may name or call for before the bag stays out.
	BagWeight   float64
	BagMinScore float64
	BagTop      int
	BagGate     int
	// BagTitleInBody lets the description's scene bag read the title's words with its own: a
	// product whose bag both touch is what the post is about (scenebag.go). Ranking only: the
	// products shown to the buyer and the cluster votes read each field alone.
	BagTitleInBody bool
	// Compose weighs a product called for by an object and a pain that no phrase writes together
	// (compose.go) against a scene phrase's product; 0 composes nothing.
	Compose float64
	// Names keeps names out of what a lead needs (names.go): no scene-bag key inside a place
	// name or a capitalised name of an English sentence, and no concept or bigram strictly inside
	// a place name. 马达加斯加 is where the buyer is, not a motor; Dubai Marina is no marina.
	Names bool
	// ShownBagMinScore, ShownBagTop and ShownBagGate are the scene bag's limits when Understand
	// reads a lead: its guesses are shown to the buyer (a dashed chip each) and vote for the
	// lead's clusters. Ranking gains from many weak guesses, each weighted by its likeness; a
	// buyer shown eleven chips, 电梯? among them, does not.
	ShownBagMinScore float64
	ShownBagTop      int
	ShownBagGate     int
	// Layman weighs a product read from an everyday name (layman.go) against the words the
	// buyer wrote; it is broad evidence, like the English bridge's translations.
	Layman float64
	// Cluster inference (understand.go): the weights of the vocabulary's and the neighbours'
	// votes, how many neighbours vote, the share of the first cluster's score a second one
	// needs, the share of the vocabulary's votes a second cluster needs, and the vote a scene
	// phrase gives its own cluster.
	VocabCluster, KNNCluster float64
	KNNNeighbours            int
	SecondClusterShare       float64
	MinVocabShare            float64
	SceneVote                float64
	// OwnVote weighs, in cluster inference, what the buyer's introduction of itself names
	// (owntrade.go), where ranking weighs it at ownTradeWeight: the office that answers a lead
	// is the need's, not the buyer's (clustervotes.go). 0 leaves it at ownTradeWeight.
	OwnVote float64
	// StoryVote weighs, in cluster inference, what the description names outside its need
	// clauses when a need clause is read as a product or a scene (storyvotes.go). 0 turns it off.
	StoryVote float64
	// WordsSetting finds a general product beside its specific form by the words the buyer
	// wrote as well as by the concepts' names (clustervotes.go).
	WordsSetting bool
	// InferredShare makes an inferred cluster's bonus proportional to its inferred score
	// (Understanding.Clusters[i].Score, scaled by Weights.InferredCluster/0.5 so that a share
	// of one half gives today's flat bonus) instead of flat. An experiment, off by default
	// (BENCHMARKS.md, "Fitted weights").
	InferredShare bool
	// NeedWeight weighs the terms of the clauses that state the need (needfocus.go) and
	// StoryWeight those of the rest of the description, when a need clause names a product or
	// a scene of its own; both 1 turn need focus off.
	NeedWeight, StoryWeight float64
	// BareClusterShare is the share of its cluster credit a profile keeps, for a lead whose
	// clusters were inferred, when it shares nothing with the lead a person would call evidence:
	// no word but lone characters and generic words, no specific code (clusteronce.go). 0
	// leaves it at 1.
	BareClusterShare float64
	// ShortScene weighs a scene phrase of one or two characters (露营, 漏油) in a field where a
	// phrase of three or more calls for another product: the longer phrase is the specific
	// reading (specific.go). 0 leaves it at 1.
	ShortScene float64
	// SubjectTrade reads the buyer's trade named as the speaker's workplace (我们印染厂…, 作为一家
	// 汽配厂, "we run a dyeing mill", "our machine shop") as its own trade (owntrade_subject.go).
	SubjectTrade bool
	// FirmFacts reads the clauses of a description that tell the buyer's firm's own story
	// (founded, size, staff, output, certificates held, markets, products made) as its
	// introduction of itself, and the certifications they name as held, not required
	// (history.go).
	FirmFacts bool
	// TitleLabel weighs a title the description does not support.
	TitleLabel float64
	// Negated weighs what a negator negates in a lead (negation.go): a product the buyer does
	// not want (不要二手的, "without diesel"), and a test or a repair of a defect the buyer wants
	// its product NOT to have (不容易起球). 0 leaves it at 1 (off).
	Negated float64
	// Homophone weighs a scene phrase or a product name heard by its sound in a lead whose
	// characters missed it, a slip of a phone's pinyin or voice input (有烟 for 油烟,
	// homophone.go), against the same phrase written right. 0 reads no slips.
	Homophone float64
	// Peer weighs the relevance of a supplier that makes what the buyer says it makes itself and
	// nothing the buyer needs: a competitor, not a supplier (peer.go). 0 or 1 leaves it whole; a
	// value above 1 counts as 1 (the index walk's bounds assume a factor of at most 1).
	Peer float64
	// WeakFloor marks as a weaker match (Result.Weak, folded by the pages; both directions) a
	// candidate whose score is below this share of the best one's and whose only evidence is a
	// faint scene-bag guess (weakfloor.go). 0 marks none.
	WeakFloor float64
	// ProfileHeads indexes, in a profile, a concept found at the start of a longer concept's
	// surface only as that longer concept: 储能变流器 is a converter, not a storage system
	// (profilehead.go).
	ProfileHeads bool
	// Possession weighs a product the lead names as something the buyer already has (我们有20辆
	// 冷藏车, 现有的ERP, "we operate 300 reefer containers") and Application one it names as what
	// the product is for (用于 智能水表, "for use in welding machines"), wherever the lead names
	// them: the setting of the need, not what is bought (possession.go). 0 leaves each at 1.
	Possession, Application float64
	// ForPhrase weighs, in an English lead, the words after a bare "for" that name what the
	// product read before them is for ("SiC MOSFETs for EV traction inverters"): the buyer's
	// machine or customer, not what is bought (appfor.go; possession.go reads "for use in", 用于).
	// 0 leaves them at 1 (off).
	ForPhrase float64
	// Interface weighs the systems a lead's need must connect to ("connect to our existing ERP",
	// 与现有ERP对接): what the buyer runs already, not what it buys (interface.go). 0 leaves them
	// at 1 (off).
	Interface float64
	// BridgeNeed reads, in an English lead whose phrases already name many products, the need
	// clauses through the English→Chinese bridge at this weight of a field's (translate.go,
	// needBridgeSpans); 0 reads none of such a lead through the bridge (off).
	BridgeNeed float64
}

// DefaultTuning returns the values the development sets were tuned with.
func DefaultTuning() Tuning {
	return Tuning{
		Title:              2,
		Expansion:          0.7,
		Family:             0.5,
		Head:               0.5,
		Gapped:             0.8,
		LongGap:            0.45,
		Reversed:           0.4,
		Setting:            0.35,
		Layman:             1,
		SettingVote:        0.35,
		BagWeight:          2,
		Compose:            0.5,
		BagMinScore:        0.03,
		BagTop:             11,
		BagGate:            5,
		BagTitleInBody:     true,
		Names:              true,
		ShownBagMinScore:   0.08,
		ShownBagTop:        5,
		ShownBagGate:       2,
		VocabCluster:       0.55,
		KNNCluster:         0.45,
		KNNNeighbours:      15,
		SecondClusterShare: 0.6,
		MinVocabShare:      0.1,
		SceneVote:          0.5,
		OwnVote:            0.05,
		StoryVote:          0.4,
		WordsSetting:       true,
		NeedWeight:         1,
		StoryWeight:        0.8,
		ShortScene:         0.7,
		SubjectTrade:       true,
		FirmFacts:          true,
		TitleLabel:         1,
		Negated:            0.1,
		Homophone:          0.7,
		BareClusterShare:   0.5,
		Peer:               0.5,
		WeakFloor:          0.1,
		ProfileHeads:       false,
		Possession:         0.35,
		Application:        0.35,
		ForPhrase:          0.4,
		Interface:          0.5,
		BridgeNeed:         0.25,
	}
}

// BaselineConfig is plain BM25 over bigrams: no vocabulary, no structured evidence, no filters,
// and the textbook k1 and b (the engine's own were fitted to the development sets). The
// evaluation reports it beside the engine.
func BaselineConfig() Config {
	c := DefaultConfig()
	c.NoVocabulary = true
	c.TextOnly = true
	c.ExposureAlpha = 0
	c.K1, c.B = 1.2, 0.75
	return c
}

// clampK bounds the number of results asked for.
func (c *Config) clampK(k int) int {
	if k <= 0 {
		return c.DefaultK
	}
	return min(k, c.MaxK)
}
