#pragma once
// SQL of the idempotency_keys table (migration 0001): one row per (principal, key), claimed
// 'in_flight' before its request runs, completed 'done' with the answer in the request's own
// transaction.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "db/database.hpp"

namespace mimamori::repositories {

// The answer a key replays.
struct StoredAnswer {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
};

struct IdempotencyRecord {
    std::string fingerprint;
    bool done = false;
    StoredAnswer answer; // when done
};

// Claims the key for a new request with token `claim`: a new row, or a row that expired
// (`expiry_seconds`) or whose request was abandoned in flight (`abandoned_seconds`). True when
// this claim now holds the key.
bool claim_idempotency_key(db::Tx& tx, const std::string& principal, const std::string& key,
                           const std::string& fingerprint, const std::string& claim, long expiry_seconds,
                           long abandoned_seconds);

std::optional<IdempotencyRecord> find_idempotency_key(db::Tx& tx, const std::string& principal, const std::string& key);

// Stores the answer; false when `claim` no longer holds the key (it was taken over).
bool complete_idempotency_key(db::Tx& tx, const std::string& principal, const std::string& key,
                              const std::string& claim, const StoredAnswer& answer);

// Gives the key up after a failed request, so that a retry runs it again.
void release_idempotency_key(db::Tx& tx, const std::string& principal, const std::string& key, const std::string& claim);

void delete_expired_idempotency_keys(db::Tx& tx, long expiry_seconds);

} // namespace mimamori::repositories
