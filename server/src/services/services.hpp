#pragma once
// The services of one server, built from its configuration at start and reached by handlers
// through RequestContext::services().

#include <chrono>
#include <cstddef>

#include "db/database.hpp"
#include "services/audit_log.hpp"
#include "services/passwords.hpp"
#include "services/secret_key.hpp"
#include "services/sessions.hpp"
#include "services/sign_in.hpp"

namespace mimamori::services {

class Services {
public:
    Services(db::Database& database, SecretKey key, std::string_view password_limits, SessionPolicy session_policy,
             SignInPolicy sign_in_policy)
        : secret_key(std::move(key)), passwords(password_limits), sessions(session_policy),
          sign_in(sign_in_policy), audit_log(database) {}

    const SecretKey secret_key;
    const PasswordHasher passwords;
    const Sessions sessions;
    const SignIn sign_in;
    AuditLog audit_log;
};

} // namespace mimamori::services
