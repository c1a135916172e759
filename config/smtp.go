package config

import (
	"errors"
	"net"
	"net/url"
	"strconv"
	"strings"
)

// SMTP is the mail relay of SMTP_URL. smtps:// means TLS from the first byte (port 465 by
// default); smtp:// means submission with STARTTLS when the server offers it (port 587 by default).
type SMTP struct {
	Host        string
	Port        int
	Username    string
	Password    string
	ImplicitTLS bool
}

// Addr is host:port for dialling.
func (s *SMTP) Addr() string { return net.JoinHostPort(s.Host, strconv.Itoa(s.Port)) }

// String is the URL without the password, for logs.
func (s *SMTP) String() string {
	u := url.URL{Scheme: "smtp", Host: s.Addr()}
	if s.ImplicitTLS {
		u.Scheme = "smtps"
	}
	if s.Username != "" {
		u.User = url.User(s.Username)
	}
	return u.String()
}

func parseSMTP(v string) (*SMTP, error) {
	u, err := url.Parse(v)
	if err != nil {
		return nil, errors.New("want smtp://user:pass@host:port or smtps://user:pass@host:port")
	}
	s := &SMTP{Host: u.Hostname()}
	switch u.Scheme {
	case "smtp":
		s.Port = 587
	case "smtps":
		s.Port, s.ImplicitTLS = 465, true
	default:
		return nil, errors.New("want scheme smtp:// or smtps://")
	}
	if s.Host == "" {
		return nil, errors.New("want a host, e.g. smtp://user:pass@mail.example.org:587")
	}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return nil, errors.New("want a port from 1 to 65535")
		}
		s.Port = n
	}
	if strings.Trim(u.Path, "/") != "" || u.RawQuery != "" || u.Fragment != "" {
		return nil, errors.New("want no path or query after host:port")
	}
	if u.User != nil {
		s.Username = u.User.Username()
		s.Password, _ = u.User.Password()
	}
	return s, nil
}
