#include "repositories/fee_evidence_repository.hpp"

#include "repositories/membership_sql.hpp"
#include "repositories/memo_repository.hpp"

namespace mimamori::repositories {
namespace {

// A membership of team_members `m` that overlaps the period: $1 first day, $2 last day, $3 the
// period's first moment (Unix seconds). Unlike a current membership, it counts when it held on
// any day of the period.
#define MEMBER_IN_PERIOD(m)                                                                                  \
    "(" m ".starts_on <= $2::date AND (" m ".ends_on IS NULL OR " m ".ends_on >= $1::date) AND (" m          \
    ".left_at IS NULL OR " m ".left_at >= to_timestamp($3::bigint)))"

const db::Statement k_facility{"fee_facility", "SELECT id, name, type FROM facilities WHERE id = $1"};
const db::Statement k_facilities_named{"fee_facilities_named",
                                       "SELECT id, name, type FROM facilities WHERE id = ANY ($1::bigint[]) ORDER BY id"};

// $4: the facility, $5: also the patients it registered, $6: the period's end (Unix seconds).
const db::Statement k_patients{"fee_patients", R"sql(
    SELECT p.id, p.name,
           EXISTS (SELECT 1 FROM consents c WHERE c.patient_id = p.id AND c.recorded_at < to_timestamp($6::bigint)
                      AND (c.withdrawn_at IS NULL OR c.withdrawn_at >= to_timestamp($3::bigint)))
      FROM patients p
     WHERE p.status <> 'ended'
       AND (($5 AND p.facility_id = $4)
            OR EXISTS (SELECT 1 FROM care_teams t JOIN team_members m ON m.team_id = t.id
                        WHERE t.patient_id = p.id AND m.facility_id = $4 AND )sql" MEMBER_IN_PERIOD("m") R"sql())
     ORDER BY p.name_kana, p.id)sql"};

// $5: kinds ('{}' for all), $6: the writer's facility (NULL for any).
const db::Statement k_memos{"fee_memos", R"sql(
    SELECT m.id, m.patient_id, m.author_id, m.author_profession, coalesce(m.facility_id, 0), m.kind,
           extract(epoch FROM m.created_at)::bigint, m.content::text, m.retracted_at IS NOT NULL
      FROM memos m
     WHERE m.patient_id = ANY ($1::bigint[])
       AND m.created_at >= to_timestamp($2::bigint) AND m.created_at < to_timestamp($3::bigint)
       AND (cardinality($4::text[]) = 0 OR m.kind = ANY ($4::text[]))
       AND ($5::bigint IS NULL OR m.facility_id = $5::bigint)
     ORDER BY m.created_at, m.id)sql"};

const db::Statement k_reads{"fee_reads", R"sql(
    SELECT r.memo_id, r.account_id, extract(epoch FROM r.read_at)::bigint
      FROM memo_reads r
     WHERE r.memo_id = ANY ($1::bigint[])
       AND EXISTS (SELECT 1 FROM affiliations af WHERE af.account_id = r.account_id AND af.facility_id = $2)
     ORDER BY r.read_at, r.memo_id)sql"};

const db::Statement k_linked{"fee_linked", R"sql(
    SELECT DISTINCT o.facility_id
      FROM team_members c JOIN team_members o ON o.team_id = c.team_id
     WHERE c.facility_id = $4 AND )sql" MEMBER_IN_PERIOD("c") " AND " MEMBER_IN_PERIOD("o") R"sql(
       AND o.facility_id IS NOT NULL AND o.facility_id <> $4
     ORDER BY o.facility_id)sql"};

const db::Statement k_special{"fee_special", R"sql(
    SELECT related_id FROM facility_special_relationships WHERE facility_id = $1
    UNION SELECT facility_id FROM facility_special_relationships WHERE related_id = $1
    ORDER BY 1)sql"};
const db::Statement k_special_clear{"fee_special_clear",
                                    "DELETE FROM facility_special_relationships WHERE facility_id = $1 OR related_id = $1"};
const db::Statement k_special_insert{"fee_special_insert", R"sql(
    INSERT INTO facility_special_relationships (facility_id, related_id, created_by)
    SELECT $1, r, $3 FROM unnest($2::bigint[]) r ON CONFLICT DO NOTHING)sql"};
const db::Statement k_existing{"fee_existing_facilities",
                               "SELECT id FROM facilities WHERE id = ANY ($1::bigint[]) ORDER BY id"};

#undef MEMBER_IN_PERIOD

std::vector<FeeFacility> read_facilities(const pqxx::result& rows) {
    std::vector<FeeFacility> out;
    for (const auto& row : rows) out.push_back({row[0].as<std::int64_t>(), row[1].as<std::string>(), row[2].as<std::string>()});
    return out;
}

std::vector<std::int64_t> read_ids(const pqxx::result& rows) {
    std::vector<std::int64_t> out;
    for (const auto& row : rows) out.push_back(row[0].as<std::int64_t>());
    return out;
}

} // namespace

std::optional<FeeFacility> fee_facility(db::Tx& tx, std::int64_t id) {
    auto rows = read_facilities(tx.exec(k_facility, id));
    if (rows.empty()) return std::nullopt;
    return rows.front();
}

std::vector<FeeFacility> facilities_named(db::Tx& tx, const std::vector<std::int64_t>& ids) {
    if (ids.empty()) return {};
    return read_facilities(tx.exec(k_facilities_named, array_literal(ids)));
}

std::vector<FeePatient> facility_patients(db::Tx& tx, std::int64_t facility_id, const FeePeriod& period,
                                          bool registered_too) {
    std::vector<FeePatient> out;
    for (const auto& row : tx.exec(k_patients, period.first_day.to_string(), period.last_day.to_string(), period.from,
                                   facility_id, registered_too, period.to))
        out.push_back({row[0].as<std::int64_t>(), row[1].as<std::string>(), row[2].as<bool>()});
    return out;
}

std::vector<FeeMemo> fee_memos(db::Tx& tx, const std::vector<std::int64_t>& patients, std::int64_t from, std::int64_t to,
                               const std::vector<std::string>& kinds, std::optional<std::int64_t> facility_id) {
    std::vector<FeeMemo> out;
    if (patients.empty()) return out;
    const std::string facility = facility_id ? std::to_string(*facility_id) : std::string();
    for (const auto& row : tx.exec(k_memos, array_literal(patients), from, to, text_array_literal(kinds),
                                   facility.empty() ? nullptr : facility.c_str())) {
        FeeMemo m;
        m.id = row[0].as<std::int64_t>();
        m.patient_id = row[1].as<std::int64_t>();
        m.writer_id = row[2].as<std::int64_t>();
        m.profession = row[3].as<std::string>();
        m.facility_id = row[4].as<std::int64_t>();
        m.kind = row[5].as<std::string>();
        m.written_at = row[6].as<std::int64_t>();
        m.content = Json::parse(row[7].as<std::string>());
        m.retracted = row[8].as<bool>();
        out.push_back(std::move(m));
    }
    return out;
}

std::vector<FeeRead> fee_reads(db::Tx& tx, const std::vector<std::int64_t>& memo_ids, std::int64_t facility_id) {
    std::vector<FeeRead> out;
    if (memo_ids.empty()) return out;
    for (const auto& row : tx.exec(k_reads, array_literal(memo_ids), facility_id))
        out.push_back({row[0].as<std::int64_t>(), row[1].as<std::int64_t>(), row[2].as<std::int64_t>()});
    return out;
}

std::vector<std::int64_t> linked_facilities(db::Tx& tx, std::int64_t facility_id, const FeePeriod& period) {
    return read_ids(tx.exec(k_linked, period.first_day.to_string(), period.last_day.to_string(), period.from, facility_id));
}

std::vector<std::int64_t> special_relationships(db::Tx& tx, std::int64_t facility_id) {
    return read_ids(tx.exec(k_special, facility_id));
}

void set_special_relationships(db::Tx& tx, std::int64_t facility_id, const std::vector<std::int64_t>& related,
                               std::int64_t by) {
    tx.exec(k_special_clear, facility_id);
    if (!related.empty()) tx.exec(k_special_insert, facility_id, array_literal(related), by);
}

std::vector<std::int64_t> existing_facilities(db::Tx& tx, const std::vector<std::int64_t>& ids) {
    if (ids.empty()) return {};
    return read_ids(tx.exec(k_existing, array_literal(ids)));
}

} // namespace mimamori::repositories
