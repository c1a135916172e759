package domain

import (
	"strings"
	"testing"

	"golang.org/x/crypto/argon2"
)

func TestPasswordRoundTrip(t *testing.T) {
	hash, err := HashPassword("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(hash, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash %q is not a PHC argon2id string with the expected parameters", hash)
	}
	again, _ := HashPassword("correct horse battery")
	if again == hash {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
	for _, tc := range []struct {
		password string
		want     bool
	}{
		{"correct horse battery", true},
		{"correct horse batterY", false},
		{"", false},
	} {
		ok, err := VerifyPassword(hash, tc.password)
		if err != nil {
			t.Fatalf("VerifyPassword(%q): %v", tc.password, err)
		}
		if ok != tc.want {
			t.Errorf("VerifyPassword(%q) = %v, want %v", tc.password, ok, tc.want)
		}
	}
}

// A hash made with other parameters still verifies: they are read from the string, so tuning
// the cost later does not lock out existing accounts.
func TestVerifyPasswordReadsParameters(t *testing.T) {
	salt := []byte("0123456789abcdef")
	key := argon2.IDKey([]byte("older passphrase"), salt, 1, 1024, 2, 24)
	hash := "$argon2id$v=19$m=1024,t=1,p=2$" + b64.EncodeToString(salt) + "$" + b64.EncodeToString(key)
	if ok, err := VerifyPassword(hash, "older passphrase"); err != nil || !ok {
		t.Errorf("VerifyPassword with m=1024,t=1,p=2 = %v, %v; want true", ok, err)
	}
	if ok, _ := VerifyPassword(hash, "older passphrasE"); ok {
		t.Error("wrong password accepted")
	}
}

func TestVerifyPasswordRejectsMalformed(t *testing.T) {
	for _, hash := range []string{
		"",
		"plaintext",
		"$argon2i$v=19$m=19456,t=2,p=1$c2FsdA$a2V5",
		"$argon2id$v=18$m=19456,t=2,p=1$c2FsdA$a2V5",
		"$argon2id$v=19$m=0,t=2,p=1$c2FsdA$a2V5",
		"$argon2id$v=19$m=19456,t=2,p=1$!!$a2V5",
		"$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$",
	} {
		if ok, err := VerifyPassword(hash, "anything"); err == nil || ok {
			t.Errorf("VerifyPassword(%q) = %v, %v; want false and an error", hash, ok, err)
		}
	}
}
