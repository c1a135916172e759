// Package static embeds the CSS, JavaScript and images served under /static/.
package static

import "embed"

// FS holds the static assets; nothing is fetched from a CDN.
//
//go:embed *.css *.js *.svg vendor
var FS embed.FS
