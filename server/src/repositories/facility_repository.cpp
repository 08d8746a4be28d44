#include "repositories/facility_repository.hpp"

namespace mimamori::repositories {
namespace {

// The columns read_facility() takes, in its order: the facility, its active staff count and its
// representative (the earliest active manager affiliation).
#define FACILITY_SELECT                                                                                       \
    "SELECT f.id, f.type, f.name, f.name_kana, f.postal_code, f.address, f.phone, f.plan, f.status, "         \
    "f.contract_start::text, f.contract_end::text, f.require_two_factor, "                                   \
    "extract(epoch FROM f.created_at)::bigint, "                                                              \
    "(SELECT count(*) FROM affiliations s WHERE s.facility_id = f.id AND s.ended_at IS NULL), "               \
    "r.id, r.name, r.login, r.email, r.status "                                                               \
    "FROM facilities f LEFT JOIN LATERAL ("                                                                   \
    "  SELECT ac.id, ac.name, ac.login, ac.email, ac.status FROM affiliations a "                             \
    "    JOIN accounts ac ON ac.id = a.account_id "                                                           \
    "   WHERE a.facility_id = f.id AND a.manager AND a.ended_at IS NULL "                                     \
    "   ORDER BY a.created_at, ac.id LIMIT 1) r ON true "

const db::Statement k_list{"facility_list", FACILITY_SELECT R"sql(
     WHERE ($1 = '' OR strpos(lower(f.name), lower($1)) > 0 OR strpos(f.name_kana, $2) > 0)
       AND ($3 = '' OR f.type = $3)
       AND ($4 = '' OR f.status = $4)
     ORDER BY f.name_kana, f.id)sql"};

const db::Statement k_find{"facility_find", FACILITY_SELECT "WHERE f.id = $1"};

const db::Statement k_lock{"facility_lock", "SELECT 1 FROM facilities WHERE id = $1 FOR UPDATE"};

const db::Statement k_insert{"facility_insert", R"sql(
    INSERT INTO facilities (type, name, name_kana, postal_code, address, phone, plan, status,
                            contract_start, contract_end)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::date, $10::date)
    RETURNING id)sql"};

const db::Statement k_update{"facility_update", R"sql(
    UPDATE facilities
       SET type = $2, name = $3, name_kana = $4, postal_code = $5, address = $6, phone = $7, plan = $8,
           status = $9, contract_start = $10::date, contract_end = $11::date, updated_at = now()
     WHERE id = $1)sql"};

const db::Statement k_two_factor{"facility_two_factor",
                                 "UPDATE facilities SET require_two_factor = $2, updated_at = now() WHERE id = $1"};

const db::Statement k_delete_history{"facility_delete_history", "DELETE FROM affiliations WHERE facility_id = $1"};
const db::Statement k_delete{"facility_delete", "DELETE FROM facilities WHERE id = $1"};

const db::Statement k_patient_counts{"patient_counts_by_facility",
                                     "SELECT facility_id, count(*) FROM patients GROUP BY facility_id"};

std::optional<std::string> optional_text(const pqxx::field& f) {
    return f.is_null() ? std::nullopt : std::optional<std::string>(f.as<std::string>());
}

Date date_of(const std::string& text) { return parse_date(text).value_or(Date{}); }

FacilityRow read_facility(const pqxx::row& row) {
    FacilityRow f;
    f.id = row[0].as<std::int64_t>();
    f.fields.type = row[1].as<std::string>();
    f.fields.name = row[2].as<std::string>();
    f.fields.name_kana = row[3].as<std::string>();
    f.fields.postal_code = row[4].as<std::string>();
    f.fields.address = row[5].as<std::string>();
    f.fields.phone = row[6].as<std::string>();
    f.fields.plan = row[7].as<std::string>();
    f.fields.status = row[8].as<std::string>();
    f.fields.contract_start = date_of(row[9].as<std::string>());
    if (auto end = optional_text(row[10])) f.fields.contract_end = date_of(*end);
    f.require_two_factor = row[11].as<bool>();
    f.created_at = row[12].as<std::int64_t>();
    f.staff_count = row[13].as<std::int64_t>();
    if (!row[14].is_null())
        f.representative = RepresentativeRow{row[14].as<std::int64_t>(), row[15].as<std::string>(),
                                             row[16].as<std::string>(), row[17].as<std::string>(),
                                             row[18].as<std::string>()};
    return f;
}

// The contract end as a parameter: text, or NULL (libpqxx 6 passes a null char pointer as NULL).
std::string end_text(const FacilityFields& f) { return f.contract_end ? f.contract_end->to_string() : std::string(); }
const char* nullable(const std::string& text) { return text.empty() ? nullptr : text.c_str(); }

} // namespace

std::vector<FacilityRow> list_facilities(db::Tx& tx, const FacilityFilter& filter) {
    std::vector<FacilityRow> out;
    for (const auto& row : tx.exec(k_list, filter.q, filter.q_kana, filter.type, filter.status))
        out.push_back(read_facility(row));
    return out;
}

std::optional<FacilityRow> find_facility(db::Tx& tx, std::int64_t id) {
    auto rows = tx.exec(k_find, id);
    if (rows.empty()) return std::nullopt;
    return read_facility(rows[0]);
}

bool lock_facility(db::Tx& tx, std::int64_t id) { return !tx.exec(k_lock, id).empty(); }

std::int64_t insert_facility(db::Tx& tx, const FacilityFields& f) {
    const std::string end = end_text(f);
    return tx.exec(k_insert, f.type, f.name, f.name_kana, f.postal_code, f.address, f.phone, f.plan, f.status,
                   f.contract_start.to_string(), nullable(end))[0][0]
        .as<std::int64_t>();
}

bool update_facility(db::Tx& tx, std::int64_t id, const FacilityFields& f) {
    const std::string end = end_text(f);
    return tx.exec(k_update, id, f.type, f.name, f.name_kana, f.postal_code, f.address, f.phone, f.plan, f.status,
                   f.contract_start.to_string(), nullable(end))
               .affected_rows() == 1;
}

bool set_facility_two_factor(db::Tx& tx, std::int64_t id, bool required) {
    return tx.exec(k_two_factor, id, required).affected_rows() == 1;
}

void delete_facility(db::Tx& tx, std::int64_t id) {
    tx.exec(k_delete_history, id);
    tx.exec(k_delete, id);
}

std::map<std::int64_t, std::int64_t> patient_counts(db::Tx& tx) {
    std::map<std::int64_t, std::int64_t> counts;
    for (const auto& row : tx.exec(k_patient_counts))
        if (!row[0].is_null()) counts[row[0].as<std::int64_t>()] = row[1].as<std::int64_t>();
    return counts;
}

} // namespace mimamori::repositories

#undef FACILITY_SELECT
