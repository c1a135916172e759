package quality

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"text/tabwriter"
)

// FloorFile is the file in the set's directory that holds the committed figures; the quality
// test fails when the engine falls below them.
const FloorFile = "quality.json"

// Floor is the committed figures.
type Floor struct {
	Engine   Figures `json:"engine"`
	Baseline Figures `json:"baseline"`
}

// Figures are one configuration's committed metrics.
type Figures struct {
	NDCG10   float64 `json:"ndcg10"`
	P5       float64 `json:"p5"`
	Recall20 float64 `json:"recall20"`
	Coverage float64 `json:"coverage"`
}

func figures(m Metrics) Figures {
	r := func(f float64) float64 { return float64(int64(f*10000)) / 10000 } // truncate: a floor
	return Figures{NDCG10: r(m.NDCG10), P5: r(m.P5), Recall20: r(m.Recall20), Coverage: r(m.Coverage)}
}

// ReadFloor reads the committed figures from dir.
func ReadFloor(dir string) (Floor, error) {
	var f Floor
	b, err := os.ReadFile(filepath.Join(dir, FloorFile))
	if err != nil {
		return f, fmt.Errorf("quality: %w", err)
	}
	if err := json.Unmarshal(b, &f); err != nil {
		return f, fmt.Errorf("quality: %s: %w", FloorFile, err)
	}
	return f, nil
}

// WriteFloor commits the figures of engine and baseline to dir.
func WriteFloor(dir string, engine, baseline Metrics) error {
	b, err := json.MarshalIndent(Floor{Engine: figures(engine), Baseline: figures(baseline)}, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, FloorFile), append(b, '\n'), 0o644)
}

// Report evaluates every variant on s and prints one table; it returns the metrics in order.
func Report(w io.Writer, s *Set) ([]Metrics, error) {
	var out []Metrics
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "configuration\tnDCG@10\tP@5\trecall@20\tcoverage\t\n")
	for _, v := range Variants() {
		m, err := Evaluate(s, v.Name, v.Config)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
		fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t%.3f\t%.3f\t\n", m.Name, m.NDCG10, m.P5, m.Recall20, m.Coverage)
	}
	if err := tw.Flush(); err != nil {
		return nil, err
	}
	fmt.Fprintf(w, "%d enterprises, %d leads (%d with judgments), coverage over top %d per lead\n",
		len(s.Enterprises), len(s.Leads), out[0].Leads, SentPerLead)
	return out, nil
}
