// Package templates embeds Duijie's html/template files. Pages live at <area>/<page>.html (or
// at the top level for the site's own pages) and are named by that path without the extension:
// "login", "admin/clusters", "events/list". layouts/main.html frames every page; partials/
// holds the shared components.
package templates

import "embed"

// FS holds every template file; the directory tree is the template naming scheme.
//
//go:embed *
var FS embed.FS
