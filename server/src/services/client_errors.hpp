#pragma once
// Errors the browser app reports (a JavaScript exception, a WebAssembly abort): validated and
// kept for the operators, so that failures on users' devices are not invisible.

#include <cstdint>
#include <string_view>

#include "db/database.hpp"
#include "mimamori/common/json.hpp"

namespace mimamori::services {

// Validates {"message": text of 1..4000 characters, "where": one line of 1..500} (no other
// field) and stores it with the reporting browser's User-Agent; returns the report's id.
Result<std::int64_t> report_client_error(db::Tx& tx, const Json& body, std::string_view user_agent);

} // namespace mimamori::services
