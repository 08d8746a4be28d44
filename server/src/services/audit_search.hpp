#pragma once
// Searching the access log (GET /api/v1/audit, secretariat administrators): filters as typed in
// the app, checked and turned into the repository's filter. Dates are days of Japan time
// (UTC+9, no daylight saving), `to` inclusive.

#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "mimamori/common/audit_chain.hpp"
#include "mimamori/common/result.hpp"

namespace mimamori::services {

struct AuditQuery {
    std::optional<std::string> from, to; // YYYY-MM-DD
    std::optional<std::string> actor;    // an account id (digits) or a login id
    std::optional<std::string> patient_id, action, result, before_id, limit;
};

struct AuditPage {
    std::vector<audit::StoredEntry> entries; // newest first
    std::optional<std::int64_t> next_before_id;
};

// InvalidInput naming the query parameter for a malformed filter.
Result<AuditPage> search_audit(db::Tx& tx, const AuditQuery& query);

} // namespace mimamori::services
