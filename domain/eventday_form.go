package domain

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// QuestionKind is how a registration question is answered.
type QuestionKind string

// Question kinds: free text, one choice among the options, several of them.
const (
	QuestionText   QuestionKind = "text"
	QuestionChoice QuestionKind = "choice"
	QuestionMulti  QuestionKind = "multi"
)

// Limits of registration forms.
const (
	MaxQuestions      = 30
	MaxQuestionLabel  = 200
	MaxOptions        = 30
	MaxOptionLength   = 100
	MaxAnswerLength   = 2000
	maxQuestionIDSize = 32
)

// Question is one question of an event's registration form, with its labels in Chinese and
// English; choices have options (and optionally their English labels, in the same order).
type Question struct {
	ID        string       `json:"id"`
	Label     string       `json:"label"`
	LabelEn   string       `json:"labelEn,omitempty"`
	Kind      QuestionKind `json:"kind"`
	Options   []string     `json:"options,omitempty"`
	OptionsEn []string     `json:"optionsEn,omitempty"`
	Required  bool         `json:"required"`
}

// DisplayLabel is the label in lang, Chinese when no English one was given.
func (q Question) DisplayLabel(lang string) string {
	if lang == "en" && q.LabelEn != "" {
		return q.LabelEn
	}
	return q.Label
}

// DisplayOption is option i in lang.
func (q Question) DisplayOption(lang string, opt string) string {
	if lang == "en" {
		if i := slices.Index(q.Options, opt); i >= 0 && i < len(q.OptionsEn) && q.OptionsEn[i] != "" {
			return q.OptionsEn[i]
		}
	}
	return opt
}

var questionIDRE = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

// ValidateQuestions trims and checks an event's questions: unique IDs of lower-case letters,
// digits, - and _; a label; options for the choice kinds (none for text), distinct.
func ValidateQuestions(qs []Question) error {
	v := &ValidationError{}
	if len(qs) > MaxQuestions {
		v.Add("questions", "eventday_too_many_questions", MaxQuestions)
		return v
	}
	seen := map[string]bool{}
	for i := range qs {
		q := &qs[i]
		f := func(name string) string { return fmt.Sprintf("questions[%d].%s", i, name) }
		q.ID, q.Label, q.LabelEn = strings.TrimSpace(q.ID), strings.TrimSpace(q.Label), strings.TrimSpace(q.LabelEn)
		switch {
		case q.ID == "":
			v.Add(f("id"), "required")
		case len(q.ID) > maxQuestionIDSize || !questionIDRE.MatchString(q.ID):
			v.Add(f("id"), "eventday_question_id_format")
		case seen[q.ID]:
			v.Add(f("id"), "eventday_question_id_twice")
		}
		seen[q.ID] = true
		textField(v, f("label"), q.Label, true, MaxQuestionLabel)
		textField(v, f("labelEn"), q.LabelEn, false, MaxQuestionLabel)
		for j := range q.Options {
			q.Options[j] = strings.TrimSpace(q.Options[j])
		}
		for j := range q.OptionsEn {
			q.OptionsEn[j] = strings.TrimSpace(q.OptionsEn[j])
		}
		switch q.Kind {
		case QuestionText:
			if len(q.Options) > 0 {
				v.Add(f("options"), "eventday_text_no_options")
			}
		case QuestionChoice, QuestionMulti:
			switch {
			case len(q.Options) < 2:
				v.Add(f("options"), "eventday_options_few")
			case len(q.Options) > MaxOptions:
				v.Add(f("options"), "eventday_options_many", MaxOptions)
			case len(q.OptionsEn) > 0 && len(q.OptionsEn) != len(q.Options):
				v.Add(f("optionsEn"), "eventday_options_en_count", len(q.Options))
			}
			opts := map[string]bool{}
			for _, o := range q.Options {
				switch {
				case o == "":
					v.Add(f("options"), "eventday_option_empty")
				case len([]rune(o)) > MaxOptionLength:
					v.Add(f("options"), "too_long", MaxOptionLength)
				case opts[o]:
					v.Add(f("options"), "eventday_option_twice", o)
				}
				opts[o] = true
			}
		default:
			v.Add(f("kind"), "one_of", "text, choice, multi")
		}
	}
	return v.Err()
}

// ValidateAnswers checks answers (question ID → a string, or a list of strings for a multi
// question) against the questions and returns them normalised: text trimmed, a choice one of
// the options, a multi a list of distinct options in the form's order. A missing required
// answer, a question the form does not have and a choice not offered are refused on
// "answers.{id}".
func ValidateAnswers(qs []Question, in map[string]any) (map[string]any, error) {
	v := &ValidationError{}
	out := map[string]any{}
	byID := map[string]Question{}
	for _, q := range qs {
		byID[q.ID] = q
	}
	for id := range in {
		if _, ok := byID[id]; !ok {
			v.Add("answers."+id, "eventday_answer_no_question")
		}
	}
	for _, q := range qs {
		field := "answers." + q.ID
		raw, given := in[q.ID]
		switch q.Kind {
		case QuestionMulti:
			picked, ok := stringList(raw)
			if given && !ok {
				v.Add(field, "eventday_answer_list")
				continue
			}
			var list []string
			for _, o := range q.Options { // the form's order, each once
				if slices.Contains(picked, o) {
					list = append(list, o)
				}
			}
			for _, p := range picked {
				if !slices.Contains(q.Options, p) {
					v.Add(field, "eventday_answer_not_offered", p)
				}
			}
			if len(list) == 0 {
				if q.Required {
					v.Add(field, "required")
				}
				continue
			}
			out[q.ID] = list
		default:
			s, ok := raw.(string)
			if given && raw != nil && !ok {
				v.Add(field, "eventday_answer_text")
				continue
			}
			s = strings.TrimSpace(s)
			switch {
			case s == "":
				if q.Required {
					v.Add(field, "required")
				}
				continue
			case q.Kind == QuestionChoice && !slices.Contains(q.Options, s):
				v.Add(field, "eventday_answer_not_offered", s)
			case len([]rune(s)) > MaxAnswerLength:
				v.Add(field, "too_long", MaxAnswerLength)
			}
			out[q.ID] = s
		}
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// stringList reads a JSON list of strings (or one string, as a form with one box ticked sends).
func stringList(raw any) ([]string, bool) {
	switch x := raw.(type) {
	case nil:
		return nil, true
	case string:
		if x == "" {
			return nil, true
		}
		return []string{x}, true
	case []string:
		return x, true
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			s, ok := e.(string)
			if !ok {
				return nil, false
			}
			out = append(out, strings.TrimSpace(s))
		}
		return out, true
	}
	return nil, false
}

// AnswerText is an answer as one line for exports and the console: a list joined with "、".
func AnswerText(q Question, lang string, a any) string {
	switch x := a.(type) {
	case string:
		if q.Kind == QuestionChoice {
			return q.DisplayOption(lang, x)
		}
		return x
	case []string:
		parts := make([]string, len(x))
		for i, s := range x {
			parts[i] = q.DisplayOption(lang, s)
		}
		return strings.Join(parts, "、")
	case []any:
		l, _ := stringList(x)
		return AnswerText(q, lang, l)
	}
	return ""
}
