package sqlite

import (
	"context"
	"database/sql"
)

// setClusters rewrites the cluster index rows of one record: table kind_clusters (cluster,
// kind_id) lets a filter on a cluster use an index instead of searching JSON lists. kind is
// "enterprise", "lead" or "match", never user input.
func setClusters(ctx context.Context, tx *sql.Tx, kind, id string, clusters []string) error {
	table, col := kind+"_clusters", kind+"_id"
	if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE `+col+` = ?`, id); err != nil {
		return dbErr("index "+kind+" clusters", err)
	}
	for _, c := range clusters {
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO `+table+` (cluster, `+col+`) VALUES (?, ?)`,
			c, id); err != nil {
			return dbErr("index "+kind+" clusters", err)
		}
	}
	return nil
}

// clusterCond is the condition that the record whose ID is idCol is indexed under one of
// clusters (not empty).
func clusterCond(kind, idCol string, clusters []string) (string, []any) {
	ph, args := inList(clusters)
	return idCol + " IN (SELECT " + kind + "_id FROM " + kind + "_clusters WHERE cluster IN (" + ph + "))", args
}

// inClusters adds clusterCond to w.
func (w *where) inClusters(kind, idCol string, clusters []string) {
	cond, args := clusterCond(kind, idCol, clusters)
	w.add(cond, args...)
}
