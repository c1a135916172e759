-- Trust and accounts: tokens bound to the session they were issued with, enterprise
-- verification, business licences, failure counters shared by all instances, single-use links.

ALTER TABLE api_tokens ADD COLUMN session_id TEXT NOT NULL DEFAULT '';
CREATE INDEX IF NOT EXISTS api_tokens_session ON api_tokens (session_id) WHERE session_id <> '';

ALTER TABLE enterprises ADD COLUMN verification TEXT NOT NULL DEFAULT 'unverified';
ALTER TABLE enterprises ADD COLUMN verification_note TEXT NOT NULL DEFAULT '';
ALTER TABLE enterprises ADD COLUMN verified_at INTEGER;
CREATE INDEX IF NOT EXISTS enterprises_verification ON enterprises (verification, name, id);
-- Enterprises that existed before verification were imported or seeded by the office, except
-- those a member created by signing up (the audit log names them): the office vouches for the
-- former, the latter join the queue.
UPDATE enterprises SET verification = 'verified'
    WHERE 'enterprise:' || id NOT IN (SELECT detail FROM audit WHERE action = 'user.signup');

CREATE TABLE IF NOT EXISTS licences (
    enterprise_id TEXT PRIMARY KEY,
    file_name     TEXT NOT NULL DEFAULT '',
    content_type  TEXT NOT NULL,
    data          BLOB NOT NULL,
    uploaded_by   TEXT NOT NULL DEFAULT '',
    uploaded_at   INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS limit_counters (
    key      TEXT PRIMARY KEY,
    count    INTEGER NOT NULL,
    first_at INTEGER NOT NULL,
    last_at  INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS limit_counters_last ON limit_counters (last_at);

CREATE TABLE IF NOT EXISTS account_links (
    id            TEXT PRIMARY KEY,
    kind          TEXT NOT NULL,
    user_id       TEXT NOT NULL DEFAULT '',
    email         TEXT NOT NULL DEFAULT '',
    name          TEXT NOT NULL DEFAULT '',
    enterprise_id TEXT NOT NULL DEFAULT '',
    created_by    TEXT NOT NULL DEFAULT '',
    created_at    INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL,
    used_at       INTEGER
);
CREATE INDEX IF NOT EXISTS account_links_enterprise ON account_links (enterprise_id, kind, created_at);
CREATE INDEX IF NOT EXISTS account_links_user ON account_links (kind, user_id);
CREATE INDEX IF NOT EXISTS account_links_email ON account_links (kind, email);
