package mail

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"sync"
	"time"

	gomail "github.com/wneessen/go-mail"

	"duijie/domain"
)

// Sender hands one message to the mail system. An error for which Permanent is true means
// retrying will not help (the server refused the recipient or the message).
type Sender interface {
	Send(ctx context.Context, m *domain.OutboxMessage) error
}

// PermanentError marks a failure that retrying cannot fix.
type PermanentError struct{ Err error }

func (e *PermanentError) Error() string { return "permanent: " + e.Err.Error() }
func (e *PermanentError) Unwrap() error { return e.Err }

// Permanent reports whether err is a refusal that retrying cannot fix: an SMTP 5xx reply or a
// message that cannot be built. Timeouts, refused connections and 4xx replies are temporary.
func Permanent(err error) bool {
	var pe *PermanentError
	if errors.As(err, &pe) {
		return true
	}
	var se *gomail.SendError
	if errors.As(err, &se) {
		code := se.ErrorCode()
		return !se.IsTemp() && code >= 500 && code < 600
	}
	return false
}

// SMTPConfig is how to reach the relay.
type SMTPConfig struct {
	Host        string
	Port        int
	Username    string
	Password    string
	ImplicitTLS bool          // smtps://: TLS from the first byte; else STARTTLS when offered
	From        string        // RFC 5322 sender, "Name <addr>" or "addr"
	Timeout     time.Duration // per connection step; a hung server fails the send after this
	// InsecureSkipVerify accepts any server certificate; tests only.
	InsecureSkipVerify bool
}

// SMTP sends through an SMTP relay with github.com/wneessen/go-mail, keeping a few connections
// open between messages so a digest run does not pay a handshake per mail.
type SMTP struct {
	cfg  SMTPConfig
	from *mail.Address
	idle chan *gomail.Client
	mu   sync.Mutex
	open int
}

// maxIdle bounds the connections kept open between sends.
const maxIdle = 16

// NewSMTP checks cfg and returns a sender; it does not connect yet.
func NewSMTP(cfg SMTPConfig) (*SMTP, error) {
	if cfg.Host == "" || cfg.Port <= 0 {
		return nil, errors.New("smtp: host and port are required")
	}
	from, err := mail.ParseAddress(cfg.From)
	if err != nil {
		return nil, fmt.Errorf("smtp: sender %q: %w", cfg.From, err)
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 30 * time.Second
	}
	return &SMTP{cfg: cfg, from: from, idle: make(chan *gomail.Client, maxIdle)}, nil
}

func (s *SMTP) newClient() (*gomail.Client, error) {
	opts := []gomail.Option{
		gomail.WithPort(s.cfg.Port),
		gomail.WithTimeout(s.cfg.Timeout),
		gomail.WithoutNoop(), // a dead pooled connection shows on send, and is retried once
	}
	if s.cfg.ImplicitTLS {
		opts = append(opts, gomail.WithSSL())
	} else {
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSOpportunistic))
	}
	if s.cfg.Username != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(s.cfg.Username), gomail.WithPassword(s.cfg.Password))
	}
	c, err := gomail.NewClient(s.cfg.Host, opts...)
	if err != nil {
		return nil, fmt.Errorf("smtp: %w", err)
	}
	if s.cfg.InsecureSkipVerify {
		if err := c.SetTLSConfig(insecureTLS(s.cfg.Host)); err != nil {
			return nil, fmt.Errorf("smtp: %w", err)
		}
	}
	return c, nil
}

// conn returns an open connection: an idle one, else a new one.
func (s *SMTP) conn(ctx context.Context) (c *gomail.Client, reused bool, err error) {
	select {
	case c := <-s.idle:
		return c, true, nil
	default:
	}
	c, err = s.newClient()
	if err != nil {
		return nil, false, err
	}
	if err := c.DialWithContext(ctx); err != nil {
		return nil, false, fmt.Errorf("smtp: connect to %s:%d: %w", s.cfg.Host, s.cfg.Port, err)
	}
	return c, false, nil
}

// put keeps c for the next send, or closes it when enough are idle.
func (s *SMTP) put(c *gomail.Client) {
	select {
	case s.idle <- c:
	default:
		_ = c.Close()
	}
}

// Send delivers m. A connection that broke while idle is replaced once before giving up.
func (s *SMTP) Send(ctx context.Context, m *domain.OutboxMessage) error {
	msg, err := s.build(m)
	if err != nil {
		return &PermanentError{Err: err}
	}
	for try := 0; ; try++ {
		c, reused, err := s.conn(ctx)
		if err != nil {
			return err
		}
		err = c.Send(msg)
		if err == nil {
			s.put(c)
			return nil
		}
		_ = c.Close()
		var se *gomail.SendError
		replied := errors.As(err, &se) && se.ErrorCode() != 0
		if reused && !replied && try == 0 && ctx.Err() == nil {
			continue // the idle connection had died; a fresh one decides
		}
		return fmt.Errorf("smtp: send to %s: %w", m.To, err)
	}
}

// Close closes the idle connections.
func (s *SMTP) Close() error {
	for {
		select {
		case c := <-s.idle:
			_ = c.Close()
		default:
			return nil
		}
	}
}

// build turns an outbox message into a MIME message: plain text first, HTML as the preferred
// alternative, the stored headers, and a Message-ID derived from the outbox ID so that a retry
// is recognisable as the same mail.
func (s *SMTP) build(m *domain.OutboxMessage) (*gomail.Msg, error) {
	msg := gomail.NewMsg()
	if err := msg.FromFormat(s.from.Name, s.from.Address); err != nil {
		return nil, fmt.Errorf("sender: %w", err)
	}
	if err := msg.To(m.To); err != nil {
		return nil, fmt.Errorf("recipient %q: %w", m.To, err)
	}
	msg.Subject(m.Subject)
	domainPart := s.from.Address[strings.LastIndexByte(s.from.Address, '@')+1:]
	msg.SetMessageIDWithValue(m.ID + "@" + domainPart)
	msg.SetDate()
	for k, v := range m.Headers {
		msg.SetGenHeader(gomail.Header(k), v)
	}
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	if m.HTML != "" {
		msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	}
	for _, a := range m.Attachments {
		ct := a.ContentType
		if ct == "" {
			ct = "application/octet-stream"
		}
		msg.AttachReadSeeker(a.Name, bytes.NewReader(a.Data), gomail.WithFileContentType(gomail.ContentType(ct)))
	}
	return msg, nil
}
