#pragma once
// SQL of patient/family accounts (accounts of kind 'family', migrations 0002 and 0005: each
// belongs to one patient's family space) and of handover codes (0006), whose keyed hash is kept
// as hex.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace mimamori::repositories {

struct NewFamilyAccount {
    std::int64_t patient_id = 0;
    std::string login;
    std::string name;
    std::string name_kana;
    std::string email;    // "" when the invitation is handed over in person only
    std::string relation; // 本人, 長女, 夫 ...
    std::string status = "invited";
    std::optional<std::string> password_hash; // demo data only
};

struct FamilyAccountRow {
    std::int64_t id = 0;
    std::int64_t patient_id = 0;
    std::string login;
    std::string name;
    std::string name_kana;
    std::string email;
    std::string relation;
    std::string status;
    std::int64_t created_at = 0;
};

// Fails with pqxx::unique_violation when the login was taken meanwhile.
std::int64_t insert_family_account(db::Tx& tx, const NewFamilyAccount& account);
// A family account (none for staff accounts and unknown ids).
std::optional<FamilyAccountRow> find_family_account(db::Tx& tx, std::int64_t id);
// The patient's family accounts that have not been removed, oldest first.
std::vector<FamilyAccountRow> family_accounts(db::Tx& tx, std::int64_t patient_id);

// A handover code: stored for `valid_seconds`; returns its expiry (Unix seconds). Earlier unused
// codes of the account are voided first (the newest one shown is the one that works).
std::int64_t replace_handover_code(db::Tx& tx, const std::string& code_hash_hex, std::int64_t account_id,
                                   std::int64_t created_by, std::int64_t valid_seconds);
void void_handover_codes(db::Tx& tx, std::int64_t account_id);
struct HandoverCodeRow {
    std::int64_t account_id = 0;
    bool usable = false; // unused, unexpired, and the account still waits for its password
};
// Locks the code's row until the transaction ends (two redemptions at once: one wins).
std::optional<HandoverCodeRow> find_handover_code(db::Tx& tx, const std::string& code_hash_hex);
void use_handover_code(db::Tx& tx, const std::string& code_hash_hex);

} // namespace mimamori::repositories
