-- Foundation: accounts, sessions, API tokens, clusters, enterprises and the audit log.
-- Times are INTEGER unix milliseconds UTC; string lists are JSON arrays in TEXT.
-- Statements use IF NOT EXISTS so that a half-applied file (impossible inside the migration
-- transaction, but cheap insurance against hand-run SQL) can be applied again.

CREATE TABLE IF NOT EXISTS users (
    id            TEXT PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL DEFAULT '',
    password_hash TEXT NOT NULL DEFAULT '',
    role          TEXT NOT NULL,
    clusters      TEXT NOT NULL DEFAULT '[]',
    enterprise_id TEXT NOT NULL DEFAULT '',
    locale        TEXT NOT NULL DEFAULT '',
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS users_created ON users (created_at, id);
CREATE INDEX IF NOT EXISTS users_role_created ON users (role, created_at, id);
CREATE INDEX IF NOT EXISTS users_enterprise ON users (enterprise_id) WHERE enterprise_id <> '';

-- No foreign keys to users: the Mongo engine has none either, and both must behave alike.
CREATE TABLE IF NOT EXISTS sessions (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL,
    csrf_token TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_user ON sessions (user_id);
CREATE INDEX IF NOT EXISTS sessions_expires ON sessions (expires_at);

CREATE TABLE IF NOT EXISTS api_tokens (
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL,
    name         TEXT NOT NULL DEFAULT '',
    hash         TEXT NOT NULL UNIQUE,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER,          -- NULL: never expires
    last_used_at INTEGER
);
CREATE INDEX IF NOT EXISTS api_tokens_user ON api_tokens (user_id, created_at);

CREATE TABLE IF NOT EXISTS clusters (
    code           TEXT PRIMARY KEY,
    tier           TEXT NOT NULL,
    name_zh        TEXT NOT NULL,
    name_en        TEXT NOT NULL DEFAULT '',
    industry_codes TEXT NOT NULL DEFAULT '[]',
    sort_order     INTEGER NOT NULL DEFAULT 0,
    updated_at     INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS enterprises (
    id             TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    uscc           TEXT NOT NULL UNIQUE,
    clusters       TEXT NOT NULL DEFAULT '[]',
    industry_codes TEXT NOT NULL DEFAULT '[]',
    hs_codes       TEXT NOT NULL DEFAULT '[]',
    products       TEXT NOT NULL DEFAULT '[]',
    description    TEXT NOT NULL DEFAULT '',
    certifications TEXT NOT NULL DEFAULT '[]',
    region         TEXT NOT NULL DEFAULT '',
    tier           TEXT NOT NULL DEFAULT '',
    scale          TEXT NOT NULL DEFAULT '',
    export_markets TEXT NOT NULL DEFAULT '[]',
    contact_name   TEXT NOT NULL DEFAULT '',
    contact_email  TEXT NOT NULL DEFAULT '',
    contact_phone  TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL DEFAULT 'active',
    -- Lower-cased name, USCC and products, one per line: what the q filter searches, so a
    -- search neither matches JSON punctuation nor depends on SQLite's ASCII-only case folding.
    search         TEXT NOT NULL DEFAULT '',
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS enterprises_name ON enterprises (name, id);
CREATE INDEX IF NOT EXISTS enterprises_updated ON enterprises (updated_at, id);
CREATE INDEX IF NOT EXISTS enterprises_region ON enterprises (region, name, id);
CREATE INDEX IF NOT EXISTS enterprises_tier ON enterprises (tier, name, id);

-- One row per (enterprise, cluster): the cluster filters use this index instead of scanning
-- the JSON of every enterprise. enterprises.clusters stays the source the repo returns.
CREATE TABLE IF NOT EXISTS enterprise_clusters (
    cluster       TEXT NOT NULL,
    enterprise_id TEXT NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    PRIMARY KEY (cluster, enterprise_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS enterprise_clusters_enterprise ON enterprise_clusters (enterprise_id);

CREATE TABLE IF NOT EXISTS audit (
    id       TEXT PRIMARY KEY,
    at       INTEGER NOT NULL,
    actor_id TEXT NOT NULL DEFAULT '',
    action   TEXT NOT NULL,
    target   TEXT NOT NULL DEFAULT '',
    detail   TEXT NOT NULL DEFAULT '',
    ip       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS audit_at ON audit (at, id);
CREATE INDEX IF NOT EXISTS audit_target_at ON audit (target, at, id);
