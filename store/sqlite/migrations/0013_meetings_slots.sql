-- Meeting windows per event, opt-ins, bookings that hold a slot for a firm or a table,
-- online links and each side's feedback.
ALTER TABLE meetings ADD COLUMN requested_slot INTEGER;
ALTER TABLE meetings ADD COLUMN video_link TEXT NOT NULL DEFAULT '';
ALTER TABLE meetings ADD COLUMN requester_feedback TEXT;
ALTER TABLE meetings ADD COLUMN recipient_feedback TEXT;
-- A scheduled held meeting counts for the campaign by the time of its slot.
CREATE INDEX IF NOT EXISTS meetings_slot ON meetings (slot_start);

-- The organiser's meeting windows of an event, as one JSON list.
CREATE TABLE IF NOT EXISTS meeting_windows (
    event_id   TEXT PRIMARY KEY,
    windows    TEXT NOT NULL DEFAULT '[]',
    updated_at INTEGER NOT NULL
);

-- Which registered enterprises take part in 1:1 meetings at an event.
CREATE TABLE IF NOT EXISTS meeting_optins (
    event_id      TEXT NOT NULL,
    enterprise_id TEXT NOT NULL,
    opt_in        INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    PRIMARY KEY (event_id, enterprise_id)
);

-- One row per thing a scheduled meeting occupies at a slot: each firm ("f:" + ID) and its table
-- ("t:" + number). The primary key is the no-double-booking rule; draft rows are the scheduler's
-- unpublished placements, replaced on each run.
CREATE TABLE IF NOT EXISTS meeting_claims (
    event_id   TEXT NOT NULL,
    slot_start INTEGER NOT NULL,
    holder     TEXT NOT NULL,
    meeting_id TEXT NOT NULL,
    draft      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (event_id, slot_start, holder)
);
CREATE INDEX IF NOT EXISTS meeting_claims_meeting ON meeting_claims (meeting_id);

-- Meetings placed before bookings existed hold their places too, so no member books over them.
INSERT OR IGNORE INTO meeting_claims (event_id, slot_start, holder, meeting_id, draft)
    SELECT event_id, slot_start, 'f:' || requester_id, id, published_at IS NULL FROM meetings
    WHERE status = 'accepted' AND slot_start IS NOT NULL;
INSERT OR IGNORE INTO meeting_claims (event_id, slot_start, holder, meeting_id, draft)
    SELECT event_id, slot_start, 'f:' || recipient_id, id, published_at IS NULL FROM meetings
    WHERE status = 'accepted' AND slot_start IS NOT NULL;
INSERT OR IGNORE INTO meeting_claims (event_id, slot_start, holder, meeting_id, draft)
    SELECT event_id, slot_start, 't:' || table_no, id, published_at IS NULL FROM meetings
    WHERE status = 'accepted' AND slot_start IS NOT NULL AND table_no > 0;
