#include "repositories/idempotency_repository.hpp"

#include "mimamori/common/encoding.hpp"
#include "mimamori/common/json.hpp"

namespace mimamori::repositories {
namespace {

const db::Statement k_claim{"idempotency_claim", R"sql(
    INSERT INTO idempotency_keys AS k (principal, key, fingerprint, claim, state)
    VALUES ($1, $2, $3, $4, 'in_flight')
    ON CONFLICT (principal, key) DO UPDATE
       SET fingerprint = EXCLUDED.fingerprint, claim = EXCLUDED.claim, state = 'in_flight',
           status = NULL, headers = NULL, body = NULL, created_at = now()
     WHERE k.created_at < now() - make_interval(secs => $5)
        OR (k.state = 'in_flight' AND k.created_at < now() - make_interval(secs => $6))
    RETURNING k.claim)sql"};

const db::Statement k_find{"idempotency_find", R"sql(
    SELECT fingerprint, state = 'done', status, headers::text, encode(body, 'hex')
      FROM idempotency_keys WHERE principal = $1 AND key = $2)sql"};

const db::Statement k_complete{"idempotency_complete", R"sql(
    UPDATE idempotency_keys
       SET state = 'done', status = $4, headers = $5::jsonb, body = decode($6, 'hex')
     WHERE principal = $1 AND key = $2 AND claim = $3 AND state = 'in_flight')sql"};

const db::Statement k_release{"idempotency_release", R"sql(
    DELETE FROM idempotency_keys
     WHERE principal = $1 AND key = $2 AND claim = $3 AND state = 'in_flight')sql"};

const db::Statement k_expire{"idempotency_expire",
                             "DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(secs => $1)"};

} // namespace

bool claim_idempotency_key(db::Tx& tx, const std::string& principal, const std::string& key,
                           const std::string& fingerprint, const std::string& claim, long expiry_seconds,
                           long abandoned_seconds) {
    return !tx.exec(k_claim, principal, key, fingerprint, claim, expiry_seconds, abandoned_seconds).empty();
}

std::optional<IdempotencyRecord> find_idempotency_key(db::Tx& tx, const std::string& principal, const std::string& key) {
    auto rows = tx.exec(k_find, principal, key);
    if (rows.empty()) return std::nullopt;
    const auto& row = rows[0];
    IdempotencyRecord record;
    record.fingerprint = row[0].as<std::string>();
    record.done = row[1].as<bool>();
    if (record.done) {
        record.answer.status = row[2].as<int>();
        auto headers = json::parse(row[3].as<std::string>());
        if (headers && headers->is_array())
            for (const auto& pair : *headers) record.answer.headers.emplace_back(pair.at(0), pair.at(1));
        auto body = encoding::hex_decode(row[4].as<std::string>());
        if (body) record.answer.body = to_string(*body);
    }
    return record;
}

bool complete_idempotency_key(db::Tx& tx, const std::string& principal, const std::string& key,
                              const std::string& claim, const StoredAnswer& answer) {
    Json headers = Json::array();
    for (const auto& [name, value] : answer.headers) headers.push_back({name, value});
    auto result = tx.exec(k_complete, principal, key, claim, answer.status, json::dump(headers),
                          encoding::hex_encode(as_bytes(answer.body)));
    return result.affected_rows() == 1;
}

void release_idempotency_key(db::Tx& tx, const std::string& principal, const std::string& key, const std::string& claim) {
    tx.exec(k_release, principal, key, claim);
}

void delete_expired_idempotency_keys(db::Tx& tx, long expiry_seconds) { tx.exec(k_expire, expiry_seconds); }

} // namespace mimamori::repositories
