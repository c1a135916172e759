// Package templates embeds Duijie's templates. Pages are html/template files at
// <area>/<page>.html (the site's own pages at the top level), named by that path without the
// extension ("login", "admin/clusters", "events/list") and rendered by handlers.render inside
// layouts/main.html. Other files (mail/*.tmpl) are embedded too but not parsed as pages.
//
// Conventions for page templates:
//   - All text goes through {{t $.Locale "area.key" args…}}; a page's <title> is data "Title"
//     or, when unset, the message "<page>.title" ("admin/clusters" → admin.clusters.title).
//   - Base data on every page: Locale, User, SignedIn, CSRF (forms post it as _csrf), Path,
//     Query, Form and Errors (map[string]string; never nil), Flash, Now.
//   - Helpers: date/datetime/clock (lang, time or *time, optional IANA zone), zoneLabel, num,
//     clusterName $ code, clusterList $, dict, has, csv, fieldID, roleIs .User "admin" ….
//   - Components (partials/ and static/app.css): field, cluster_checks, form_errors, flash,
//     empty, pagination; classes card, table, btn-*, badge-*, pill-*, stats/stat, tabs.
package templates

import "embed"

// FS holds every template file; the directory tree is the template naming scheme.
//
//go:embed *
var FS embed.FS
