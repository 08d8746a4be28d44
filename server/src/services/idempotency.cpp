#include "services/idempotency.hpp"

#include <algorithm>

#include "mimamori/common/crypto.hpp"
#include "mimamori/common/encoding.hpp"

namespace mimamori::services {

Status Idempotency::validate_key(std::string_view key) {
    bool printable = std::all_of(key.begin(), key.end(), [](char c) { return c >= 0x20 && c < 0x7f; });
    if (key.empty() || key.size() > 255 || !printable)
        return Error::invalid("Idempotency-Key", "Idempotency-Key must be 1 to 255 printable ASCII characters");
    return {};
}

std::string Idempotency::fingerprint(std::string_view method, std::string_view target, std::string_view body) {
    crypto::Sha256 hash;
    // Lengths first, so that no two different requests concatenate to the same bytes.
    std::string head = std::to_string(method.size()) + ":" + std::string(method) + std::to_string(target.size()) + ":" +
                       std::string(target) + std::to_string(body.size()) + ":";
    hash.update(as_bytes(head));
    hash.update(as_bytes(body));
    return encoding::hex_encode(hash.finish());
}

Idempotency::Begin Idempotency::begin(db::Database& database, const std::string& principal, const std::string& key,
                                      const std::string& fingerprint) {
    Begin out;
    out.claim = encoding::hex_encode(crypto::random_bytes(16));
    auto expiry = static_cast<long>(m_policy.expiry.count());
    auto abandoned = static_cast<long>(m_policy.abandoned_after.count());
    auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
    auto last = m_last_purge.load();
    bool purge = now - last >= 60 && m_last_purge.compare_exchange_strong(last, now); // once a minute
    // A key deleted between a failed claim and the look-up (its request failed and released it)
    // is claimed again: two rounds are enough, since a released key is free.
    for (int round = 0; round < 2; ++round) {
        bool claimed = database.transact([&](db::Tx& tx) {
            if (purge) repositories::delete_expired_idempotency_keys(tx, expiry);
            return repositories::claim_idempotency_key(tx, principal, key, fingerprint, out.claim, expiry, abandoned);
        });
        purge = false;
        if (claimed) return out;
        auto record = database.transact([&](db::Tx& tx) { return repositories::find_idempotency_key(tx, principal, key); });
        if (!record) continue;
        if (record->fingerprint != fingerprint) {
            out.kind = Begin::Kind::Mismatch;
        } else if (!record->done) {
            out.kind = Begin::Kind::InFlight;
        } else {
            out.kind = Begin::Kind::Replay;
            out.answer = std::move(record->answer);
        }
        return out;
    }
    out.kind = Begin::Kind::InFlight;
    return out;
}

bool Idempotency::complete(db::Tx& tx, const std::string& principal, const std::string& key, const std::string& claim,
                           const StoredAnswer& answer) {
    return repositories::complete_idempotency_key(tx, principal, key, claim, answer);
}

void Idempotency::release(db::Database& database, const std::string& principal, const std::string& key,
                          const std::string& claim) {
    database.transact([&](db::Tx& tx) { repositories::release_idempotency_key(tx, principal, key, claim); });
}

} // namespace mimamori::services
