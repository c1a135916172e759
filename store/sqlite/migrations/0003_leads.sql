-- Order leads. Times are INTEGER unix milliseconds UTC; lists are JSON in TEXT;
-- budgets are integer yuan.
CREATE TABLE IF NOT EXISTS leads (
    id                      TEXT PRIMARY KEY,
    title                   TEXT NOT NULL,
    description             TEXT NOT NULL DEFAULT '',
    clusters                TEXT NOT NULL DEFAULT '[]',
    industry_codes          TEXT NOT NULL DEFAULT '[]',
    hs_codes                TEXT NOT NULL DEFAULT '[]',
    quantity                REAL NOT NULL DEFAULT 0,
    unit                    TEXT NOT NULL DEFAULT '',
    budget_min              INTEGER NOT NULL DEFAULT 0,
    budget_max              INTEGER NOT NULL DEFAULT 0,
    currency                TEXT NOT NULL DEFAULT 'CNY',
    delivery_region         TEXT NOT NULL DEFAULT '',
    export_market           TEXT NOT NULL DEFAULT '',
    required_certifications TEXT NOT NULL DEFAULT '[]',
    preferred_tiers         TEXT NOT NULL DEFAULT '[]',
    deadline                INTEGER,
    status                  TEXT NOT NULL,
    outcome                 TEXT NOT NULL DEFAULT '',
    buyer_enterprise_id     TEXT NOT NULL DEFAULT '',
    buyer_name              TEXT NOT NULL DEFAULT '',
    contact_name            TEXT NOT NULL DEFAULT '',
    contact_email           TEXT NOT NULL DEFAULT '',
    contact_phone           TEXT NOT NULL DEFAULT '',
    posted_by               TEXT NOT NULL DEFAULT '',
    opened_at               INTEGER,
    closed_at               INTEGER,
    -- Lower-cased title and description: what the q filter searches (SQLite folds ASCII only).
    search                  TEXT NOT NULL DEFAULT '',
    created_at              INTEGER NOT NULL,
    updated_at              INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS leads_created ON leads (created_at, id);
CREATE INDEX IF NOT EXISTS leads_status ON leads (status, created_at, id);
CREATE INDEX IF NOT EXISTS leads_buyer ON leads (buyer_enterprise_id, created_at, id);
CREATE INDEX IF NOT EXISTS leads_posted_by ON leads (posted_by, created_at, id);
CREATE INDEX IF NOT EXISTS leads_updated ON leads (updated_at, id);
-- Open leads by deadline, for the expiry job.
CREATE INDEX IF NOT EXISTS leads_due ON leads (deadline) WHERE status = 'open';
-- One row per (cluster, lead), so listing a cluster's leads uses an index instead of scanning
-- the JSON of every lead. leads.clusters stays the source the repo returns.
CREATE TABLE IF NOT EXISTS lead_clusters (
    cluster TEXT NOT NULL,
    lead_id TEXT NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    PRIMARY KEY (cluster, lead_id)
) WITHOUT ROWID;
