-- Operations and data rough edges.

-- A buyer's own reference of a lead: (buyer, ref) is unique, so importing the buyer's sheet
-- again updates its leads. ref_key is domain.Lead.RefKey(): '' for leads without a reference.
ALTER TABLE leads ADD COLUMN ref TEXT NOT NULL DEFAULT '';
ALTER TABLE leads ADD COLUMN ref_key TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX IF NOT EXISTS leads_ref_key ON leads (ref_key) WHERE ref_key <> '';

-- Job runs: a line the job says about what it did (the digest's period), and idle runs folded
-- into one row (idle_runs earlier runs since idle_since) so the history keeps what matters.
ALTER TABLE job_runs ADD COLUMN note TEXT NOT NULL DEFAULT '';
ALTER TABLE job_runs ADD COLUMN idle_runs INTEGER NOT NULL DEFAULT 0;
ALTER TABLE job_runs ADD COLUMN idle_since INTEGER;
