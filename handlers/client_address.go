package handlers

import (
	"net/netip"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// localClientIP holds the client address of the request, as clientIP works it out.
const localClientIP = "duijie.clientIP"

// clientAddress works out the client's address once per request: the TCP peer, unless the peer
// is a trusted reverse proxy (TRUSTED_PROXIES); then X-Forwarded-For is read from the right,
// skipping trusted proxies, and the first other address is the client. Reading from the right
// matters: the left end is whatever the client wrote, so trusting it would let anyone pick the
// address its failed logins are counted against.
func (h *Handler) clientAddress(c *fiber.Ctx) error {
	c.Locals(localClientIP, resolveClientIP(c.Context().RemoteIP().String(), c.Get(fiber.HeaderXForwardedFor), h.web.proxies))
	return c.Next()
}

// resolveClientIP is clientAddress's rule as a pure function.
func resolveClientIP(peer, xff string, trusted []netip.Prefix) string {
	if len(trusted) == 0 || xff == "" || !inPrefixes(peer, trusted) {
		return peer
	}
	hops := strings.Split(xff, ",")
	for i := len(hops) - 1; i >= 0; i-- {
		hop := strings.TrimSpace(hops[i])
		a, err := netip.ParseAddr(hop)
		if err != nil {
			// A hop that is not an address (a port, garbage): what stands left of it is not to be
			// believed either, so the last proxy's peer view ends here.
			return peer
		}
		a = a.Unmap()
		if !inPrefixesAddr(a, trusted) {
			return a.String()
		}
		peer = a.String()
	}
	return peer
}

func inPrefixes(ip string, ps []netip.Prefix) bool {
	a, err := netip.ParseAddr(ip)
	return err == nil && inPrefixesAddr(a.Unmap(), ps)
}

func inPrefixesAddr(a netip.Addr, ps []netip.Prefix) bool {
	for _, p := range ps {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// clientIP is the client's address for limits, audit and logs (see clientAddress).
func clientIP(c *fiber.Ctx) string {
	if ip, ok := c.Locals(localClientIP).(string); ok && ip != "" {
		return ip
	}
	return c.IP()
}
