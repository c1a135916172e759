package domain

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"time"
)

// NewID returns a 24-hex-digit identifier laid out like a MongoDB ObjectID (4 bytes of seconds,
// then 8 random bytes), so IDs sort by creation time on both engines and look the same in URLs.
func NewID() string {
	var b [12]byte
	binary.BigEndian.PutUint32(b[:4], uint32(time.Now().Unix()))
	_, _ = rand.Read(b[4:])
	return hex.EncodeToString(b[:])
}

// ValidID reports whether s has the shape NewID produces; handlers use it to answer 404 for
// malformed IDs without a database round trip.
func ValidID(s string) bool {
	if len(s) != 24 {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil
}

// RandomToken returns n random bytes hex-encoded, for session IDs, API tokens and CSRF tokens.
func RandomToken(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
