#pragma once
// Sessions: the cookie `mimamori_session` (HttpOnly; Secure; SameSite=Strict; Path=/) carries 32
// random bytes; the database keeps only their SHA-256, with a CSRF token that every later
// state-changing request must echo in X-CSRF-Token. A session ends after its idle timeout (kiosk
// sessions sooner) or its absolute lifetime, whichever comes first. last_seen_at is written at
// most once a minute, not on every request, so idle expiry may come up to a minute early.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "db/database.hpp"
#include "services/signed_in.hpp"

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
        std::optional<SignedIn> signed_in;
    };
    // The session of a cookie value, in autocommitted statements (the request's transaction has
    // not begun). An expired session is deleted; a valid one is touched when stale.
    Found authenticate(db::Database& database, std::string_view cookie_value) const;
    // The session of a cookie value within `tx` (right after create()); nullopt when not valid.
    std::optional<SignedIn> load(db::Tx& tx, std::string_view cookie_value) const;

    void end(db::Tx& tx, const SessionInfo& session) const;
    // Every session of the account but `keep` (the one asking), or all when keep is null.
    void end_all(db::Tx& tx, std::int64_t account_id, const SessionInfo* keep = nullptr) const;

    // Set-Cookie values: the new session's cookie, and one that removes it.
    static std::string cookie_header(const NewSession& session);
    static std::string clearing_cookie_header();

private:
    std::optional<SignedIn> signed_in_from(db::Tx& tx, std::string_view cookie_value, bool& expired, bool& stale,
                                           std::string& hash_hex) const;
    SessionPolicy m_policy;
};

} // namespace mimamori::services
