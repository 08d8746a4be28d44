#include "repositories/throttle_repository.hpp"

namespace mimamori::repositories {
namespace {

// In ON CONFLICT ... SET every t.column is the row as it was, so the lock that ran out is
// judged on the old row.
const db::Statement k_begin_login{"throttle_begin_login", R"sql(
    INSERT INTO login_throttle AS t (login, failures, updated_at) VALUES ($1, 1, now())
    ON CONFLICT (login) DO UPDATE
       SET failures = CASE WHEN t.locked_until <= now() THEN 1 ELSE t.failures + 1 END,
           locked_until = CASE WHEN t.locked_until <= now() THEN NULL ELSE t.locked_until END,
           updated_at = now()
    RETURNING failures,
              CASE WHEN locked_until > now() THEN ceil(extract(epoch FROM locked_until - now()))::bigint END)sql"};

const db::Statement k_lock_login{"throttle_lock_login", R"sql(
    UPDATE login_throttle
       SET locked_until = CASE WHEN locked_until > now() THEN locked_until
                               ELSE now() + make_interval(secs => $2::bigint) END,
           updated_at = now()
     WHERE login = $1
    RETURNING ceil(extract(epoch FROM locked_until - now()))::bigint)sql"};

const db::Statement k_uncount_login{"throttle_uncount_login", R"sql(
    UPDATE login_throttle SET failures = greatest(failures - 1, 0) WHERE login = $1)sql"};

const db::Statement k_clear_login{"throttle_clear_login", "DELETE FROM login_throttle WHERE login = $1"};

// The count does not see the row this statement inserts (one snapshot): earlier failures only.
// The (limit-1)-th newest of them is the one whose ageing out brings this attempt's failure
// under the limit too.
const db::Statement k_begin_address{"throttle_begin_address", R"sql(
    WITH attempt AS (
      INSERT INTO address_failures (client_address, at) VALUES ($1, clock_timestamp()) RETURNING at)
    SELECT (SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') FROM attempt),
           (SELECT count(*) FROM address_failures
             WHERE client_address = $1 AND at > now() - make_interval(secs => $2::bigint)),
           coalesce((SELECT ceil(extract(epoch FROM at + make_interval(secs => $2::bigint) - now()))::bigint
                       FROM address_failures
                      WHERE client_address = $1 AND at > now() - make_interval(secs => $2::bigint)
                      ORDER BY at DESC OFFSET greatest($3::bigint - 2, 0) LIMIT 1), $2::bigint))sql"};

const db::Statement k_uncount_address{"throttle_uncount_address", R"sql(
    DELETE FROM address_failures
     WHERE ctid = (SELECT ctid FROM address_failures
                    WHERE client_address = $1 AND at = $2::timestamptz LIMIT 1))sql"};

const db::Statement k_purge_addresses{"throttle_purge_addresses",
                                      "DELETE FROM address_failures WHERE at < now() - make_interval(secs => $1::bigint)"};
const db::Statement k_purge_logins{"throttle_purge_logins", R"sql(
    DELETE FROM login_throttle
     WHERE updated_at < now() - interval '1 day' AND (locked_until IS NULL OR locked_until < now()))sql"};

} // namespace

LoginAttempt begin_login_attempt(db::Tx& tx, const std::string& login) {
    auto row = tx.exec(k_begin_login, login)[0];
    LoginAttempt a;
    a.failures = row[0].as<std::int64_t>();
    if (!row[1].is_null()) a.locked_seconds = std::max<std::int64_t>(1, row[1].as<std::int64_t>());
    return a;
}

std::int64_t lock_login(db::Tx& tx, const std::string& login, std::int64_t seconds) {
    auto rows = tx.exec(k_lock_login, login, seconds);
    return rows.empty() ? seconds : std::max<std::int64_t>(1, rows[0][0].as<std::int64_t>());
}

void uncount_login_attempt(db::Tx& tx, const std::string& login) { tx.exec(k_uncount_login, login); }

void clear_login_failures(db::Tx& tx, const std::string& login) { tx.exec(k_clear_login, login); }

AddressAttempt begin_address_attempt(db::Tx& tx, const std::string& address, std::int64_t window_seconds,
                                     std::int64_t limit) {
    auto row = tx.exec(k_begin_address, address, window_seconds, limit)[0];
    return AddressAttempt{row[0].as<std::string>(), row[1].as<std::int64_t>(),
                          std::max<std::int64_t>(1, row[2].as<std::int64_t>())};
}

void uncount_address_attempt(db::Tx& tx, const std::string& address, const std::string& reservation) {
    tx.exec(k_uncount_address, address, reservation);
}

void purge_throttle(db::Tx& tx, std::int64_t window_seconds) {
    tx.exec(k_purge_addresses, window_seconds);
    tx.exec(k_purge_logins);
}

} // namespace mimamori::repositories
