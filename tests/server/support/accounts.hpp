#pragma once
// Accounts and sessions for server tests: accounts and facilities written straight into the test
// database (passwords hashed with the minimum Argon2id limits, which test servers also use), and
// a signed-in Session that sends its cookie and CSRF token with each request.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "mimamori/common/json.hpp"
#include "support/http_client.hpp"
#include "support/test_database.hpp"

namespace mimamori::test {

// A password that passes the rules without two-factor sign-in (13+ characters, mixed).
inline const std::string k_password = "Correct-horse-7-battery";

struct AccountSpec {
    std::string login{};
    std::string password = k_password;
    std::string kind = "staff";                  // "staff" or "family"
    std::optional<std::string> secretariat_role{}; // "secretariat_admin", "secretariat_user"
    std::string profession = "nurse";            // staff only
    std::string status = "active";
    bool must_change_password = false;
    std::vector<std::pair<std::int64_t, bool>> affiliations{}; // facility id, manager
};
std::int64_t create_account(const TestDatabase& db, const AccountSpec& spec);
std::int64_t create_facility(const TestDatabase& db, const std::string& name, bool require_two_factor = false);

// A signed-in browser: the session cookie and the CSRF token from POST /api/v1/session.
struct Session {
    std::uint16_t port = 0;
    std::string cookie; // value of mimamori_session
    std::string csrf_token;
    Json me;

    // A request with the cookie (and, for POST/PUT/PATCH/DELETE, the CSRF token); a JSON body
    // when `body` is not null.
    HttpResponse request(const std::string& method, const std::string& target, const Json& body = nullptr,
                         HeaderList headers = {}) const;
    HttpResponse get(const std::string& target) const { return request("GET", target); }
};

// POST /api/v1/session with {"login","password"} plus `extra`; the raw answer.
HttpResponse sign_in_request(std::uint16_t port, const std::string& login, const std::string& password,
                             const Json& extra = Json::object());
// The same, expecting 200 (a gtest failure and an empty Session otherwise).
Session sign_in(std::uint16_t port, const std::string& login, const std::string& password = k_password,
                const Json& extra = Json::object());

// The current TOTP code of a base32 secret (as an enrolment answer gives it), `offset_steps`
// 30-second steps from now.
std::string totp_now(const std::string& secret_base32, int offset_steps = 0);

} // namespace mimamori::test
