#pragma once
// SQL of the schema_migrations table (created by migration 0001) and of the migration lock.

#include <map>
#include <string>

#include "db/database.hpp"

namespace mimamori::repositories {

struct AppliedMigration {
    std::string name;
    std::string checksum;
};

// The applied migrations by version; empty when not even 0001 has run.
std::map<int, AppliedMigration> applied_migrations(db::Tx& tx);

// The newest applied version (once migration 0001 has run).
int schema_version(db::Tx& tx);

void record_migration(db::Tx& tx, int version, const std::string& name, const std::string& checksum);

// A session-level advisory lock held while migrating, so that servers starting together apply
// each migration once.
void lock_migrations(db::Tx& tx);
void unlock_migrations(db::Tx& tx);

} // namespace mimamori::repositories
