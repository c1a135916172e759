package domain

import (
	"errors"
	"time"
)

// Errors of signing in; handlers map them to 401 and 403 with one message each, whatever the
// cause, so the answer does not tell which accounts exist.
var (
	ErrLoginFailed     = errors.New("wrong email or password")
	ErrAccountDisabled = errors.New("account disabled")
)

// RateLimitError says the caller must wait before trying again (HTTP 429 with Retry-After).
type RateLimitError struct{ Wait time.Duration }

func (e *RateLimitError) Error() string { return "rate limited for " + e.Wait.String() }
