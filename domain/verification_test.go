package domain

import "testing"

func TestContactsOpen(t *testing.T) {
	interested := &Match{Status: MatchInterested, History: []MatchStep{{Status: MatchInterested}}}
	sent := &Match{Status: MatchSent}
	registered := &Lead{BuyerEnterpriseID: "buyer"}
	outside := &Lead{BuyerName: "Müller GmbH", PostedBy: "organiser"}
	for _, tc := range []struct {
		name                    string
		m                       *Match
		l                       *Lead
		supplierOK, buyerOK, ok bool
	}{
		{"both verified, mutual", interested, registered, true, true, true},
		{"supplier unverified", interested, registered, false, true, false},
		{"buyer unverified", interested, registered, true, false, false},
		{"neither", interested, registered, false, false, false},
		{"not mutual", sent, registered, true, true, false},
		{"outside buyer vouched by staff", interested, outside, true, false, true},
		{"outside buyer, supplier unverified", interested, outside, false, false, false},
	} {
		if got := ContactsOpen(tc.m, tc.l, tc.supplierOK, tc.buyerOK); got != tc.ok {
			t.Errorf("%s: ContactsOpen = %v, want %v", tc.name, got, tc.ok)
		}
	}
	// What a member of each side sees follows the rule; staff keep their own rights.
	supplier := &Enterprise{ID: "s", Contact: Contact{Name: "供应商"}, Verification: VerificationUnverified}
	buyerMember := &User{ID: "b", Role: RoleMember, EnterpriseID: "buyer"}
	if c := interested.SupplierContact(buyerMember, registered, supplier, true); c != (Contact{}) {
		t.Errorf("an unverified supplier's contact reached the buyer: %+v", c)
	}
	supplier.Verification = VerificationVerified
	if c := interested.SupplierContact(buyerMember, registered, supplier, false); c != (Contact{}) {
		t.Errorf("an unverified buyer saw the supplier's contact: %+v", c)
	}
	if c := interested.SupplierContact(buyerMember, registered, supplier, true); c == (Contact{}) {
		t.Error("two verified enterprises with mutual interest see no contact")
	}
	if c := interested.SupplierContact(&User{Role: RoleAdmin}, registered, &Enterprise{Contact: Contact{Name: "x"}}, false); c == (Contact{}) {
		t.Error("the admin lost sight of a mutual match's contact")
	}
}

func TestLicenceType(t *testing.T) {
	for in, want := range map[string]string{
		"%PDF-1.7\n":           "application/pdf",
		"\xff\xd8\xff\xe0JFIF": "image/jpeg",
		"\x89PNG\r\n\x1a\nxx":  "image/png",
		"GIF89a":               "",
		"<html>":               "",
		"":                     "",
	} {
		if got := LicenceType([]byte(in)); got != want {
			t.Errorf("LicenceType(%q) = %q, want %q", in, got, want)
		}
	}
}
