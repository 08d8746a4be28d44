#include "repositories/family_repository.hpp"

namespace mimamori::repositories {
namespace {

#define FAMILY_SELECT                                                                                    \
    "SELECT id, family_patient_id, login, name, name_kana, email, family_relation, status, "             \
    "extract(epoch FROM created_at)::bigint FROM accounts "

const db::Statement k_insert{"family_insert", R"sql(
    INSERT INTO accounts (kind, login, name, name_kana, email, family_patient_id, family_relation, status,
                          password_hash)
    VALUES ('family', $1, $2, $3, $4, $5, $6, $7, $8)
    RETURNING id)sql"};

const db::Statement k_find{"family_find", FAMILY_SELECT "WHERE id = $1 AND kind = 'family'"};
const db::Statement k_of_patient{"family_of_patient", FAMILY_SELECT
                                 "WHERE family_patient_id = $1 AND kind = 'family' AND status <> 'left' ORDER BY id"};

const db::Statement k_void_codes{"handover_void",
                                 "DELETE FROM handover_codes WHERE account_id = $1 AND used_at IS NULL"};
const db::Statement k_insert_code{"handover_insert", R"sql(
    INSERT INTO handover_codes (code_hash, account_id, created_by, expires_at)
    VALUES (decode($1, 'hex'), $2, $3, now() + make_interval(secs => $4::bigint))
    RETURNING extract(epoch FROM expires_at)::bigint)sql"};
const db::Statement k_find_code{"handover_find", R"sql(
    SELECT h.account_id, h.used_at IS NULL AND h.expires_at > now() AND a.status = 'invited' AND a.kind = 'family'
      FROM handover_codes h JOIN accounts a ON a.id = h.account_id
     WHERE h.code_hash = decode($1, 'hex')
       FOR UPDATE OF h)sql"};
const db::Statement k_use_code{"handover_use",
                               "UPDATE handover_codes SET used_at = now() WHERE code_hash = decode($1, 'hex')"};

FamilyAccountRow read_account(const pqxx::row& row) {
    FamilyAccountRow a;
    a.id = row[0].as<std::int64_t>();
    a.patient_id = row[1].is_null() ? 0 : row[1].as<std::int64_t>();
    a.login = row[2].as<std::string>();
    a.name = row[3].as<std::string>();
    a.name_kana = row[4].as<std::string>();
    a.email = row[5].as<std::string>();
    a.relation = row[6].as<std::string>();
    a.status = row[7].as<std::string>();
    a.created_at = row[8].as<std::int64_t>();
    return a;
}

} // namespace

std::int64_t insert_family_account(db::Tx& tx, const NewFamilyAccount& a) {
    return tx.exec(k_insert, a.login, a.name, a.name_kana, a.email, a.patient_id, a.relation, a.status,
                   a.password_hash ? a.password_hash->c_str() : nullptr)[0][0]
        .as<std::int64_t>();
}

std::optional<FamilyAccountRow> find_family_account(db::Tx& tx, std::int64_t id) {
    auto rows = tx.exec(k_find, id);
    if (rows.empty()) return std::nullopt;
    return read_account(rows[0]);
}

std::vector<FamilyAccountRow> family_accounts(db::Tx& tx, std::int64_t patient_id) {
    std::vector<FamilyAccountRow> out;
    for (const auto& row : tx.exec(k_of_patient, patient_id)) out.push_back(read_account(row));
    return out;
}

std::int64_t replace_handover_code(db::Tx& tx, const std::string& code_hash_hex, std::int64_t account_id,
                                   std::int64_t created_by, std::int64_t valid_seconds) {
    tx.exec(k_void_codes, account_id);
    return tx.exec(k_insert_code, code_hash_hex, account_id, created_by, valid_seconds)[0][0].as<std::int64_t>();
}

void void_handover_codes(db::Tx& tx, std::int64_t account_id) { tx.exec(k_void_codes, account_id); }

std::optional<HandoverCodeRow> find_handover_code(db::Tx& tx, const std::string& code_hash_hex) {
    auto rows = tx.exec(k_find_code, code_hash_hex);
    if (rows.empty()) return std::nullopt;
    return HandoverCodeRow{rows[0][0].as<std::int64_t>(), rows[0][1].as<bool>()};
}

void use_handover_code(db::Tx& tx, const std::string& code_hash_hex) { tx.exec(k_use_code, code_hash_hex); }

} // namespace mimamori::repositories

#undef FAMILY_SELECT
