// Package mailtest runs a real SMTP server (github.com/emersion/go-smtp) in the test process, so
// mail tests and benchmarks exercise the same SMTP client code as production.
package mailtest

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

// Message is one mail the server accepted.
type Message struct {
	From string
	To   []string
	Raw  []byte
}

// Server is an SMTP sink on 127.0.0.1. Its knobs may be changed while it runs.
type Server struct {
	Host string
	Port int

	srv      *smtp.Server
	mu       sync.Mutex
	msgs     []Message
	count    atomic.Int64
	discard  atomic.Bool
	reject   func(rcpt string) error
	hang     atomic.Int64 // nanoseconds to stall in DATA
	tempFail atomic.Int64 // next N messages get 451
}

// Start runs a server until the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	s, err := Listen()
	if err != nil {
		t.Fatalf("mailtest: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// Listen runs a server until Close, for callers without a testing.TB (the benchmark command).
func Listen() (*Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &Server{}
	s.srv = smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) {
		return &session{s: s}, nil
	}))
	s.srv.Domain = "mailtest.local"
	s.srv.ReadTimeout = 30 * time.Second
	s.srv.WriteTimeout = 30 * time.Second
	s.srv.MaxMessageBytes = 10 << 20
	s.srv.ErrorLog = nopLogger{}
	addr := ln.Addr().(*net.TCPAddr)
	s.Host, s.Port = "127.0.0.1", addr.Port
	go func() { _ = s.srv.Serve(ln) }()
	return s, nil
}

// Close stops the server.
func (s *Server) Close() error { return s.srv.Close() }

// Discard makes the server count messages without keeping them (benchmarks).
func (s *Server) Discard(on bool) { s.discard.Store(on) }

// RejectRecipients refuses RCPT TO of addresses for which reject returns true with 550.
func (s *Server) RejectRecipients(reject func(rcpt string) bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if reject == nil {
		s.reject = nil
		return
	}
	s.reject = func(rcpt string) error {
		if reject(rcpt) {
			return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such user"}
		}
		return nil
	}
}

// Hang stalls every DATA for d (0 stops stalling): a server that hangs.
func (s *Server) Hang(d time.Duration) { s.hang.Store(int64(d)) }

// FailNext answers the next n messages with 451 (try again later).
func (s *Server) FailNext(n int) { s.tempFail.Store(int64(n)) }

// Count is how many messages were accepted.
func (s *Server) Count() int { return int(s.count.Load()) }

// Messages returns the kept messages in arrival order.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.msgs...)
}

// To returns the kept messages addressed to rcpt.
func (s *Server) To(rcpt string) []Message {
	var out []Message
	for _, m := range s.Messages() {
		for _, r := range m.To {
			if strings.EqualFold(r, rcpt) {
				out = append(out, m)
			}
		}
	}
	return out
}

type session struct {
	s    *Server
	from string
	to   []string
}

func (se *session) Reset()        { se.from, se.to = "", nil }
func (se *session) Logout() error { return nil }

func (se *session) Mail(from string, _ *smtp.MailOptions) error {
	se.from = from
	return nil
}

func (se *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	se.s.mu.Lock()
	reject := se.s.reject
	se.s.mu.Unlock()
	if reject != nil {
		if err := reject(to); err != nil {
			return err
		}
	}
	se.to = append(se.to, to)
	return nil
}

func (se *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	if d := time.Duration(se.s.hang.Load()); d > 0 {
		time.Sleep(d)
	}
	for {
		n := se.s.tempFail.Load()
		if n <= 0 {
			break
		}
		if se.s.tempFail.CompareAndSwap(n, n-1) {
			return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try again later"}
		}
	}
	se.s.count.Add(1)
	if se.s.discard.Load() {
		return nil
	}
	se.s.mu.Lock()
	se.s.msgs = append(se.s.msgs, Message{From: se.from, To: append([]string(nil), se.to...), Raw: raw})
	se.s.mu.Unlock()
	return nil
}

type nopLogger struct{}

func (nopLogger) Printf(string, ...any) {}
func (nopLogger) Println(...any)        {}

// Parsed is a received message taken apart: its headers and its text and HTML parts, decoded.
type Parsed struct {
	Header  mail.Header
	Subject string
	Text    string
	HTML    string
	// Attachments are the parts that are neither the text nor the HTML body.
	Attachments []Attachment
}

// Attachment is one attached file of a parsed message.
type Attachment struct {
	Name string
	Type string // media type without parameters
	Data []byte
}

// Parse reads the message's MIME structure.
func (m Message) Parse() (*Parsed, error) {
	msg, err := mail.ReadMessage(bytes.NewReader(m.Raw))
	if err != nil {
		return nil, err
	}
	dec := new(mime.WordDecoder)
	subj, err := dec.DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		return nil, err
	}
	p := &Parsed{Header: msg.Header, Subject: subj}
	if err := p.walk(msg.Header.Get("Content-Type"), msg.Header.Get("Content-Transfer-Encoding"), msg.Body); err != nil {
		return nil, err
	}
	return p, nil
}

func (p *Parsed) walk(ctype, enc string, body io.Reader) error {
	mt, params, err := mime.ParseMediaType(ctype)
	if err != nil {
		return err
	}
	if strings.HasPrefix(mt, "multipart/") {
		mr := multipart.NewReader(body, params["boundary"])
		for {
			part, err := mr.NextRawPart()
			if errors.Is(err, io.EOF) {
				return nil
			}
			if err != nil {
				return err
			}
			if err := p.walk(part.Header.Get("Content-Type"), part.Header.Get("Content-Transfer-Encoding"), part); err != nil {
				return err
			}
		}
	}
	var r io.Reader = body
	switch strings.ToLower(enc) {
	case "quoted-printable":
		r = quotedprintable.NewReader(body)
	case "base64":
		r = newBase64Reader(body)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	switch mt {
	case "text/plain":
		p.Text = string(b)
	case "text/html":
		p.HTML = string(b)
	default:
		p.Attachments = append(p.Attachments, Attachment{Name: params["name"], Type: mt, Data: b})
	}
	return nil
}
