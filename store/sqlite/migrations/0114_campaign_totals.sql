-- Issue 14, second file: 0014 was applied by the first round, and a migration already applied is
-- never run again, so the running totals come under 0114 (no issue will have that number).
--
-- The campaign's running totals (domain.CampaignActuals at city scale: a year's KPIs read a few
-- hundred rows instead of 10^6 matches). Triggers keep them in the same transaction as every
-- write to matches, leads, registrations and events, whatever code path makes it (the store,
-- restore, migrate, a backfill); the counts from the records themselves stay in the store as the
-- consistency check (store.CampaignWindow.FromRecords) and the fallback for windows the totals
-- do not cut (other zones, multi-cluster distinct counts on Mongo).
--
-- Months are cut in China Standard Time (UTC+8, no daylight saving): the programme's zone.
-- month values are yyyymm integers.

-- Matches sent, tallied as domain.MatchCounts folds them: per month of sent_at, cluster list
-- (the match's own JSON list: a reader intersects it with the clusters asked for, so a match
-- in two clusters counts once for an organiser of both), status, furthest stage and currency.
CREATE TABLE IF NOT EXISTS campaign_match_totals (
    month    INTEGER NOT NULL,
    clusters TEXT    NOT NULL,
    status   TEXT    NOT NULL,
    reached  INTEGER NOT NULL,
    cny      INTEGER NOT NULL,
    n        INTEGER NOT NULL,
    value    INTEGER NOT NULL,
    PRIMARY KEY (month, clusters, status, reached, cny)
) WITHOUT ROWID;

-- Leads opened, per month of opened_at and cluster list.
CREATE TABLE IF NOT EXISTS campaign_lead_totals (
    month    INTEGER NOT NULL,
    clusters TEXT    NOT NULL,
    n        INTEGER NOT NULL,
    PRIMARY KEY (month, clusters)
) WITHOUT ROWID;

-- Each enterprise counted once (千): how many records make enterprise take part in the year
-- through kind (event, buyer, supplier; '*' any) in cluster ('*' any), per month. A row whose n
-- goes from 0 to more, or back, moves the enterprise's first month in campaign_firsts.
CREATE TABLE IF NOT EXISTS campaign_parts (
    year          INTEGER NOT NULL,
    cluster       TEXT    NOT NULL,
    kind          TEXT    NOT NULL,
    enterprise_id TEXT    NOT NULL,
    month         INTEGER NOT NULL,
    n             INTEGER NOT NULL,
    PRIMARY KEY (year, cluster, kind, enterprise_id, month)
) WITHOUT ROWID;

-- How many enterprises first took part (through kind, in cluster) in month: summed over the
-- months of a year, the distinct enterprises of the year.
CREATE TABLE IF NOT EXISTS campaign_firsts (
    year    INTEGER NOT NULL,
    cluster TEXT    NOT NULL,
    kind    TEXT    NOT NULL,
    month   INTEGER NOT NULL,
    n       INTEGER NOT NULL,
    PRIMARY KEY (year, cluster, kind, month)
) WITHOUT ROWID;

-- The bulletin's largest signed deals, without reading every match of the year.
CREATE INDEX IF NOT EXISTS matches_signed_value ON matches (value DESC, id) WHERE status = 'signed';

-- One record's part moved by delta: the triggers below insert here, and this view's trigger
-- spreads the move over the record's clusters and '*', its kind and '*'.
CREATE VIEW IF NOT EXISTS campaign_part_moves AS
    SELECT 0 AS month, '[]' AS clusters, '' AS kind, '' AS enterprise_id, 0 AS delta WHERE 0;

CREATE TRIGGER IF NOT EXISTS campaign_part_move INSTEAD OF INSERT ON campaign_part_moves BEGIN
    INSERT INTO campaign_parts (year, cluster, kind, enterprise_id, month, n)
        SELECT new.month / 100, c.value, k.value, new.enterprise_id, new.month, new.delta
        FROM (SELECT value FROM json_each(new.clusters) UNION SELECT '*') AS c,
             (SELECT new.kind AS value UNION SELECT '*') AS k
        WHERE true
        ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

