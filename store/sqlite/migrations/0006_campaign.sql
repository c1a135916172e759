-- The 十百千万 campaign: one row of targets per year, written whole by an admin (settings as
-- data); a year without a row uses the working definition. Values are integer yuan.
CREATE TABLE IF NOT EXISTS campaign_targets (
    year                 INTEGER PRIMARY KEY,
    flagship_events      INTEGER NOT NULL CHECK (flagship_events >= 0),
    matchmaking_sessions INTEGER NOT NULL CHECK (matchmaking_sessions >= 0),
    enterprises          INTEGER NOT NULL CHECK (enterprises >= 0),
    leads                INTEGER NOT NULL CHECK (leads >= 0),
    intentions           INTEGER NOT NULL DEFAULT 0 CHECK (intentions >= 0),
    signed_deals         INTEGER NOT NULL DEFAULT 0 CHECK (signed_deals >= 0),
    signed_value         INTEGER NOT NULL DEFAULT 0 CHECK (signed_value >= 0),
    intended_value       INTEGER NOT NULL DEFAULT 0 CHECK (intended_value >= 0),
    updated_by           TEXT NOT NULL DEFAULT '',
    updated_at           INTEGER NOT NULL
);

-- The dashboard's counts, which the other capabilities' indexes do not serve:
-- the distinct enterprises confirmed at a year's events, read from the index alone;
CREATE INDEX IF NOT EXISTS registrations_event_status_enterprise ON registrations (event_id, status, enterprise_id);
-- the leads opened in a year (drafts have no opened_at);
CREATE INDEX IF NOT EXISTS leads_opened ON leads (opened_at) WHERE opened_at IS NOT NULL;
-- a year's events by kind.
CREATE INDEX IF NOT EXISTS events_kind_starts ON events (kind, starts_at);
