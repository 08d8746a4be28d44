#pragma once
// Sessions: the cookie `mimamori_session` (HttpOnly; Secure; SameSite=Strict; Path=/) carries 32
// random bytes; the database keeps only their SHA-256, with a CSRF token that every later
// state-changing request must echo in X-CSRF-Token. A session ends after its idle timeout (kiosk
// sessions sooner) or its absolute lifetime, whichever comes first. last_seen_at is written at
// most once a minute, not on every request, so idle expiry may come up to a minute early.
//
// A validated session is kept in the read cache (services/read_cache.hpp, keyed by the token's
// SHA-256, never the token) until the first of: the end of its lifetime, of its idle time, or the
// moment last_seen_at is due to be written again -- then the next request reads (and touches) it
// in the database as before. Sign-out, a password change, a deactivation, anything that changes
// the account, its affiliations or facilities -- or a write of the session's row, such as a
// touch -- drop it in every process (migration 0010), before any later request is answered.

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "db/database.hpp"
#include "services/signed_in.hpp"

namespace mimamori::services {
class ReadCache;
}

namespace mimamori::services {

struct SessionPolicy {
    std::chrono::seconds idle_timeout{30 * 60};
    std::chrono::seconds kiosk_idle_timeout{5 * 60};
    std::chrono::seconds lifetime{12 * 3600};
    std::chrono::seconds touch_after{60};
};

struct NewSession {
    std::string cookie_value; // base64url of the token; sent once, in Set-Cookie
    std::string csrf_token;
};

class Sessions {
public:
    static constexpr std::string_view cookie_name = "mimamori_session";

    explicit Sessions(SessionPolicy policy) : m_policy(policy) {}
    const SessionPolicy& policy() const { return m_policy; }

    NewSession create(db::Tx& tx, std::int64_t account_id, bool kiosk, const std::string& client_address,
                      const std::string& user_agent) const;

    enum class State { Valid, Missing, Expired };
    struct Found {
        State state = State::Missing;
        std::shared_ptr<const SignedIn> signed_in; // shared with the read cache
    };
    // The session of a cookie value, in autocommitted statements (the request's transaction has
    // not begun). An expired session is deleted; a valid one is touched when stale.
    // `cache` answers when every change committed before `since` (the request's start) reached it.
    Found authenticate(db::Database& database, std::string_view cookie_value, ReadCache& cache,
                       std::chrono::steady_clock::time_point since) const;
    // The session of a cookie value within `tx` (right after create()); nullopt when not valid.
    std::optional<SignedIn> load(db::Tx& tx, std::string_view cookie_value) const;

    void end(db::Tx& tx, const SessionInfo& session) const;
    // Every session of the account but `keep` (the one asking), or all when keep is null.
    void end_all(db::Tx& tx, std::int64_t account_id, const SessionInfo* keep = nullptr) const;

    // Set-Cookie values: the new session's cookie, and one that removes it.
    static std::string cookie_header(const NewSession& session);
    static std::string clearing_cookie_header();

private:
    struct Loaded {
        std::optional<SignedIn> signed_in;
        bool expired = false;
        bool stale = false;
        std::chrono::duration<double> cacheable{0}; // how long it may be used without the database
    };
    Loaded signed_in_from(db::Tx& tx, const std::string& hash_hex) const;
    SessionPolicy m_policy;
};

} // namespace mimamori::services