-- A part appeared: if it is the enterprise's earliest month, its first month moves here.
CREATE TRIGGER IF NOT EXISTS campaign_part_new AFTER INSERT ON campaign_parts WHEN new.n > 0 BEGIN
    INSERT INTO campaign_firsts (year, cluster, kind, month, n)
        SELECT new.year, new.cluster, new.kind, o.m, -1
        FROM (SELECT min(month) AS m FROM campaign_parts WHERE year = new.year AND cluster = new.cluster
              AND kind = new.kind AND enterprise_id = new.enterprise_id AND month <> new.month AND n > 0) AS o
        WHERE o.m > new.month
        ON CONFLICT DO UPDATE SET n = n + excluded.n;
    INSERT INTO campaign_firsts (year, cluster, kind, month, n)
        SELECT new.year, new.cluster, new.kind, new.month, 1
        FROM (SELECT min(month) AS m FROM campaign_parts WHERE year = new.year AND cluster = new.cluster
              AND kind = new.kind AND enterprise_id = new.enterprise_id AND month <> new.month AND n > 0) AS o
        WHERE o.m IS NULL OR o.m > new.month
        ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER IF NOT EXISTS campaign_part_up AFTER UPDATE OF n ON campaign_parts
WHEN old.n <= 0 AND new.n > 0 BEGIN
    INSERT INTO campaign_firsts (year, cluster, kind, month, n)
        SELECT new.year, new.cluster, new.kind, o.m, -1
        FROM (SELECT min(month) AS m FROM campaign_parts WHERE year = new.year AND cluster = new.cluster
              AND kind = new.kind AND enterprise_id = new.enterprise_id AND month <> new.month AND n > 0) AS o
        WHERE o.m > new.month
        ON CONFLICT DO UPDATE SET n = n + excluded.n;
    INSERT INTO campaign_firsts (year, cluster, kind, month, n)
        SELECT new.year, new.cluster, new.kind, new.month, 1
        FROM (SELECT min(month) AS m FROM campaign_parts WHERE year = new.year AND cluster = new.cluster
              AND kind = new.kind AND enterprise_id = new.enterprise_id AND month <> new.month AND n > 0) AS o
        WHERE o.m IS NULL OR o.m > new.month
        ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

-- A part went: if it was the earliest month, the first month moves to the next one, or the
-- enterprise no longer counts.
CREATE TRIGGER IF NOT EXISTS campaign_part_down AFTER UPDATE OF n ON campaign_parts
WHEN old.n > 0 AND new.n <= 0 BEGIN
    INSERT INTO campaign_firsts (year, cluster, kind, month, n)
        SELECT new.year, new.cluster, new.kind, new.month, -1
        FROM (SELECT min(month) AS m FROM campaign_parts WHERE year = new.year AND cluster = new.cluster
              AND kind = new.kind AND enterprise_id = new.enterprise_id AND month <> new.month AND n > 0) AS o
        WHERE o.m IS NULL OR o.m > new.month
        ON CONFLICT DO UPDATE SET n = n + excluded.n;
    INSERT INTO campaign_firsts (year, cluster, kind, month, n)
        SELECT new.year, new.cluster, new.kind, o.m, 1
        FROM (SELECT min(month) AS m FROM campaign_parts WHERE year = new.year AND cluster = new.cluster
              AND kind = new.kind AND enterprise_id = new.enterprise_id AND month <> new.month AND n > 0) AS o
        WHERE o.m > new.month
        ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

-- Matches: sent ones are tallied; an interested answer not declined makes the supplier take part.
CREATE TRIGGER IF NOT EXISTS campaign_match_ins AFTER INSERT ON matches WHEN new.sent_at IS NOT NULL BEGIN
    INSERT INTO campaign_match_totals (month, clusters, status, reached, cny, n, value)
        VALUES (CAST(strftime('%Y%m', new.sent_at / 1000 + 28800, 'unixepoch') AS INTEGER), new.clusters, new.status,
            new.reached, coalesce(new.currency = 'CNY', 0), 1, coalesce(new.value, 0))
        ON CONFLICT DO UPDATE SET n = n + excluded.n, value = value + excluded.value;
    INSERT INTO campaign_part_moves (month, clusters, kind, enterprise_id, delta)
        SELECT CAST(strftime('%Y%m', new.sent_at / 1000 + 28800, 'unixepoch') AS INTEGER), new.clusters, 'supplier',
            new.enterprise_id, 1
        WHERE new.reached >= 2 AND new.status <> 'declined';
