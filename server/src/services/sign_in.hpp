#pragma once
// Sign-in (POST /api/v1/session) and its throttling:
// - Per login id as typed (lower-cased; whether or not such an account exists): after
//   `max_failures` consecutive failures the id is locked for `lock` (429 with Retry-After), even
//   for the right password. Every attempt is counted before its password is checked and
//   uncounted when it succeeds, so concurrent attempts cannot slip past the limit.
// - Per client address: after `address_failures` failures within `lock`, across login ids, a
//   further attempt gets 429 -- unless it is right and its account has signed in successfully
//   from this address before (the staff of a nursing home on its shared line keep signing in; a
//   right password for any other account is refused like a wrong one, so the limit tells an
//   attacker nothing). Successful sign-ins never count.
// - An unknown login id, an account without a password yet, or one that is not active is
//   answered exactly like a wrong password (a dummy hash is verified, so timing matches too).
// - Two-factor: the right password without a code is 401 two_factor_required (not counted as a
//   failure); a wrong or reused TOTP, or a wrong recovery code, is a failure.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "db/database.hpp"
#include "services/audit_log.hpp"
#include "services/sessions.hpp"

namespace mimamori::services {

class Services;

struct SignInPolicy {
    std::chrono::seconds lock{15 * 60};
    std::size_t max_failures = 5;
    std::size_t address_failures = 20;
};

struct SignInInput {
    std::string login; // as typed
    std::string password;
    std::optional<std::string> totp;
    std::optional<std::string> recovery_code;
    bool kiosk = false;
    std::string client_address;
    std::string user_agent;
};

struct SignInResult {
    // Success: the new session and who signed in.
    std::optional<NewSession> session;
    std::optional<SignedIn> signed_in;
    // Refusal: the error, and for 429 the seconds until a retry can succeed.
    std::optional<Error> error;
    std::optional<std::int64_t> retry_after_seconds;
    // The access-log entry of the attempt (result "ok", "failed" or "locked").
    AuditRecord audit;
};

class SignIn {
public:
    explicit SignIn(SignInPolicy policy) : m_policy(policy) {}
    const SignInPolicy& policy() const { return m_policy; }

    // Counts and checks use autocommitted statements of `database` (a failure's count must
    // survive the request's rollback), so `work` must not have begun; the success's writes
    // (session, counters cleared, step or code used) go into `work`.
    SignInResult attempt(const Services& services, db::Database& database, db::UnitOfWork& work,
                         const SignInInput& input) const;

private:
    SignInPolicy m_policy;
    mutable std::atomic<std::int64_t> m_last_purge{0};
};

// The throttling key of a login id as typed: ASCII letters lower-cased (login ids are stored in
// lower case), cut at 256 bytes.
std::string throttle_key(std::string_view login);

} // namespace mimamori::services
