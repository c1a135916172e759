package mail

import "crypto/tls"

// insecureTLS accepts any certificate of host; only tests against a self-signed sink use it.
func insecureTLS(host string) *tls.Config {
	return &tls.Config{ServerName: host, InsecureSkipVerify: true, MinVersion: tls.VersionTLS12} //nolint:gosec // tests only
}
