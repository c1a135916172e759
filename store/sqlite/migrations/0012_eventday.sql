-- The event day: a check-in code per attendee, registration questions and approval, English
-- fields of events.
--
-- Each attendee's code and check-in time live in the registration's attendees JSON, read and
-- written with it; attendee_codes only finds the registration and attendee of a scanned code
-- and keeps codes unique within an event.
CREATE TABLE IF NOT EXISTS attendee_codes (
    event_id        TEXT NOT NULL,
    code            TEXT NOT NULL,
    registration_id TEXT NOT NULL,
    attendee        INTEGER NOT NULL,
    PRIMARY KEY (event_id, code)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS attendee_codes_registration ON attendee_codes (registration_id);

-- Registrations made before: the first attendee keeps the registration's code, the others draw
-- one (hex digits are valid check-in characters), and a firm checked in with its one code had
-- everybody checked in.
UPDATE registrations SET attendees = (
    SELECT json_group_array(json_set(j.value,
        '$.checkinCode', CASE WHEN j.key = 0 THEN registrations.checkin_code
            ELSE substr(hex(randomblob(2)), 1, 4) || '-' || substr(hex(randomblob(2)), 1, 4) END,
        '$.checkedInAt', CASE WHEN registrations.checked_in_at IS NULL THEN NULL
            ELSE strftime('%Y-%m-%dT%H:%M:%fZ', registrations.checked_in_at / 1000.0, 'unixepoch') END))
    FROM json_each(registrations.attendees) j)
WHERE json_array_length(attendees) > 0 AND json_extract(attendees, '$[0].checkinCode') IS NULL;
INSERT OR IGNORE INTO attendee_codes (event_id, code, registration_id, attendee)
    SELECT r.event_id, json_extract(j.value, '$.checkinCode'), r.id, j.key
    FROM registrations r, json_each(r.attendees) j;

-- Registration forms and approval.
ALTER TABLE events ADD COLUMN approval INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN questions TEXT NOT NULL DEFAULT '[]';
ALTER TABLE events ADD COLUMN venue_en TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN description_en TEXT NOT NULL DEFAULT '';
ALTER TABLE registrations ADD COLUMN answers TEXT NOT NULL DEFAULT '{}';
