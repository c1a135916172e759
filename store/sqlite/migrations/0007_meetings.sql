-- 1:1 meetings at events. open_key is the event and the unordered pair while a meeting is open
-- (requested or accepted) and the meeting's own ID once closed, so the unique index refuses a
-- second open request between two enterprises at one event whichever side sends it.
CREATE TABLE IF NOT EXISTS meetings (
    id             TEXT PRIMARY KEY,
    event_id       TEXT NOT NULL,
    requester_id   TEXT NOT NULL,
    requester_name TEXT NOT NULL DEFAULT '',
    recipient_id   TEXT NOT NULL,
    recipient_name TEXT NOT NULL DEFAULT '',
    match_id       TEXT NOT NULL DEFAULT '',
    score          REAL NOT NULL DEFAULT 0,
    message        TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL,
    open_key       TEXT NOT NULL,
    slot_start     INTEGER,
    slot_end       INTEGER,
    table_no       INTEGER NOT NULL DEFAULT 0,
    published_at   INTEGER,
    responded_at   INTEGER,
    cancelled_by   TEXT NOT NULL DEFAULT '',
    created_by     TEXT NOT NULL DEFAULT '',
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS meetings_open_key ON meetings (open_key);
-- The quota count and the organiser's view of one event.
CREATE INDEX IF NOT EXISTS meetings_event_requester ON meetings (event_id, requester_id);
-- "My meetings" from either side.
CREATE INDEX IF NOT EXISTS meetings_requester ON meetings (requester_id, created_at);
CREATE INDEX IF NOT EXISTS meetings_recipient ON meetings (recipient_id, created_at);