END;

CREATE TRIGGER IF NOT EXISTS campaign_match_del AFTER DELETE ON matches WHEN old.sent_at IS NOT NULL BEGIN
    INSERT INTO campaign_match_totals (month, clusters, status, reached, cny, n, value)
        VALUES (CAST(strftime('%Y%m', old.sent_at / 1000 + 28800, 'unixepoch') AS INTEGER), old.clusters, old.status,
            old.reached, coalesce(old.currency = 'CNY', 0), -1, -coalesce(old.value, 0))
        ON CONFLICT DO UPDATE SET n = n + excluded.n, value = value + excluded.value;
    INSERT INTO campaign_part_moves (month, clusters, kind, enterprise_id, delta)
        SELECT CAST(strftime('%Y%m', old.sent_at / 1000 + 28800, 'unixepoch') AS INTEGER), old.clusters, 'supplier',
            old.enterprise_id, -1
        WHERE old.reached >= 2 AND old.status <> 'declined';
END;

CREATE TRIGGER IF NOT EXISTS campaign_match_upd
AFTER UPDATE OF sent_at, clusters, status, reached, value, currency, enterprise_id ON matches BEGIN
    INSERT INTO campaign_match_totals (month, clusters, status, reached, cny, n, value)
        SELECT CAST(strftime('%Y%m', old.sent_at / 1000 + 28800, 'unixepoch') AS INTEGER), old.clusters, old.status,
            old.reached, coalesce(old.currency = 'CNY', 0), -1, -coalesce(old.value, 0)
        WHERE old.sent_at IS NOT NULL
        ON CONFLICT DO UPDATE SET n = n + excluded.n, value = value + excluded.value;
    INSERT INTO campaign_match_totals (month, clusters, status, reached, cny, n, value)
        SELECT CAST(strftime('%Y%m', new.sent_at / 1000 + 28800, 'unixepoch') AS INTEGER), new.clusters, new.status,
            new.reached, coalesce(new.currency = 'CNY', 0), 1, coalesce(new.value, 0)
        WHERE new.sent_at IS NOT NULL
        ON CONFLICT DO UPDATE SET n = n + excluded.n, value = value + excluded.value;
    INSERT INTO campaign_part_moves (month, clusters, kind, enterprise_id, delta)
        SELECT CAST(strftime('%Y%m', old.sent_at / 1000 + 28800, 'unixepoch') AS INTEGER), old.clusters, 'supplier',
            old.enterprise_id, -1
        WHERE old.sent_at IS NOT NULL AND old.reached >= 2 AND old.status <> 'declined';
    INSERT INTO campaign_part_moves (month, clusters, kind, enterprise_id, delta)
        SELECT CAST(strftime('%Y%m', new.sent_at / 1000 + 28800, 'unixepoch') AS INTEGER), new.clusters, 'supplier',
            new.enterprise_id, 1
        WHERE new.sent_at IS NOT NULL AND new.reached >= 2 AND new.status <> 'declined';
END;

-- Leads: opened ones are counted; their buyer takes part.
CREATE TRIGGER IF NOT EXISTS campaign_lead_ins AFTER INSERT ON leads WHEN new.opened_at IS NOT NULL BEGIN
    INSERT INTO campaign_lead_totals (month, clusters, n)
        VALUES (CAST(strftime('%Y%m', new.opened_at / 1000 + 28800, 'unixepoch') AS INTEGER), new.clusters, 1)
        ON CONFLICT DO UPDATE SET n = n + excluded.n;
    INSERT INTO campaign_part_moves (month, clusters, kind, enterprise_id, delta)
        SELECT CAST(strftime('%Y%m', new.opened_at / 1000 + 28800, 'unixepoch') AS INTEGER), new.clusters, 'buyer',
            new.buyer_enterprise_id, 1
        WHERE new.buyer_enterprise_id <> '';
END;

