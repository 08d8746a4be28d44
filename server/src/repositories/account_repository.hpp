#pragma once
// SQL of what sign-in and the own-account routes read and write of accounts (migration 0002:
// accounts, recovery_codes; 0004: sign_in_addresses). Master maintenance has its own repository.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "mimamori/common/bytes.hpp"

namespace mimamori::repositories {

// What a sign-in attempt needs of an account.
struct Credentials {
    std::int64_t id = 0;
    std::string login;
    std::string status;
    std::optional<std::string> password_hash;
    std::optional<Bytes> totp_secret; // sealed
    std::optional<std::int64_t> totp_last_step;
    std::optional<Bytes> totp_pending_secret; // sealed
};
std::optional<Credentials> find_credentials_by_login(db::Tx& tx, const std::string& login);
std::optional<Credentials> find_credentials(db::Tx& tx, std::int64_t account_id);

// Records `step` as the last TOTP step used; false when it is not newer than the last one
// (the code was already used, also by a concurrent request: the row lock decides).
bool use_totp_step(db::Tx& tx, std::int64_t account_id, std::int64_t step);
// Marks an unused recovery code used; false when there is none with this hash.
bool use_recovery_code(db::Tx& tx, std::int64_t account_id, const Bytes& code_hash);
std::int64_t unused_recovery_codes(db::Tx& tx, std::int64_t account_id);

void set_password_hash(db::Tx& tx, std::int64_t account_id, const std::string& hash, bool must_change);
void set_must_change_password(db::Tx& tx, std::int64_t account_id, bool must_change);
// The same password hashed again with newer limits (nothing else changes).
void replace_password_hash(db::Tx& tx, std::int64_t account_id, const std::string& hash);

void set_pending_totp(db::Tx& tx, std::int64_t account_id, const Bytes& sealed);
// Moves the pending secret into place with its first step and replaces the recovery codes.
void enable_totp(db::Tx& tx, std::int64_t account_id, const Bytes& sealed, std::int64_t step,
                 const std::vector<Bytes>& recovery_code_hashes);
void disable_totp(db::Tx& tx, std::int64_t account_id);

void remember_sign_in_address(db::Tx& tx, std::int64_t account_id, const std::string& client_address);
bool known_sign_in_address(db::Tx& tx, std::int64_t account_id, const std::string& client_address);

} // namespace mimamori::repositories
