-- Issue 14, third file (0014 and 0114 are applied and never run again): running totals for an
-- organiser of several clusters.
--
-- Each enterprise counts once however many of the organiser's clusters it took part in, which
-- no sum of the clusters' first-month counts gives (an enterprise first active in L1 in March
-- and in L2 in May counts once, in March). So such a scope — the sorted, distinct cluster codes
-- joined by '+', e.g. 'L1+L2' — is kept in campaign_parts and campaign_firsts like one more
-- cluster: its part row for (year, kind, enterprise, month) holds the sum of its members' rows,
-- and the part_new/part_up/part_down triggers of 0114 keep its first months as they keep a
-- cluster's. A record in two member clusters adds to the scope's row twice (once per member),
-- exactly as it adds to the two members' rows: only whether n > 0 matters, and the scope's row
-- stays the sum of its members' through every write and every registration.

-- Which scopes are kept: one row per member cluster. Keyed by cluster first, since every part
-- move looks up the scopes of the clusters it touches.
CREATE TABLE IF NOT EXISTS campaign_scopes (
    cluster TEXT NOT NULL,
    scope   TEXT NOT NULL,
    PRIMARY KEY (cluster, scope)
) WITHOUT ROWID;

CREATE INDEX IF NOT EXISTS campaign_scopes_scope ON campaign_scopes (scope);

-- Registering a scope: insert its cluster list (JSON) here. A list of fewer than two distinct
-- clusters, or a scope kept already, changes nothing; otherwise the scope's part rows are
-- summed from its members' (which fires 0114's part triggers, filling its first months) and
-- every later part move of a member moves them too. The store's RegisterScope, the users
-- triggers below, this migration and RebuildTotals all register through here. The key is built
-- by group_concat over an ordered subquery, not group_concat(… ORDER BY …): a schema using the
-- latter cannot be opened by sqlite3 shells before 3.44 (Debian 12 ships 3.40). Were the order
-- ever not kept, the key would not be store.ScopeKey's and the dashboard would count from the
-- parts, as for a scope not kept: slower, never wrong.
CREATE VIEW IF NOT EXISTS campaign_scope_adds AS SELECT '[]' AS clusters WHERE 0;

CREATE TRIGGER IF NOT EXISTS campaign_scope_add INSTEAD OF INSERT ON campaign_scope_adds
WHEN json_valid(new.clusters)
    AND (SELECT count(DISTINCT value) FROM json_each(new.clusters) WHERE value <> '') >= 2
    AND NOT EXISTS (SELECT 1 FROM campaign_scopes WHERE scope = (SELECT group_concat(value, '+')
        FROM (SELECT DISTINCT value FROM json_each(new.clusters) WHERE value <> '' ORDER BY value)))
BEGIN
    -- Rows left by a scope dropped by hand would be counted twice.
    DELETE FROM campaign_parts WHERE cluster = (SELECT group_concat(value, '+')
        FROM (SELECT DISTINCT value FROM json_each(new.clusters) WHERE value <> '' ORDER BY value));
    DELETE FROM campaign_firsts WHERE cluster = (SELECT group_concat(value, '+')
        FROM (SELECT DISTINCT value FROM json_each(new.clusters) WHERE value <> '' ORDER BY value));
    INSERT INTO campaign_parts (year, cluster, kind, enterprise_id, month, n)
        SELECT p.year, (SELECT group_concat(value, '+')
                FROM (SELECT DISTINCT value FROM json_each(new.clusters) WHERE value <> '' ORDER BY value)),
            p.kind, p.enterprise_id, p.month, sum(p.n)
        FROM campaign_parts p
        WHERE p.cluster IN (SELECT value FROM json_each(new.clusters) WHERE value <> '')
        GROUP BY p.year, p.kind, p.enterprise_id, p.month
        HAVING sum(p.n) <> 0;
    INSERT INTO campaign_scopes (cluster, scope)
        SELECT DISTINCT value, (SELECT group_concat(value, '+')
                FROM (SELECT DISTINCT value FROM json_each(new.clusters) WHERE value <> '' ORDER BY value))
        FROM json_each(new.clusters) WHERE value <> '';
END;

-- 0114's spreading of a record's part, now over the scopes of its clusters too: a scope once
-- per member cluster of the record (the sum of its members' moves).
DROP TRIGGER IF EXISTS campaign_part_move;

CREATE TRIGGER campaign_part_move INSTEAD OF INSERT ON campaign_part_moves BEGIN
    INSERT INTO campaign_parts (year, cluster, kind, enterprise_id, month, n)
        SELECT new.month / 100, c.value, k.value, new.enterprise_id, new.month, new.delta
        FROM (SELECT value FROM json_each(new.clusters) UNION SELECT '*'
              UNION ALL SELECT s.scope FROM campaign_scopes s
                  WHERE s.cluster IN (SELECT value FROM json_each(new.clusters))) AS c,
             (SELECT new.kind AS value UNION SELECT '*') AS k
        WHERE true
        ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

-- An organiser's clusters, however they are set (admin page, invitation, `duijie user`, a
-- restore), register their scope, so the organiser's dashboard reads totals from the start.
-- A scope no organiser has any more stays kept: it costs a few part rows per write, no error.
CREATE TRIGGER IF NOT EXISTS campaign_scope_user_ins AFTER INSERT ON users WHEN new.role = 'organiser' BEGIN
    INSERT INTO campaign_scope_adds (clusters) VALUES (new.clusters);
END;

CREATE TRIGGER IF NOT EXISTS campaign_scope_user_upd AFTER UPDATE OF role, clusters ON users
WHEN new.role = 'organiser' BEGIN
    INSERT INTO campaign_scope_adds (clusters) VALUES (new.clusters);
END;

-- The organisers already stored.
INSERT INTO campaign_scope_adds (clusters) SELECT clusters FROM users WHERE role = 'organiser';
