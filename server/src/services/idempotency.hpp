#pragma once
// The rules of Idempotency-Key: a state-changing request sent again with the same key (and the
// same method, target and body) gets the first answer and writes nothing twice; the same key with
// a different request is refused; a duplicate arriving while the first is still running is told
// to retry later. Keys are scoped by principal and forgotten after `expiry`.
//
// How "nothing twice" holds: the key is claimed in a short transaction of its own before the
// request runs (so a concurrent duplicate sees it at once), and the answer is stored in the
// request's own transaction, committed with its writes, or not at all.

#include <atomic>
#include <chrono>
#include <string>
#include <string_view>

#include "db/database.hpp"
#include "mimamori/common/result.hpp"
#include "repositories/idempotency_repository.hpp"

namespace mimamori::services {

using repositories::StoredAnswer;

struct IdempotencyPolicy {
    std::chrono::seconds expiry{24 * 3600};
    // A claim this old whose answer never came was abandoned (the server died mid-request).
    std::chrono::seconds abandoned_after{300};
};

class Idempotency {
public:
    struct Begin {
        enum class Kind {
            Claimed,  // run the request, then complete() or release()
            Replay,   // answer with `answer`
            InFlight, // the first request with this key is still running: 409
            Mismatch, // the key was used for a different request: 422
        };
        Kind kind = Kind::Claimed;
        std::string claim;
        StoredAnswer answer;
    };

    explicit Idempotency(IdempotencyPolicy policy = {}) : m_policy(policy) {}

    // A key is 1 to 255 printable ASCII characters (no control characters).
    static Status validate_key(std::string_view key);
    // What "the same request" means: method, target and body.
    static std::string fingerprint(std::string_view method, std::string_view target, std::string_view body);

    Begin begin(db::Database& database, const std::string& principal, const std::string& key,
                const std::string& fingerprint);
    // Stores the answer in the request's transaction `tx`; false when the claim was lost.
    bool complete(db::Tx& tx, const std::string& principal, const std::string& key, const std::string& claim,
                  const StoredAnswer& answer);
    // Gives the key up after a failed request (the retry runs it again).
    void release(db::Database& database, const std::string& principal, const std::string& key,
                 const std::string& claim);

private:
    IdempotencyPolicy m_policy;
    std::atomic<long long> m_last_purge{0}; // steady-clock seconds
};

} // namespace mimamori::services