CREATE TRIGGER IF NOT EXISTS campaign_lead_del AFTER DELETE ON leads WHEN old.opened_at IS NOT NULL BEGIN
    INSERT INTO campaign_lead_totals (month, clusters, n)
        VALUES (CAST(strftime('%Y%m', old.opened_at / 1000 + 28800, 'unixepoch') AS INTEGER), old.clusters, -1)
        ON CONFLICT DO UPDATE SET n = n + excluded.n;
    INSERT INTO campaign_part_moves (month, clusters, kind, enterprise_id, delta)
        SELECT CAST(strftime('%Y%m', old.opened_at / 1000 + 28800, 'unixepoch') AS INTEGER), old.clusters, 'buyer',
            old.buyer_enterprise_id, -1
        WHERE old.buyer_enterprise_id <> '';
END;

CREATE TRIGGER IF NOT EXISTS campaign_lead_upd AFTER UPDATE OF opened_at, clusters, buyer_enterprise_id ON leads BEGIN
    INSERT INTO campaign_lead_totals (month, clusters, n)
        SELECT CAST(strftime('%Y%m', old.opened_at / 1000 + 28800, 'unixepoch') AS INTEGER), old.clusters, -1
        WHERE old.opened_at IS NOT NULL
        ON CONFLICT DO UPDATE SET n = n + excluded.n;
    INSERT INTO campaign_lead_totals (month, clusters, n)
        SELECT CAST(strftime('%Y%m', new.opened_at / 1000 + 28800, 'unixepoch') AS INTEGER), new.clusters, 1
        WHERE new.opened_at IS NOT NULL
        ON CONFLICT DO UPDATE SET n = n + excluded.n;
    INSERT INTO campaign_part_moves (month, clusters, kind, enterprise_id, delta)
        SELECT CAST(strftime('%Y%m', old.opened_at / 1000 + 28800, 'unixepoch') AS INTEGER), old.clusters, 'buyer',
            old.buyer_enterprise_id, -1
        WHERE old.opened_at IS NOT NULL AND old.buyer_enterprise_id <> '';
    INSERT INTO campaign_part_moves (month, clusters, kind, enterprise_id, delta)
        SELECT CAST(strftime('%Y%m', new.opened_at / 1000 + 28800, 'unixepoch') AS INTEGER), new.clusters, 'buyer',
            new.buyer_enterprise_id, 1
        WHERE new.opened_at IS NOT NULL AND new.buyer_enterprise_id <> '';
END;

-- Registrations: a confirmed one at a published or completed event makes its enterprise take
-- part in the month the event starts, in the event's cluster.
CREATE TRIGGER IF NOT EXISTS campaign_reg_ins AFTER INSERT ON registrations WHEN new.status = 'confirmed' BEGIN
    INSERT INTO campaign_part_moves (month, clusters, kind, enterprise_id, delta)
        SELECT CAST(strftime('%Y%m', e.starts_at / 1000 + 28800, 'unixepoch') AS INTEGER), json_array(e.cluster), 'event',
            new.enterprise_id, 1
        FROM events e WHERE e.id = new.event_id AND e.status IN ('published', 'completed');
END;

CREATE TRIGGER IF NOT EXISTS campaign_reg_del AFTER DELETE ON registrations WHEN old.status = 'confirmed' BEGIN
    INSERT INTO campaign_part_moves (month, clusters, kind, enterprise_id, delta)
        SELECT CAST(strftime('%Y%m', e.starts_at / 1000 + 28800, 'unixepoch') AS INTEGER), json_array(e.cluster), 'event',
            old.enterprise_id, -1
        FROM events e WHERE e.id = old.event_id AND e.status IN ('published', 'completed');
END;

CREATE TRIGGER IF NOT EXISTS campaign_reg_upd AFTER UPDATE OF status, event_id, enterprise_id ON registrations BEGIN
    INSERT INTO campaign_part_moves (month, clusters, kind, enterprise_id, delta)
        SELECT CAST(strftime('%Y%m', e.starts_at / 1000 + 28800, 'unixepoch') AS INTEGER), json_array(e.cluster), 'event',
            old.enterprise_id, -1
        FROM events e WHERE old.status = 'confirmed' AND e.id = old.event_id AND e.status IN ('published', 'completed');
    INSERT INTO campaign_part_moves (month, clusters, kind, enterprise_id, delta)
        SELECT CAST(strftime('%Y%m', e.starts_at / 1000 + 28800, 'unixepoch') AS INTEGER), json_array(e.cluster), 'event',
            new.enterprise_id, 1
        FROM events e WHERE new.status = 'confirmed' AND e.id = new.event_id AND e.status IN ('published', 'completed');
