-- A second file of the deal loop (0011 was applied already, so it cannot grow): mail bodies
-- move out of the outbox row. A message is about one 4 KiB page of HTML and text, and SQLite
-- writes a whole row again on every update: claiming and recording a delivery wrote each
-- message's page twice more to the WAL, which made sending through the outbox cost a third
-- more CPU than sending straight to the relay. Kept apart, the bodies are written once, at
-- queueing, and the rows a sender updates fit a dozen to a page.
CREATE TABLE IF NOT EXISTS outbox_bodies (
    id          TEXT PRIMARY KEY,
    html        TEXT NOT NULL DEFAULT '',
    text        TEXT NOT NULL DEFAULT '',
    attachments TEXT NOT NULL DEFAULT '[]'
);
INSERT OR IGNORE INTO outbox_bodies (id, html, text, attachments) SELECT id, html, text, attachments FROM outbox;
ALTER TABLE outbox DROP COLUMN html;
ALTER TABLE outbox DROP COLUMN text;
ALTER TABLE outbox DROP COLUMN attachments;

-- outbox_due_order (status, next_attempt_at, created_at, id) serves every query outbox_due did;
-- each index is one more write per change of status.
DROP INDEX IF EXISTS outbox_due;

-- What a sender looks for is only ever pending (due) or sending (claim ran out): indexes of just
-- those rows stay small as sent mail piles up, and sent rows cost them no writes.
DROP INDEX IF EXISTS outbox_due_order;
DROP INDEX IF EXISTS outbox_claims;
CREATE INDEX IF NOT EXISTS outbox_pending_due ON outbox (next_attempt_at, created_at, id) WHERE status = 'pending';
CREATE INDEX IF NOT EXISTS outbox_sending_until ON outbox (claimed_until) WHERE status = 'sending';
