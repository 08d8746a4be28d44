#include "services/sign_in.hpp"

#include <cassert>

#include "mimamori/common/recovery_codes.hpp"
#include "repositories/account_repository.hpp"
#include "repositories/throttle_repository.hpp"
#include "services/services.hpp"
#include "services/two_factor.hpp"

namespace mimamori::services {
namespace {

constexpr std::string_view k_wrong = "the login id or password is wrong";

std::int64_t steady_seconds() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::string minutes_text(std::int64_t seconds) { return std::to_string((seconds + 59) / 60); }

} // namespace

std::string throttle_key(std::string_view login) {
    std::string key(login.substr(0, 256));
    for (char& c : key)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return key;
}

SignInResult SignIn::attempt(const Services& services, db::Database& database, db::UnitOfWork& work,
                             const SignInInput& in) const {
    assert(!work.active() && "sign-in counts attempts outside the request's transaction");
    const std::string key = throttle_key(in.login);
    const auto lock_seconds = m_policy.lock.count();
    SignInResult out;
    out.audit = {.action = "session.create",
                 .target_type = "account",
                 .detail = {{"kiosk", in.kiosk}},
                 .actor = AuditRecord::Actor{std::nullopt, in.login}};

    // 1. Count the attempt (before anything is checked) and read the limits.
    repositories::LoginAttempt login_attempt;
    repositories::AddressAttempt address_attempt;
    database.autocommit([&](db::Tx& tx) {
        login_attempt = repositories::begin_login_attempt(tx, key);
        address_attempt = repositories::begin_address_attempt(tx, in.client_address, lock_seconds,
                                                              static_cast<std::int64_t>(m_policy.address_failures));
        if (auto now = steady_seconds(); now - m_last_purge.exchange(now) > 600) repositories::purge_throttle(tx, lock_seconds);
    });
    auto locked = [&](std::int64_t seconds, std::string reason, std::string message) {
        out.error = Error::make(ErrorCode::RateLimited, std::move(message));
        out.retry_after_seconds = seconds;
        out.audit.result = "locked";
        out.audit.detail["reason"] = std::move(reason);
        return out;
    };
    auto login_locked = [&](std::int64_t seconds) {
        return locked(seconds, "login_locked",
                      "too many failed sign-ins: try again in " + minutes_text(seconds) + " minutes");
    };
    if (login_attempt.locked_seconds) return login_locked(*login_attempt.locked_seconds);
    if (login_attempt.failures > static_cast<std::int64_t>(m_policy.max_failures)) // concurrent attempts
        return login_locked(database.autocommit([&](db::Tx& tx) { return repositories::lock_login(tx, key, lock_seconds); }));
    const bool address_limited = address_attempt.earlier_failures >= static_cast<std::int64_t>(m_policy.address_failures);

    // 2. The password: the same work whether or not the account exists.
    auto account = database.autocommit([&](db::Tx& tx) { return repositories::find_credentials_by_login(tx, key); });
    bool right = false;
    if (account && account->password_hash) right = services.passwords.verify(*account->password_hash, in.password);
    else services.passwords.verify_dummy(in.password);
    if (account) out.audit.target_id = std::to_string(account->id);
    if (right && account->status != "active") right = false;
    if (right && address_limited)
        right = database.autocommit(
            [&](db::Tx& tx) { return repositories::known_sign_in_address(tx, account->id, in.client_address); });

    // A failure: counted already; lock the login id at the limit, else 429 for a limited address.
    auto failed = [&](std::string reason, Error error) {
        out.audit.result = "failed";
        out.audit.detail["reason"] = reason;
        if (login_attempt.failures >= static_cast<std::int64_t>(m_policy.max_failures))
            return login_locked(database.autocommit([&](db::Tx& tx) { return repositories::lock_login(tx, key, lock_seconds); }));
        if (address_limited)
            return locked(address_attempt.seconds_until_below, reason,
                          "too many failed sign-ins from this network: try again in " +
                              minutes_text(address_attempt.seconds_until_below) + " minutes");
        out.error = std::move(error);
        return out;
    };
    if (!right) return failed(address_limited ? "address_limited" : "password",
                              Error::make(ErrorCode::Unauthenticated, std::string(k_wrong)));

    // 3. The second factor.
    std::string second_factor = "none";
    if (account->totp_secret) {
        if (!in.totp && !in.recovery_code) {
            database.autocommit([&](db::Tx& tx) {
                repositories::uncount_login_attempt(tx, key);
                repositories::uncount_address_attempt(tx, in.client_address, address_attempt.reservation);
            });
            out.audit.result = "failed";
            out.audit.detail["reason"] = "two_factor_required";
            out.error = Error::make(ErrorCode::TwoFactorRequired, "enter the one-time code from your authenticator app");
            return out;
        }
        if (in.totp) {
            auto step = check_totp(services.secret_key, *account->totp_secret, *in.totp, account->totp_last_step, "totp");
            if (!step) return failed("totp", step.error());
            // The row lock decides between two requests with the same code.
            if (!repositories::use_totp_step(work.tx(), account->id, *step)) {
                work.rollback();
                return failed("totp_reused", Error{ErrorCode::Unauthenticated,
                                                   "this code was already used: wait for the next one", "totp"});
            }
            second_factor = "totp";
        } else {
            auto canonical = recovery::normalise(*in.recovery_code);
            bool used = canonical && repositories::use_recovery_code(
                                         work.tx(), account->id,
                                         recovery_code_hash(services.secret_key, account->id, *canonical));
            if (!used) {
                work.rollback();
                return failed("recovery_code",
                              Error{ErrorCode::Unauthenticated, "the recovery code is wrong or was used", "recovery_code"});
            }
            second_factor = "recovery_code";
        }
    }

    // 4. Signed in.
    db::Tx& tx = work.tx();
    repositories::clear_login_failures(tx, key);
    repositories::uncount_address_attempt(tx, in.client_address, address_attempt.reservation);
    repositories::remember_sign_in_address(tx, account->id, in.client_address);
    if (services.passwords.needs_rehash(*account->password_hash))
        repositories::replace_password_hash(tx, account->id, services.passwords.hash(in.password));
    out.session = services.sessions.create(tx, account->id, in.kiosk, in.client_address, in.user_agent);
    out.signed_in = services.sessions.load(tx, out.session->cookie_value);
    if (!out.signed_in) throw std::runtime_error("a session just created cannot be read back");
    out.audit.result = "ok";
    out.audit.detail["second_factor"] = second_factor;
    out.audit.actor->account_id = account->id;
    return out;
}

} // namespace mimamori::services