END;

-- Events: publishing, cancelling, moving or re-clustering one moves the parts of its confirmed
-- registrations. Deleting one deletes its registrations first, while the event still says what
-- they counted for.
CREATE TRIGGER IF NOT EXISTS campaign_event_ins AFTER INSERT ON events WHEN new.status IN ('published', 'completed') BEGIN
    INSERT INTO campaign_part_moves (month, clusters, kind, enterprise_id, delta)
        SELECT CAST(strftime('%Y%m', new.starts_at / 1000 + 28800, 'unixepoch') AS INTEGER), json_array(new.cluster), 'event',
            r.enterprise_id, 1
        FROM registrations r WHERE r.event_id = new.id AND r.status = 'confirmed';
END;

CREATE TRIGGER IF NOT EXISTS campaign_event_upd AFTER UPDATE OF status, starts_at, cluster ON events BEGIN
    INSERT INTO campaign_part_moves (month, clusters, kind, enterprise_id, delta)
        SELECT CAST(strftime('%Y%m', old.starts_at / 1000 + 28800, 'unixepoch') AS INTEGER), json_array(old.cluster), 'event',
            r.enterprise_id, -1
        FROM registrations r WHERE old.status IN ('published', 'completed') AND r.event_id = old.id AND r.status = 'confirmed';
    INSERT INTO campaign_part_moves (month, clusters, kind, enterprise_id, delta)
        SELECT CAST(strftime('%Y%m', new.starts_at / 1000 + 28800, 'unixepoch') AS INTEGER), json_array(new.cluster), 'event',
            r.enterprise_id, 1
        FROM registrations r WHERE new.status IN ('published', 'completed') AND r.event_id = new.id AND r.status = 'confirmed';
END;

CREATE TRIGGER IF NOT EXISTS campaign_event_del BEFORE DELETE ON events BEGIN
    DELETE FROM registrations WHERE event_id = old.id;
END;

-- Backfill from the records already stored (the same moves the triggers make).
INSERT INTO campaign_match_totals (month, clusters, status, reached, cny, n, value)
    SELECT CAST(strftime('%Y%m', sent_at / 1000 + 28800, 'unixepoch') AS INTEGER), clusters, status, reached,
        coalesce(currency = 'CNY', 0), count(*), coalesce(sum(value), 0)
    FROM matches WHERE sent_at IS NOT NULL GROUP BY 1, 2, 3, 4, 5;
INSERT INTO campaign_lead_totals (month, clusters, n)
    SELECT CAST(strftime('%Y%m', opened_at / 1000 + 28800, 'unixepoch') AS INTEGER), clusters, count(*)
    FROM leads WHERE opened_at IS NOT NULL GROUP BY 1, 2;
INSERT INTO campaign_part_moves (month, clusters, kind, enterprise_id, delta)
    SELECT CAST(strftime('%Y%m', sent_at / 1000 + 28800, 'unixepoch') AS INTEGER), clusters, 'supplier', enterprise_id, 1
    FROM matches WHERE sent_at IS NOT NULL AND reached >= 2 AND status <> 'declined';
INSERT INTO campaign_part_moves (month, clusters, kind, enterprise_id, delta)
    SELECT CAST(strftime('%Y%m', opened_at / 1000 + 28800, 'unixepoch') AS INTEGER), clusters, 'buyer', buyer_enterprise_id, 1
    FROM leads WHERE opened_at IS NOT NULL AND buyer_enterprise_id <> '';
INSERT INTO campaign_part_moves (month, clusters, kind, enterprise_id, delta)
    SELECT CAST(strftime('%Y%m', e.starts_at / 1000 + 28800, 'unixepoch') AS INTEGER), json_array(e.cluster), 'event',
        r.enterprise_id, 1
    FROM registrations r JOIN events e ON e.id = r.event_id
    WHERE r.status = 'confirmed' AND e.status IN ('published', 'completed');
