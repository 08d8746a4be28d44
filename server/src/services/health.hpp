#pragma once
// Whether the server can do its work: the database reachable, and its schema version.

#include <optional>

#include "db/database.hpp"

namespace mimamori::services {

struct Health {
    bool database_ok = false;
    std::optional<int> schema_version; // when the database answered
};

// Asks the database on this thread's connection (reconnecting once); never throws.
Health check_health(db::Database& database);

} // namespace mimamori::services
