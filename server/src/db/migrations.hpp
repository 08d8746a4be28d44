#pragma once
// Numbered SQL migrations (server/migrations/NNNN_name.sql, embedded in the binary), applied at
// start in order, each in its own transaction together with its row in schema_migrations.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"
#include "mimamori/common/result.hpp"

namespace mimamori::db {

struct Migration {
    int version = 0;       // from the file name's leading digits
    std::string name;      // the file name
    std::string_view sql;
};

// The migrations compiled into this binary, by version.
std::vector<Migration> embedded_migrations();

// Brings `database` to the newest of `migrations` (sorted by version) and returns that version.
// Fails, changing nothing, when the database has a migration this server does not know (a newer
// schema: run a newer server) or one whose text differs from this server's (an edited migration:
// write a new one instead). A failing migration is rolled back, and migrate() fails with it.
// Throws what the database throws when it cannot be reached.
Result<int> migrate(Database& database, std::span<const Migration> migrations);

} // namespace mimamori::db
