-- Triage lessons (issue 9): the cluster office's corrections of inferred clusters, kept with
-- what the engine read from the lead, and the learned links switched off.
CREATE TABLE IF NOT EXISTS triage_corrections (
    id       TEXT PRIMARY KEY,
    lead_id  TEXT NOT NULL,
    terms    TEXT NOT NULL DEFAULT '[]',
    clusters TEXT NOT NULL DEFAULT '[]',
    removed  TEXT NOT NULL DEFAULT '[]',
    added    TEXT NOT NULL DEFAULT '[]',
    by_user  TEXT NOT NULL DEFAULT '',
    by_name  TEXT NOT NULL DEFAULT '',
    at       INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS triage_corrections_at ON triage_corrections (at, id);

-- term_key is domain.LessonKey(term): one switch per link, however the term was cased.
CREATE TABLE IF NOT EXISTS triage_lessons_off (
    term_key TEXT NOT NULL,
    cluster  TEXT NOT NULL,
    term     TEXT NOT NULL,
    by_user  TEXT NOT NULL DEFAULT '',
    by_name  TEXT NOT NULL DEFAULT '',
    at       INTEGER NOT NULL,
    PRIMARY KEY (term_key, cluster)
);
