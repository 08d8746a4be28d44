#include "repositories/staff_repository.hpp"

#include "mimamori/common/json.hpp"

namespace mimamori::repositories {
namespace {

// The columns read_staff() takes: the account and its active affiliations as one JSON array
// (one round trip for a whole list).
#define STAFF_SELECT                                                                                   \
    "SELECT a.id, a.login, a.name, a.name_kana, a.email, a.profession, a.status, a.secretariat_role, " \
    "a.totp_secret IS NOT NULL, "                                                                      \
    "(SELECT coalesce(json_agg(json_build_object('facility_id', s.facility_id, 'facility_name', "      \
    "f.name, 'manager', s.manager) ORDER BY s.created_at, s.facility_id), '[]')::text "               \
    "   FROM affiliations s JOIN facilities f ON f.id = s.facility_id "                               \
    "  WHERE s.account_id = a.id AND s.ended_at IS NULL) "                                             \
    "FROM accounts a "

const db::Statement k_login_taken{"staff_login_taken", "SELECT 1 FROM accounts WHERE login = $1"};

const db::Statement k_any{"staff_any_account", "SELECT EXISTS (SELECT 1 FROM accounts)"};

const db::Statement k_insert{"staff_insert", R"sql(
    INSERT INTO accounts (kind, login, name, name_kana, email, profession, secretariat_role, status, password_hash)
    VALUES ('staff', $1, $2, $3, $4, $5, $6, $7, $8)
    RETURNING id)sql"};

const db::Statement k_affiliate{"staff_affiliate", R"sql(
    INSERT INTO affiliations (account_id, facility_id, manager) VALUES ($1, $2, $3)
    ON CONFLICT (account_id, facility_id) DO UPDATE
       SET manager = EXCLUDED.manager, ended_at = NULL, created_at = now())sql"};

// $3: the facility ids as a PostgreSQL array literal ("{1,2}"): libpqxx 6 has no array parameters.
const db::Statement k_list{"staff_list", STAFF_SELECT R"sql(
     WHERE a.kind = 'staff'
       AND ($1 OR ($2 AND a.secretariat_role IS NOT NULL)
            OR EXISTS (SELECT 1 FROM affiliations s WHERE s.account_id = a.id AND s.ended_at IS NULL
                          AND s.facility_id = ANY ($3::bigint[])))
       AND ($4 = '' OR strpos(lower(a.name), lower($4)) > 0 OR strpos(a.login, lower($4)) > 0
            OR strpos(a.name_kana, $5) > 0)
       AND ($6 = '' OR a.status = $6)
     ORDER BY a.name_kana, a.id)sql"};

const db::Statement k_find{"staff_find", STAFF_SELECT "WHERE a.kind = 'staff' AND a.id = $1"};

const db::Statement k_end{"staff_end_affiliation", R"sql(
    UPDATE affiliations SET ended_at = now()
     WHERE account_id = $1 AND facility_id = $2 AND ended_at IS NULL)sql"};

const db::Statement k_count{"staff_affiliation_count",
                            "SELECT count(*) FROM affiliations WHERE account_id = $1 AND ended_at IS NULL"};

const db::Statement k_status{"staff_set_status", "UPDATE accounts SET status = $2, updated_at = now() WHERE id = $1"};

const db::Statement k_activate{"staff_activate", R"sql(
    UPDATE accounts SET password_hash = $2, status = 'active', must_change_password = false, updated_at = now()
     WHERE id = $1 AND status = 'invited')sql"};

const char* nullable(const std::optional<std::string>& text) { return text ? text->c_str() : nullptr; }

StaffRow read_staff(const pqxx::row& row) {
    StaffRow s;
    s.id = row[0].as<std::int64_t>();
    s.login = row[1].as<std::string>();
    s.name = row[2].as<std::string>();
    s.name_kana = row[3].as<std::string>();
    s.email = row[4].as<std::string>();
    s.profession = row[5].is_null() ? "" : row[5].as<std::string>();
    s.status = row[6].as<std::string>();
    if (!row[7].is_null()) s.secretariat_role = row[7].as<std::string>();
    s.two_factor_enabled = row[8].as<bool>();
    auto affiliations = json::parse(row[9].as<std::string>());
    if (affiliations && affiliations->is_array())
        for (const auto& a : *affiliations)
            s.affiliations.push_back({a.at("facility_id").get<std::int64_t>(), a.at("facility_name").get<std::string>(),
                                      a.at("manager").get<bool>()});
    return s;
}

std::string array_literal(const std::vector<std::int64_t>& ids) {
    std::string out = "{";
    for (std::size_t i = 0; i < ids.size(); ++i) out += (i ? "," : "") + std::to_string(ids[i]);
    return out + "}";
}

} // namespace

bool login_taken(db::Tx& tx, const std::string& login) { return !tx.exec(k_login_taken, login).empty(); }

bool any_account(db::Tx& tx) { return tx.exec(k_any)[0][0].as<bool>(); }

std::int64_t insert_staff_account(db::Tx& tx, const NewStaffAccount& a) {
    return tx.exec(k_insert, a.login, a.name, a.name_kana, a.email, a.profession, nullable(a.secretariat_role), a.status,
                   nullable(a.password_hash))[0][0]
        .as<std::int64_t>();
}

void insert_affiliation(db::Tx& tx, std::int64_t account_id, std::int64_t facility_id, bool manager) {
    tx.exec(k_affiliate, account_id, facility_id, manager);
}

std::vector<StaffRow> list_staff(db::Tx& tx, const StaffFilter& f) {
    std::vector<StaffRow> out;
    for (const auto& row : tx.exec(k_list, f.everyone, f.secretariat, array_literal(f.facilities), f.q, f.q_kana, f.status))
        out.push_back(read_staff(row));
    return out;
}

std::optional<StaffRow> find_staff(db::Tx& tx, std::int64_t account_id) {
    auto rows = tx.exec(k_find, account_id);
    if (rows.empty()) return std::nullopt;
    return read_staff(rows[0]);
}

bool end_affiliation(db::Tx& tx, std::int64_t account_id, std::int64_t facility_id) {
    return tx.exec(k_end, account_id, facility_id).affected_rows() == 1;
}

std::int64_t active_affiliation_count(db::Tx& tx, std::int64_t account_id) {
    return tx.exec(k_count, account_id)[0][0].as<std::int64_t>();
}

void set_account_status(db::Tx& tx, std::int64_t account_id, const std::string& status) {
    tx.exec(k_status, account_id, status);
}

bool activate_invited_account(db::Tx& tx, std::int64_t account_id, const std::string& password_hash) {
    return tx.exec(k_activate, account_id, password_hash).affected_rows() == 1;
}

} // namespace mimamori::repositories

#undef STAFF_SELECT
