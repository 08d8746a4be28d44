#pragma once
// SQL of the access log (migrations 0002 and 0011: audit_log, audit_head, audit_first_id_at).
// Entries are only ever inserted; the head row, locked FOR UPDATE by each append, keeps the last
// id and hash so that appends from several server processes form one chain.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "mimamori/common/audit_chain.hpp"

namespace mimamori::repositories {

struct AuditHead {
    std::int64_t last_id = 0;
    audit::Hash last_hash{};
    // The database's clock when the lock was granted, or the last entry's time when that is later
    // (microseconds).
    std::int64_t now_us = 0;
};

// Locks the chain's head for this transaction (creating it when missing: after the log's last
// entry, or at the genesis hash for an empty log) and reads the database clock (never before the
// last entry's time). With `defer_flush`, this transaction's commit does not wait for its WAL
// flush (synchronous_commit off, for the transaction only): see services/audit_log.hpp on which
// entries may.
AuditHead lock_audit_head(db::Tx& tx, bool defer_flush = false);

// Inserts `entries` (ids, times and hashes already assigned, in order) and moves the head to
// the last of them. In Database::transact's transaction this also commits, in the same round
// trip: nothing may follow it there (a later statement throws std::logic_error).
void insert_audit_entries(db::Tx& tx, const std::vector<audit::StoredEntry>& entries);

// Up to `limit` entries with ids above `after_id`, in id order (tools/verify-audit streams the
// log with it). Fails on a stored detail that is not JSON (std::runtime_error).
std::vector<audit::StoredEntry> read_audit_entries(db::Tx& tx, std::int64_t after_id, std::int64_t limit);

// The head row, when there is one.
std::optional<std::pair<std::int64_t, audit::Hash>> read_audit_head(db::Tx& tx);

// GET /api/v1/audit: each filter applies when set. Newest first.
struct AuditFilter {
    std::optional<std::string> from; // timestamptz text: entries at or after
    std::optional<std::string> to;   // entries before
    std::optional<std::int64_t> actor_account_id;
    std::optional<std::string> actor_login;
    std::optional<std::int64_t> patient_id;
    std::optional<std::string> action;
    std::optional<std::string> result;
    std::optional<std::int64_t> before_id;
    std::int64_t limit = 100;
};
std::vector<audit::StoredEntry> search_audit(db::Tx& tx, const AuditFilter& filter);

} // namespace mimamori::repositories
