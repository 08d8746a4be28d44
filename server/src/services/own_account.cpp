#include "services/own_account.hpp"

#include "repositories/account_repository.hpp"
#include "repositories/throttle_repository.hpp"
#include "services/services.hpp"

namespace mimamori::services {

password::Context password_context(const SignedIn& who) {
    return password::Context{who.account.login, who.account.two_factor_enabled || who.two_factor_required()};
}

Status verify_own_password(const Services& services, db::Database& database, const SignedIn& who,
                           std::string_view password, std::string_view field) {
    const std::string key = throttle_key(who.account.login);
    const auto& policy = services.sign_in.policy();
    auto attempt = database.autocommit([&](db::Tx& tx) { return repositories::begin_login_attempt(tx, key); });
    auto locked = [&] {
        return Error{ErrorCode::RateLimited, "too many wrong passwords: try again later", std::string(field)};
    };
    if (attempt.locked_seconds) return locked();
    auto creds = database.autocommit([&](db::Tx& tx) { return repositories::find_credentials(tx, who.account.id); });
    bool right = creds && creds->password_hash && services.passwords.verify(*creds->password_hash, password);
    if (right) {
        database.autocommit([&](db::Tx& tx) { repositories::uncount_login_attempt(tx, key); });
        return {};
    }
    if (attempt.failures >= static_cast<std::int64_t>(policy.max_failures)) {
        database.autocommit([&](db::Tx& tx) { repositories::lock_login(tx, key, policy.lock.count()); });
        return locked();
    }
    return Error{ErrorCode::Unauthenticated, "the current password is wrong", std::string(field)};
}

void set_own_password(const Services& services, db::Tx& tx, const SignedIn& who, std::string_view new_password) {
    repositories::set_password_hash(tx, who.account.id, services.passwords.hash(new_password), false);
    services.sessions.end_all(tx, who.account.id, &who.session);
}

} // namespace mimamori::services
