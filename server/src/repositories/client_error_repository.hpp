#pragma once
// SQL of the client_errors table (migration 0001).

#include <cstdint>
#include <string>

#include "db/database.hpp"

namespace mimamori::repositories {

struct ClientErrorRow {
    std::string message;
    std::string location;
    std::string user_agent;
};

// Stores a report; returns its id.
std::int64_t insert_client_error(db::Tx& tx, const ClientErrorRow& row);

} // namespace mimamori::repositories
