//go:build !race

package storetest

// syncBulk is how many profiles share one updatedAt in the bulk case: more than a store ever
// served in one page before keyset paging (5,000), as one import writes them.
const syncBulk = 20_000
