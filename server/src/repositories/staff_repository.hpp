#pragma once
// SQL of staff accounts and their affiliations (migration 0002) as master maintenance sees them:
// registering, listing, 所属解除 and activation by an invitation. (Sign-in reads accounts through
// its own repository.)

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace mimamori::repositories {

struct NewStaffAccount {
    std::string login;
    std::string name;
    std::string name_kana;
    std::string email;
    std::string profession;
    std::optional<std::string> secretariat_role;
    std::string status = "invited";
    std::optional<std::string> password_hash; // demo data only: invited accounts have none
};

struct StaffAffiliationRow {
    std::int64_t facility_id = 0;
    std::string facility_name;
    bool manager = false;
};

struct StaffRow {
    std::int64_t id = 0;
    std::string login;
    std::string name;
    std::string name_kana;
    std::string email;
    std::string profession;
    std::string status;
    std::optional<std::string> secretariat_role;
    bool two_factor_enabled = false;
    std::vector<StaffAffiliationRow> affiliations; // active ones, oldest first
};

struct StaffFilter {
    bool everyone = false;                // all staff accounts (secretariat administrator)
    bool secretariat = false;             // accounts with a secretariat role
    std::vector<std::int64_t> facilities; // accounts actively affiliated with one of these
    std::string q;                        // part of the name, login or kana ("" for all)
    std::string q_kana;                   // q in katakana
    std::string status;                   // "" for all
};

bool login_taken(db::Tx& tx, const std::string& login);
// True when any account exists (demo data goes only into an empty database).
bool any_account(db::Tx& tx);
// Fails with pqxx::unique_violation when the login was taken meanwhile.
std::int64_t insert_staff_account(db::Tx& tx, const NewStaffAccount& account);
void insert_affiliation(db::Tx& tx, std::int64_t account_id, std::int64_t facility_id, bool manager);

// Ordered by kana, then id.
std::vector<StaffRow> list_staff(db::Tx& tx, const StaffFilter& filter);
std::optional<StaffRow> find_staff(db::Tx& tx, std::int64_t account_id);

// 所属解除: false when the account has no active affiliation with the facility.
bool end_affiliation(db::Tx& tx, std::int64_t account_id, std::int64_t facility_id);
std::int64_t active_affiliation_count(db::Tx& tx, std::int64_t account_id);
void set_account_status(db::Tx& tx, std::int64_t account_id, const std::string& status);

// An invitation accepted: the password hash set, the account active. False when the account is
// no longer 'invited'.
bool activate_invited_account(db::Tx& tx, std::int64_t account_id, const std::string& password_hash);

} // namespace mimamori::repositories
