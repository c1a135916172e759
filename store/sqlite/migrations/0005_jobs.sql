-- Jobs and mail: job leases, run history, checkpoints, the mail outbox and mail preferences.
-- Times are INTEGER unix milliseconds UTC.

-- One row per job name; holder '' means released.
CREATE TABLE IF NOT EXISTS job_leases (
    name        TEXT PRIMARY KEY,
    holder      TEXT NOT NULL DEFAULT '',
    acquired_at INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS job_runs (
    id         TEXT PRIMARY KEY,
    job        TEXT NOT NULL,
    holder     TEXT NOT NULL DEFAULT '',
    trigger    TEXT NOT NULL DEFAULT '',
    status     TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    ended_at   INTEGER,
    counts     TEXT NOT NULL DEFAULT '{}',
    error      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS job_runs_started ON job_runs (started_at, id);
CREATE INDEX IF NOT EXISTS job_runs_job_started ON job_runs (job, started_at, id);
CREATE INDEX IF NOT EXISTS job_runs_job_status ON job_runs (job, status);

CREATE TABLE IF NOT EXISTS job_checkpoints (
    job        TEXT NOT NULL,
    key        TEXT NOT NULL,
    cursor     TEXT NOT NULL DEFAULT '',
    done       INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (job, key)
) WITHOUT ROWID;

-- dedup_key is what makes a digest go out once per (member, period).
CREATE TABLE IF NOT EXISTS outbox (
    id              TEXT PRIMARY KEY,
    dedup_key       TEXT NOT NULL UNIQUE,
    kind            TEXT NOT NULL,
    user_id         TEXT NOT NULL DEFAULT '',
    recipient       TEXT NOT NULL,
    subject         TEXT NOT NULL,
    html            TEXT NOT NULL DEFAULT '',
    text            TEXT NOT NULL DEFAULT '',
    headers         TEXT NOT NULL DEFAULT '{}',
    status          TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    claimed_by      TEXT NOT NULL DEFAULT '',
    claimed_until   INTEGER,
    last_error      TEXT NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL,
    sent_at         INTEGER
);
CREATE INDEX IF NOT EXISTS outbox_due ON outbox (status, next_attempt_at, id);
CREATE INDEX IF NOT EXISTS outbox_created ON outbox (created_at, id);
CREATE INDEX IF NOT EXISTS outbox_status_created ON outbox (status, created_at, id);
CREATE INDEX IF NOT EXISTS outbox_recipient ON outbox (recipient, created_at, id);

CREATE TABLE IF NOT EXISTS mail_preferences (
    user_id           TEXT PRIMARY KEY,
    digest            TEXT NOT NULL DEFAULT 'off',
    locale            TEXT NOT NULL DEFAULT 'zh-CN',
    opt_out           TEXT NOT NULL DEFAULT '[]',
    unsubscribe_token TEXT NOT NULL UNIQUE,
    updated_at        INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS mail_preferences_digest ON mail_preferences (digest, user_id);
