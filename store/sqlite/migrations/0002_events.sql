-- Events: events with their agenda, registrations with seat accounting, door scans,
-- recorded time/place changes and personal calendar feed tokens.
-- Times are INTEGER unix milliseconds UTC; lists and the agenda are JSON in TEXT.

CREATE TABLE IF NOT EXISTS events (
    id                    TEXT PRIMARY KEY,
    title                 TEXT NOT NULL,
    title_en              TEXT NOT NULL DEFAULT '',
    cluster               TEXT NOT NULL,
    kind                  TEXT NOT NULL,
    venue                 TEXT NOT NULL DEFAULT '',
    address               TEXT NOT NULL DEFAULT '',
    starts_at             INTEGER NOT NULL,
    ends_at               INTEGER NOT NULL,
    timezone              TEXT NOT NULL,
    capacity              INTEGER NOT NULL,
    max_per_enterprise    INTEGER NOT NULL,
    registration_opens_at INTEGER,
    registration_closes_at INTEGER,
    description           TEXT NOT NULL DEFAULT '',
    status                TEXT NOT NULL,
    -- The whole agenda as one JSON array: it is read and replaced as a whole.
    sessions              TEXT NOT NULL DEFAULT '[]',
    -- Seat accounting, changed only inside the registration transactions: seats held by
    -- confirmed registrations and open offers, and the number of each status.
    seats_taken           INTEGER NOT NULL DEFAULT 0,
    confirmed_count       INTEGER NOT NULL DEFAULT 0,
    waitlisted_count      INTEGER NOT NULL DEFAULT 0,
    -- Last waitlist sequence number handed out; positions are ranks over it.
    wait_seq              INTEGER NOT NULL DEFAULT 0,
    created_by            TEXT NOT NULL DEFAULT '',
    published_at          INTEGER,
    cancelled_at          INTEGER,
    -- Lower-cased title, English title and venue, one per line: what the q filter searches.
    search                TEXT NOT NULL DEFAULT '',
    created_at            INTEGER NOT NULL,
    updated_at            INTEGER NOT NULL,
    CHECK (seats_taken >= 0 AND seats_taken <= capacity)
);
CREATE INDEX IF NOT EXISTS events_starts ON events (starts_at, id);
CREATE INDEX IF NOT EXISTS events_cluster_starts ON events (cluster, starts_at, id);
CREATE INDEX IF NOT EXISTS events_status_starts ON events (status, starts_at, id);
-- Counting the default listing (published, not yet over) without touching the table.
CREATE INDEX IF NOT EXISTS events_status_ends ON events (status, ends_at);

CREATE TABLE IF NOT EXISTS event_changes (
    id          TEXT PRIMARY KEY,
    event_id    TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    field       TEXT NOT NULL,
    old         TEXT NOT NULL DEFAULT '',
    new         TEXT NOT NULL DEFAULT '',
    at          INTEGER NOT NULL,
    by          TEXT NOT NULL DEFAULT '',
    notified_at INTEGER
);
CREATE INDEX IF NOT EXISTS event_changes_event ON event_changes (event_id, at, id);
CREATE INDEX IF NOT EXISTS event_changes_pending ON event_changes (at, id) WHERE notified_at IS NULL;

CREATE TABLE IF NOT EXISTS registrations (
    id               TEXT PRIMARY KEY,
    event_id         TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    enterprise_id    TEXT NOT NULL,
    enterprise_name  TEXT NOT NULL DEFAULT '',
    status           TEXT NOT NULL,
    seats            INTEGER NOT NULL,
    -- Waitlist sequence number (0 when never waitlisted); the position is the rank among the
    -- event's waitlisted registrations, so it stays gapless when someone ahead leaves.
    seq              INTEGER NOT NULL DEFAULT 0,
    offer_expires_at INTEGER,
    attendees        TEXT NOT NULL DEFAULT '[]',
    checkin_code     TEXT NOT NULL,
    checked_in_at    INTEGER,
    created_by       TEXT NOT NULL DEFAULT '',
    cancel_reason    TEXT NOT NULL DEFAULT '',
    cancelled_at     INTEGER,
    -- Lower-cased enterprise name and attendees' names, emails and mobiles, one per line.
    search           TEXT NOT NULL DEFAULT '',
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    UNIQUE (event_id, enterprise_id),
    -- Codes are scanned at one event's door, so they need only be unique within it.
    UNIQUE (event_id, checkin_code)
);
CREATE INDEX IF NOT EXISTS registrations_event_created ON registrations (event_id, created_at, id);
CREATE INDEX IF NOT EXISTS registrations_event_status_seq ON registrations (event_id, status, seq);
CREATE INDEX IF NOT EXISTS registrations_enterprise ON registrations (enterprise_id, created_at);
CREATE INDEX IF NOT EXISTS registrations_offers ON registrations (offer_expires_at) WHERE status = 'offered';

-- Every scan at the door, whatever it answered.
CREATE TABLE IF NOT EXISTS checkins (
    id              TEXT PRIMARY KEY,
    event_id        TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    registration_id TEXT NOT NULL DEFAULT '',
    code            TEXT NOT NULL,
    scanned_by      TEXT NOT NULL DEFAULT '',
    device          TEXT NOT NULL DEFAULT '',
    result          TEXT NOT NULL,
    at              INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS checkins_event_at ON checkins (event_id, at, id);

CREATE TABLE IF NOT EXISTS calendar_tokens (
    user_id    TEXT PRIMARY KEY,
    token      TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
);
