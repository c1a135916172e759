package domain

// MessageError is one of the sentinel errors (ErrForbidden, ErrConflict, …) with the message
// the caller should read instead of the generic one of its kind: a service names why it
// refused ("your account belongs to no enterprise") without knowing about HTTP.
type MessageError struct {
	Err  error  // the sentinel: decides the status
	Key  string // message key in the locale files
	Args []any
}

func (e *MessageError) Error() string { return e.Err.Error() + ": " + e.Key }
func (e *MessageError) Unwrap() error { return e.Err }

// WithMessage is err answered with the message key.
func WithMessage(err error, key string, args ...any) error {
	return &MessageError{Err: err, Key: key, Args: args}
}
