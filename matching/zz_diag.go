package matching

// Temporary diagnostics; deleted before hand-off.
var diagVariant int
var dCand, dPass0, dPassEv, dProbe, dStamped, dFull, dEss int
