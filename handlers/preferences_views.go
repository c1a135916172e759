package handlers

import "duijie/domain"

// preferencesView is the data of account/preferences; Wants is by mail kind.
type preferencesView struct {
	Page
	Prefs       *domain.Preferences
	Frequencies []domain.DigestFrequency
	Kinds       []domain.MailKind
	Wants       map[string]bool
}
