#include "repositories/patient_access_repository.hpp"

#include <charconv>

namespace mimamori::repositories {
namespace {

// Membership counts while starts_on <= today <= ends_on (Japan's date) and the member has not
// left (migration 0005).
const db::Statement k_access{"patient_access", R"sql(
    WITH today AS (SELECT (now() AT TIME ZONE 'Asia/Tokyo')::date AS d),
    members AS (
        SELECT m.account_id, m.facility_id FROM care_teams t JOIN team_members m ON m.team_id = t.id, today
         WHERE t.patient_id = $1 AND m.left_at IS NULL AND m.starts_on <= today.d
           AND (m.ends_on IS NULL OR m.ends_on >= today.d))
    SELECT p.facility_id,
           coalesce((SELECT string_agg(DISTINCT facility_id::text, ',') FROM members WHERE facility_id IS NOT NULL), ''),
           EXISTS (SELECT 1 FROM members WHERE account_id = $2),
           coalesce(c.scope_professional, false), coalesce(c.scope_family AND c.withdrawn_at IS NULL, false),
           c.withdrawn_at IS NOT NULL
      FROM patients p
      LEFT JOIN LATERAL (SELECT scope_professional, scope_family, withdrawn_at FROM consents
                          WHERE patient_id = p.id ORDER BY recorded_at DESC, id DESC LIMIT 1) c ON true
     WHERE p.id = $1)sql"};

} // namespace

std::optional<PatientAccessFacts> find_patient_access(db::Tx& tx, std::int64_t patient_id, std::int64_t account_id) {
    auto rows = tx.exec(k_access, patient_id, account_id);
    if (rows.empty()) return std::nullopt;
    const auto& r = rows[0];
    PatientAccessFacts facts;
    facts.facility_id = r[0].as<std::int64_t>();
    std::string ids = r[1].as<std::string>();
    for (std::size_t start = 0; start < ids.size();) {
        auto comma = std::min(ids.find(',', start), ids.size());
        std::int64_t id = 0;
        std::from_chars(ids.data() + start, ids.data() + comma, id);
        facts.team_facility_ids.push_back(id);
        start = comma + 1;
    }
    facts.team_member = r[2].as<bool>();
    facts.consent_recorded = r[3].as<bool>();
    facts.family_scope = r[4].as<bool>();
    facts.withdrawn = r[5].as<bool>();
    return facts;
}

} // namespace mimamori::repositories
