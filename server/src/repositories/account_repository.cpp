#include "repositories/account_repository.hpp"

#include "mimamori/common/encoding.hpp"

namespace mimamori::repositories {
namespace {

#define CREDENTIAL_COLUMNS                                                                                   \
    "SELECT id, login, status, password_hash, encode(totp_secret, 'hex'), totp_last_step, "                 \
    "encode(totp_pending_secret, 'hex') FROM accounts "

const db::Statement k_by_login{"account_credentials_by_login", CREDENTIAL_COLUMNS "WHERE login = $1"};
const db::Statement k_by_id{"account_credentials_by_id", CREDENTIAL_COLUMNS "WHERE id = $1"};

#undef CREDENTIAL_COLUMNS

const db::Statement k_use_step{"account_use_totp_step", R"sql(
    UPDATE accounts SET totp_last_step = $2
     WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2))sql"};

const db::Statement k_use_code{"account_use_recovery_code", R"sql(
    UPDATE recovery_codes SET used_at = now()
     WHERE account_id = $1 AND code_hash = decode($2, 'hex') AND used_at IS NULL)sql"};

const db::Statement k_unused_codes{"account_unused_recovery_codes",
                                   "SELECT count(*) FROM recovery_codes WHERE account_id = $1 AND used_at IS NULL"};

const db::Statement k_set_password{"account_set_password", R"sql(
    UPDATE accounts SET password_hash = $2, must_change_password = $3, updated_at = now() WHERE id = $1)sql"};

const db::Statement k_replace_hash{"account_replace_password_hash",
                                   "UPDATE accounts SET password_hash = $2 WHERE id = $1"};

const db::Statement k_set_must_change{"account_set_must_change", R"sql(
    UPDATE accounts SET must_change_password = $2, updated_at = now() WHERE id = $1)sql"};

const db::Statement k_set_pending{"account_set_pending_totp", R"sql(
    UPDATE accounts SET totp_pending_secret = decode($2, 'hex'), updated_at = now() WHERE id = $1)sql"};

const db::Statement k_enable{"account_enable_totp", R"sql(
    UPDATE accounts SET totp_secret = decode($2, 'hex'), totp_pending_secret = NULL, totp_last_step = $3,
                        updated_at = now()
     WHERE id = $1)sql"};

const db::Statement k_disable{"account_disable_totp", R"sql(
    UPDATE accounts SET totp_secret = NULL, totp_pending_secret = NULL, totp_last_step = NULL, updated_at = now()
     WHERE id = $1)sql"};

const db::Statement k_delete_codes{"account_delete_recovery_codes", "DELETE FROM recovery_codes WHERE account_id = $1"};
const db::Statement k_insert_code{"account_insert_recovery_code",
                                  "INSERT INTO recovery_codes (account_id, code_hash) VALUES ($1, decode($2, 'hex'))"};

const db::Statement k_remember_address{"account_remember_address", R"sql(
    INSERT INTO sign_in_addresses (account_id, client_address) VALUES ($1, $2)
    ON CONFLICT (account_id, client_address) DO UPDATE SET last_success_at = now())sql"};

const db::Statement k_known_address{"account_known_address",
                                    "SELECT 1 FROM sign_in_addresses WHERE account_id = $1 AND client_address = $2"};

std::optional<Bytes> hex_field(const pqxx::field& f) {
    if (f.is_null()) return std::nullopt;
    auto bytes = encoding::hex_decode(f.as<std::string>());
    if (!bytes) return std::nullopt;
    return *bytes;
}

std::optional<Credentials> to_credentials(const pqxx::result& rows) {
    if (rows.empty()) return std::nullopt;
    const auto& r = rows[0];
    Credentials c;
    c.id = r[0].as<std::int64_t>();
    c.login = r[1].as<std::string>();
    c.status = r[2].as<std::string>();
    if (!r[3].is_null()) c.password_hash = r[3].as<std::string>();
    c.totp_secret = hex_field(r[4]);
    if (!r[5].is_null()) c.totp_last_step = r[5].as<std::int64_t>();
    c.totp_pending_secret = hex_field(r[6]);
    return c;
}

} // namespace

std::optional<Credentials> find_credentials_by_login(db::Tx& tx, const std::string& login) {
    return to_credentials(tx.exec(k_by_login, login));
}

std::optional<Credentials> find_credentials(db::Tx& tx, std::int64_t account_id) {
    return to_credentials(tx.exec(k_by_id, account_id));
}

bool use_totp_step(db::Tx& tx, std::int64_t account_id, std::int64_t step) {
    return tx.exec(k_use_step, account_id, step).affected_rows() == 1;
}

bool use_recovery_code(db::Tx& tx, std::int64_t account_id, const Bytes& code_hash) {
    return tx.exec(k_use_code, account_id, encoding::hex_encode(code_hash)).affected_rows() == 1;
}

std::int64_t unused_recovery_codes(db::Tx& tx, std::int64_t account_id) {
    return tx.exec(k_unused_codes, account_id)[0][0].as<std::int64_t>();
}

void set_password_hash(db::Tx& tx, std::int64_t account_id, const std::string& hash, bool must_change) {
    tx.exec(k_set_password, account_id, hash, must_change);
}

void replace_password_hash(db::Tx& tx, std::int64_t account_id, const std::string& hash) {
    tx.exec(k_replace_hash, account_id, hash);
}

void set_must_change_password(db::Tx& tx, std::int64_t account_id, bool must_change) {
    tx.exec(k_set_must_change, account_id, must_change);
}

void set_pending_totp(db::Tx& tx, std::int64_t account_id, const Bytes& sealed) {
    tx.exec(k_set_pending, account_id, encoding::hex_encode(sealed));
}

void enable_totp(db::Tx& tx, std::int64_t account_id, const Bytes& sealed, std::int64_t step,
                 const std::vector<Bytes>& recovery_code_hashes) {
    tx.exec(k_enable, account_id, encoding::hex_encode(sealed), step);
    tx.exec(k_delete_codes, account_id);
    for (const auto& hash : recovery_code_hashes) tx.exec(k_insert_code, account_id, encoding::hex_encode(hash));
}

void disable_totp(db::Tx& tx, std::int64_t account_id) {
    tx.exec(k_disable, account_id);
    tx.exec(k_delete_codes, account_id);
}

void remember_sign_in_address(db::Tx& tx, std::int64_t account_id, const std::string& client_address) {
    tx.exec(k_remember_address, account_id, client_address);
}

bool known_sign_in_address(db::Tx& tx, std::int64_t account_id, const std::string& client_address) {
    return !tx.exec(k_known_address, account_id, client_address).empty();
}

} // namespace mimamori::repositories
