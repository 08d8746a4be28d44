#include "repositories/schema_repository.hpp"

namespace mimamori::repositories {
namespace {

// Any constant unique to this purpose: "mimamori" in ASCII.
constexpr const char* k_lock_key = "7883952887904039529";

const db::Statement k_table_exists{"schema_table_exists", "SELECT to_regclass('schema_migrations') IS NOT NULL"};
const db::Statement k_applied{"schema_applied", "SELECT version, name, checksum FROM schema_migrations ORDER BY version"};
const db::Statement k_version{"schema_version", "SELECT coalesce(max(version), 0) FROM schema_migrations"};
const db::Statement k_record{"schema_record",
                             "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)"};
const db::Statement k_lock{"schema_lock", "SELECT pg_advisory_lock($1::bigint)"};
const db::Statement k_unlock{"schema_unlock", "SELECT pg_advisory_unlock($1::bigint)"};

bool table_exists(db::Tx& tx) { return tx.exec(k_table_exists)[0][0].as<bool>(); }

} // namespace

std::map<int, AppliedMigration> applied_migrations(db::Tx& tx) {
    std::map<int, AppliedMigration> out;
    if (!table_exists(tx)) return out;
    for (const auto& row : tx.exec(k_applied))
        out.emplace(row[0].as<int>(), AppliedMigration{row[1].as<std::string>(), row[2].as<std::string>()});
    return out;
}

int schema_version(db::Tx& tx) { return tx.exec(k_version)[0][0].as<int>(); }

void record_migration(db::Tx& tx, int version, const std::string& name, const std::string& checksum) {
    tx.exec(k_record, version, name, checksum);
}

void lock_migrations(db::Tx& tx) { tx.exec(k_lock, k_lock_key); }

void unlock_migrations(db::Tx& tx) { tx.exec(k_unlock, k_lock_key); }

} // namespace mimamori::repositories
