-- The deal loop: mail attachments, instant notices, quotes, shortlists, and the
-- indexes the registration mails walk. Times are INTEGER unix milliseconds UTC; prices are
-- integer minor units (fen, cents) of their currency.
ALTER TABLE outbox ADD COLUMN attachments TEXT NOT NULL DEFAULT '[]';

-- Registration mails follow registrations as they change, and warn of offers about to lapse.
CREATE INDEX IF NOT EXISTS registrations_updated ON registrations (updated_at, id);

-- Items waiting for a member's next instant mail; (user_id, key) makes recording idempotent.
CREATE TABLE IF NOT EXISTS notices (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL,
    key        TEXT NOT NULL,
    kind       TEXT NOT NULL,
    title      TEXT NOT NULL DEFAULT '',
    detail     TEXT NOT NULL DEFAULT '',
    link       TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    queued_at  INTEGER,
    mail_key   TEXT NOT NULL DEFAULT '',
    UNIQUE (user_id, key)
);
CREATE INDEX IF NOT EXISTS notices_pending ON notices (user_id, created_at, id) WHERE queued_at IS NULL;

-- A supplier's current quote on a match; quoting again replaces it and counts the revision.
CREATE TABLE IF NOT EXISTS quotes (
    id             TEXT PRIMARY KEY,
    match_id       TEXT NOT NULL UNIQUE,
    lead_id        TEXT NOT NULL,
    supplier_id    TEXT NOT NULL,
    supplier_name  TEXT NOT NULL DEFAULT '',
    unit_price     INTEGER NOT NULL,
    currency       TEXT NOT NULL,
    quantity       INTEGER NOT NULL,
    moq            INTEGER NOT NULL DEFAULT 0,
    lead_time_days INTEGER NOT NULL DEFAULT 0,
    valid_until    INTEGER NOT NULL,
    note           TEXT NOT NULL DEFAULT '',
    created_by     TEXT NOT NULL DEFAULT '',
    revision       INTEGER NOT NULL DEFAULT 1,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS quotes_lead ON quotes (lead_id, created_at, id);

-- Suppliers a buyer keeps for the final choice, per lead.
CREATE TABLE IF NOT EXISTS shortlists (
    lead_id       TEXT NOT NULL,
    enterprise_id TEXT NOT NULL,
    added_by      TEXT NOT NULL DEFAULT '',
    added_at      INTEGER NOT NULL,
    PRIMARY KEY (lead_id, enterprise_id)
) WITHOUT ROWID;

-- Claiming walks the due messages in order and stops at the batch size: without created_at in
-- the index SQLite sorted every due message on each claim (a 100,000-message backlog made each
-- claim of 500 sort 100,000 rows). Expired claims are found by their own index.
CREATE INDEX IF NOT EXISTS outbox_due_order ON outbox (status, next_attempt_at, created_at, id);
CREATE INDEX IF NOT EXISTS outbox_claims ON outbox (status, claimed_until);
