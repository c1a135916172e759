package domain

import "testing"

func TestContactPrivacy(t *testing.T) {
	admin := &User{ID: "a", Role: RoleAdmin}
	orgL1 := &User{ID: "o1", Role: RoleOrganiser, Clusters: []string{"L1"}}
	orgA5 := &User{ID: "o2", Role: RoleOrganiser, Clusters: []string{"A5"}}
	own := &User{ID: "m1", Role: RoleMember, EnterpriseID: "E1"}
	other := &User{ID: "m2", Role: RoleMember, EnterpriseID: "E2"}
	loose := &User{ID: "m3", Role: RoleMember}
	disabled := &User{ID: "a2", Role: RoleAdmin, Disabled: true}
	ent := &Enterprise{ID: "E1", Clusters: []string{"L1"}, Contact: Contact{Name: "王工", Phone: "13800000000"}}
	lead := &Lead{ID: "D1", Clusters: []string{"L1"}, BuyerEnterpriseID: "E1", BuyerName: "无锡芯联微电子有限公司", Status: LeadOpen, PostedBy: "m1", Contact: ent.Contact}
	outside := &Lead{ID: "D2", Clusters: []string{"L2"}, BuyerName: "Müller GmbH", Status: LeadOpen, PostedBy: "o2"}

	for _, tc := range []struct {
		name   string
		viewer *User
		mutual bool
		ent    bool // may see the enterprise's contact
		lead   bool // may see the lead's buyer contact
	}{
		{"admin", admin, false, true, true},
		{"organiser of the cluster", orgL1, false, true, true},
		{"organiser of another cluster", orgA5, false, false, false},
		{"member of the firm", own, false, true, true},
		{"another member", other, false, false, false},
		{"another member after mutual interest", other, true, true, true},
		{"member without a firm", loose, false, false, false},
		{"disabled admin", disabled, false, false, false},
		{"anonymous", nil, true, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := CanSeeEnterpriseContact(tc.viewer, ent, tc.mutual); got != tc.ent {
				t.Errorf("enterprise contact: %v, want %v", got, tc.ent)
			}
			if got := CanSeeLeadContact(tc.viewer, lead, tc.mutual); got != tc.lead {
				t.Errorf("lead contact: %v, want %v", got, tc.lead)
			}
			v := lead.ForViewer(tc.viewer, tc.mutual)
			if tc.lead != (v.Contact.Phone != "") || tc.lead != (v.BuyerName == lead.BuyerName) {
				t.Errorf("ForViewer leaked or hid wrongly: %+v", v)
			}
		})
	}
	// The organiser who posted for an outside buyer sees its contact even outside its clusters.
	if !CanSeeLeadContact(orgA5, outside, false) || CanSeeLeadContact(orgL1, outside, false) {
		t.Error("outside buyer contact rule")
	}
}

func TestLeadVisibility(t *testing.T) {
	member := &User{ID: "m2", Role: RoleMember, EnterpriseID: "E2"}
	buyer := &User{ID: "m1", Role: RoleMember, EnterpriseID: "E1"}
	org := &User{ID: "o1", Role: RoleOrganiser, Clusters: []string{"L1"}}
	for _, tc := range []struct {
		status           LeadStatus
		memberSees       bool
		buyerSeesAndEdit bool
	}{{LeadDraft, false, true}, {LeadOpen, true, true}, {LeadClosed, false, true}, {LeadExpired, false, true}} {
		l := &Lead{Status: tc.status, BuyerEnterpriseID: "E1", Clusters: []string{"L1"}}
		if CanViewLead(member, l) != tc.memberSees || CanEditLead(member, l) {
			t.Errorf("%s: other member view=%v", tc.status, CanViewLead(member, l))
		}
		if !CanViewLead(buyer, l) || !CanEditLead(buyer, l) || !CanViewLead(org, l) || !CanEditLead(org, l) {
			t.Errorf("%s: buyer or organiser locked out", tc.status)
		}
	}
}

func TestMaskName(t *testing.T) {
	for in, want := range map[string]string{
		"上海太平洋贸易有限公司": "上海太*****",
		"Müller GmbH": "Mül*****",
		"华为":          "华*****",
		"":            "",
	} {
		if got := MaskName(in); got != want {
			t.Errorf("MaskName(%q) = %q, want %q", in, got, want)
		}
	}
}
