#pragma once
// Typed calls to the server's JSON API (/api/v1/...). Each returns an Async handle at once; the
// screen polls it. Failures carry an Error: Unavailable when the server cannot be reached, else
// the code and message of the server's {"error":{"code","message"}} body.

#include <cstdint>
#include <optional>
#include <string>

#include "async.hpp"

namespace mimamori::web::api {

// GET /api/v1/health.
struct Health {
    std::string status;                        // "ok" when the server can serve requests
    std::string db;                            // "ok" when PostgreSQL answers
    std::optional<std::int64_t> schema_version; // unknown while the database is unavailable
    std::string version;                       // the server's mimamori::kVersion

    bool db_ok() const { return db == "ok"; }
};

Async<Health> fetch_health();

// The server's answer to a request that was not a success, as an Error: the error body's message
// and field when there is one (api::failure_from_response in call.hpp keeps everything the
// server said, for the typed calls).
Error error_from_response(int http_status, const std::string& body);

} // namespace mimamori::web::api
