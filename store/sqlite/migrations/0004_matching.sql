-- Matches of leads and suppliers. Times are INTEGER unix milliseconds UTC; lists and
-- the explanation are JSON in TEXT; values are integer units of the currency (yuan for CNY).
CREATE TABLE IF NOT EXISTS matches (
    id              TEXT PRIMARY KEY,
    lead_id         TEXT NOT NULL,
    enterprise_id   TEXT NOT NULL,
    enterprise_name TEXT NOT NULL DEFAULT '',
    clusters        TEXT NOT NULL DEFAULT '[]',
    rank            INTEGER NOT NULL DEFAULT 0,
    score           REAL NOT NULL DEFAULT 0,
    status          TEXT NOT NULL,
    -- The furthest stage reached (domain.Match.Reached), kept so the funnel is one GROUP BY.
    reached         INTEGER NOT NULL DEFAULT 0,
    lost_from       TEXT NOT NULL DEFAULT '',
    explanation     TEXT NOT NULL DEFAULT '{}',
    note            TEXT NOT NULL DEFAULT '',
    buyer_note      TEXT NOT NULL DEFAULT '',
    value           INTEGER NOT NULL DEFAULT 0,
    currency        TEXT NOT NULL DEFAULT '',
    history         TEXT NOT NULL DEFAULT '[]',
    sent_at         INTEGER,
    responded_at    INTEGER,
    closed_at       INTEGER,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    UNIQUE (lead_id, enterprise_id)
);
CREATE INDEX IF NOT EXISTS matches_enterprise ON matches (enterprise_id, created_at, id);
CREATE INDEX IF NOT EXISTS matches_created ON matches (created_at, id);
-- Exposure: matches sent in the last days, per supplier.
CREATE INDEX IF NOT EXISTS matches_sent ON matches (sent_at) WHERE sent_at IS NOT NULL;
-- One row per (cluster, match), so a cluster's funnel uses an index instead of the JSON.
CREATE TABLE IF NOT EXISTS match_clusters (
    cluster  TEXT NOT NULL,
    match_id TEXT NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
    PRIMARY KEY (cluster, match_id)
) WITHOUT ROWID;
