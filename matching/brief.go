package matching

// slotBrief packs what a ranking needs of a profile to bound its pair evidence and apply the
// hard filters, in 8 bytes instead of the 32 of docMeta, so that the walk can drop most
// candidates without touching their metadata: bits 0–19 the GB/T 2260 region, 20–24 the tier
// bit, 25–26 the role, 27–42 the market set and 43–58 the certification set. A profile whose
// fields do not fit (a set table grown past 16 bits) gets briefPartial: the walk then bounds
// it by the query's largest boost and leaves the filters to the exact check.
type slotBrief uint64

const (
	briefSetBits = 16
	briefPartial = slotBrief(1) << 63
)

func briefOf(m *docMeta) slotBrief {
	if m.region >= 1<<20 || m.tier >= 32 || m.role >= 4 || m.markets >= 1<<briefSetBits || m.certs >= 1<<briefSetBits {
		return briefPartial
	}
	return slotBrief(m.region) | slotBrief(m.tier)<<20 | slotBrief(m.role)<<25 |
		slotBrief(m.markets)<<27 | slotBrief(m.certs)<<43
}

func (b slotBrief) region() uint32  { return uint32(b & (1<<20 - 1)) }
func (b slotBrief) tier() uint8     { return uint8(b>>20) & 31 }
func (b slotBrief) role() uint8     { return uint8(b>>25) & 3 }
func (b slotBrief) markets() uint32 { return uint32(b>>27) & (1<<briefSetBits - 1) }
func (b slotBrief) certs() uint32   { return uint32(b>>43) & (1<<briefSetBits - 1) }
