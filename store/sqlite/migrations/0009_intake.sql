-- Lead intake: a lead opened without clusters carries the inferred ones until an
-- organiser confirms them; the triage queue lists those open leads per cluster.
ALTER TABLE leads ADD COLUMN clusters_inferred INTEGER NOT NULL DEFAULT 0;
CREATE INDEX IF NOT EXISTS leads_triage ON leads (created_at, id) WHERE clusters_inferred = 1 AND status = 'open';
