// POST /api/v1/session: passwords, unknown logins, two-factor codes, lockout and the per-address
// limit, against a real server and PostgreSQL.
#include <gtest/gtest.h>

#include "support/accounts.hpp"
#include "support/test_server.hpp"

namespace mimamori::test {
namespace {

class SignIn : public ServerTest {
protected:
    void configure(server::Config& c) override {
        c.sign_in_max_failures = 5;
        c.sign_in_address_failures = 20;
    }
    // Signs in, enrols two-factor and returns the secret (the session is used up).
    std::string enrol_two_factor(const std::string& login) {
        auto s = sign_in(port(), login);
        auto started = s.request("POST", "/api/v1/me/two-factor");
        EXPECT_EQ(started.status, 200) << started.body;
        std::string secret = started.json().value("secret_base32", "");
        auto confirmed = s.request("POST", "/api/v1/me/two-factor/confirm", {{"code", totp_now(secret)}});
        EXPECT_EQ(confirmed.status, 200) << confirmed.body;
        m_recovery_codes = confirmed.json().value("recovery_codes", Json::array());
        // The enrolment used the current step: sign-ins below use the next one.
        return secret;
    }
    Json m_recovery_codes;
};

TEST_F(SignIn, RightPasswordGivesTheCookieTheCsrfTokenAndMe) {
    auto id = create_account(database(), {.login = "nurse.sato"});
    auto r = sign_in_request(port(), "nurse.sato", k_password);
    ASSERT_EQ(r.status, 200) << r.body;
    auto set_cookie = r.header("Set-Cookie").value_or("");
    EXPECT_NE(set_cookie.find("mimamori_session="), std::string::npos);
    for (const char* attribute : {"HttpOnly", "Secure", "SameSite=Strict", "Path=/"})
        EXPECT_NE(set_cookie.find(attribute), std::string::npos) << attribute;
    Json body = r.json();
    EXPECT_EQ(body["csrf_token"].get<std::string>().size(), 43u);
    EXPECT_EQ(body["me"]["account"]["id"], id);
    EXPECT_EQ(body["me"]["account"]["login"], "nurse.sato");
    EXPECT_EQ(body["me"]["csrf_token"], body["csrf_token"]);
    // Only the token's hash is stored: the cookie value appears nowhere in the database.
    std::string cookie = *r.cookie("mimamori_session");
    EXPECT_EQ(database().query_value("SELECT count(*) FROM sessions WHERE encode(token_hash, 'escape') LIKE '%" +
                                     cookie + "%'"), "0");
    EXPECT_EQ(database().count_rows("sessions"), 1);
    // Login ids are compared in lower case.
    EXPECT_EQ(sign_in_request(port(), "Nurse.Sato", k_password).status, 200);
}

TEST_F(SignIn, WrongPasswordAndUnknownLoginGetTheSameAnswer) {
    create_account(database(), {.login = "nurse.sato"});
    auto wrong = sign_in_request(port(), "nurse.sato", "Not-the-password-9");
    auto unknown = sign_in_request(port(), "nobody.here", "Not-the-password-9");
    EXPECT_EQ(wrong.status, 401);
    EXPECT_EQ(wrong.error_code(), "unauthenticated");
    EXPECT_EQ(wrong.body, unknown.body);
    EXPECT_EQ(wrong.status, unknown.status);
    EXPECT_FALSE(wrong.cookie("mimamori_session"));
    EXPECT_EQ(database().count_rows("sessions"), 0);
    // An account that has not set its password yet, or has left, answers the same.
    create_account(database(), {.login = "invited.one", .status = "invited"});
    EXPECT_EQ(sign_in_request(port(), "invited.one", k_password).body, unknown.body);
}

TEST_F(SignIn, MalformedRequestsAre400) {
    auto post = [&](const std::string& body) {
        return http_request(port(), "POST", "/api/v1/session", {{"Content-Type", "application/json"}}, body);
    };
    EXPECT_EQ(post("{not json").status, 400);
    EXPECT_EQ(post(R"({"login": 5, "password": "x"})").json()["error"]["field"], "login");
    EXPECT_EQ(post(R"({"login": "a"})").json()["error"]["field"], "password");
    EXPECT_EQ(post(R"({"login": "a", "password": "b", "kiosk": "yes"})").json()["error"]["field"], "kiosk");
    EXPECT_EQ(post(R"({"login": "a", "password": "b", "extra": 1})").status, 400);
    EXPECT_EQ(http_request(port(), "POST", "/api/v1/session", {}, R"({"login":"a","password":"b"})").status, 415);
    EXPECT_EQ(database().count_rows("login_throttle"), 0); // nothing was attempted
}

TEST_F(SignIn, FiveFailuresLockTheLoginEvenForTheRightPasswordUntilTheLockRunsOut) {
    create_account(database(), {.login = "nurse.sato"});
    for (int i = 0; i < 4; ++i) EXPECT_EQ(sign_in_request(port(), "nurse.sato", "Wrong-password-1").status, 401);
    auto fifth = sign_in_request(port(), "nurse.sato", "Wrong-password-1");
    EXPECT_EQ(fifth.status, 429);
    EXPECT_EQ(fifth.error_code(), "rate_limited");
    auto retry = std::stoi(fifth.header("Retry-After").value_or("0"));
    EXPECT_GT(retry, 840);
    EXPECT_LE(retry, 900);
    auto right = sign_in_request(port(), "nurse.sato", k_password);
    EXPECT_EQ(right.status, 429);
    EXPECT_EQ(database().count_rows("sessions"), 0);
    // The lock runs out (the clock moved in the row, not by waiting).
    database().exec("UPDATE login_throttle SET locked_until = now() - interval '1 second'");
    EXPECT_EQ(sign_in_request(port(), "nurse.sato", k_password).status, 200);
    // A success forgives the failures: four more do not lock.
    for (int i = 0; i < 4; ++i) EXPECT_EQ(sign_in_request(port(), "nurse.sato", "Wrong-password-1").status, 401);
    EXPECT_EQ(sign_in_request(port(), "nurse.sato", k_password).status, 200);
}

TEST_F(SignIn, AnUnknownLoginLocksExactlyLikeAKnownOne) {
    create_account(database(), {.login = "nurse.sato"});
    std::vector<std::pair<int, std::string>> known, unknown;
    for (int i = 0; i < 6; ++i) {
        auto k = sign_in_request(port(), "nurse.sato", "Wrong-password-1");
        auto u = sign_in_request(port(), "ghost.user", "Wrong-password-1");
        known.emplace_back(k.status, k.body);
        unknown.emplace_back(u.status, u.body);
    }
    EXPECT_EQ(known, unknown);
    EXPECT_EQ(known.back().first, 429);
}

TEST_F(SignIn, TheAddressLimitStopsSprayingButLetsItsOwnStaffIn) {
    create_account(database(), {.login = "home.staff"});   // has signed in from here before
    create_account(database(), {.login = "other.staff"});  // never from here
    ASSERT_EQ(sign_in_request(port(), "home.staff", k_password).status, 200);
    // 20 failures across 20 login ids (no login id reaches its own limit).
    for (int i = 0; i < 20; ++i)
        EXPECT_EQ(sign_in_request(port(), "sprayed." + std::to_string(i), "Spring-2026-pass!").status, 401) << i;
    auto sprayed = sign_in_request(port(), "sprayed.20", "Spring-2026-pass!");
    EXPECT_EQ(sprayed.status, 429);
    EXPECT_GT(std::stoi(sprayed.header("Retry-After").value_or("0")), 0);
    // Staff who sign in from this line keep signing in ...
    EXPECT_EQ(sign_in_request(port(), "home.staff", k_password).status, 200);
    EXPECT_EQ(sign_in_request(port(), "home.staff", k_password).status, 200);
    // ... while a right password of any other account is refused like a wrong one: no oracle.
    auto right = sign_in_request(port(), "other.staff", k_password);
    auto wrong = sign_in_request(port(), "other.staff", "Not-the-password-9");
    EXPECT_EQ(right.status, 429);
    EXPECT_EQ(right.body, wrong.body);
    // Once the failures age out of the window, everyone may try again.
    database().exec("UPDATE address_failures SET at = at - interval '16 minutes'");
    EXPECT_EQ(sign_in_request(port(), "other.staff", k_password).status, 200);
}

TEST_F(SignIn, TwoFactorNeedsTheCodeAndRefusesAWrongOrReusedOne) {
    create_account(database(), {.login = "dr.tanaka"});
    auto secret = enrol_two_factor("dr.tanaka");
    auto without = sign_in_request(port(), "dr.tanaka", k_password);
    EXPECT_EQ(without.status, 401);
    EXPECT_EQ(without.error_code(), "two_factor_required");
    // A code the person has not asked for yet is not a failure: the counter is unchanged.
    EXPECT_EQ(database().query_value("SELECT failures FROM login_throttle"), "0");

    std::string next = totp_now(secret, 1);
    std::string wrong = next == "000000" ? "111111" : "000000";
    auto bad = sign_in_request(port(), "dr.tanaka", k_password, {{"totp", wrong}});
    EXPECT_EQ(bad.status, 401);
    EXPECT_EQ(bad.error_code(), "unauthenticated");
    EXPECT_EQ(bad.json()["error"]["field"], "totp");
    EXPECT_EQ(database().query_value("SELECT failures FROM login_throttle"), "1");

    EXPECT_EQ(sign_in_request(port(), "dr.tanaka", k_password, {{"totp", next}}).status, 200);
    auto reused = sign_in_request(port(), "dr.tanaka", k_password, {{"totp", next}});
    EXPECT_EQ(reused.status, 401);
    EXPECT_EQ(reused.json()["error"]["field"], "totp");
    // The right password with a wrong code is no session.
    EXPECT_EQ(database().count_rows("sessions"), 2); // the enrolment's and the one sign-in
}

TEST_F(SignIn, ARecoveryCodeWorksOnce) {
    create_account(database(), {.login = "dr.tanaka"});
    enrol_two_factor("dr.tanaka");
    ASSERT_EQ(m_recovery_codes.size(), 10u);
    std::string code = m_recovery_codes[3];
    // Typed in lower case without hyphens: the same code.
    std::string typed;
    for (char c : code)
        if (c != '-') typed += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_EQ(sign_in_request(port(), "dr.tanaka", k_password, {{"recovery_code", typed}}).status, 200);
    auto again = sign_in_request(port(), "dr.tanaka", k_password, {{"recovery_code", code}});
    EXPECT_EQ(again.status, 401);
    EXPECT_EQ(again.json()["error"]["field"], "recovery_code");
    EXPECT_EQ(database().query_value("SELECT count(*) FROM recovery_codes WHERE used_at IS NULL"), "9");
    // Stored as keyed hashes only.
    EXPECT_EQ(database().query_value("SELECT count(*) FROM recovery_codes WHERE length(code_hash) = 32"), "10");
}

TEST_F(SignIn, AKioskSessionSaysSoAndHasTheShortIdleTimeout) {
    create_account(database(), {.login = "nurse.sato"});
    auto s = sign_in(port(), "nurse.sato", k_password, {{"kiosk", true}});
    EXPECT_EQ(s.me["session"]["kiosk"], true);
    EXPECT_EQ(s.me["session"]["idle_timeout_seconds"], 300);
    auto desk = sign_in(port(), "nurse.sato");
    EXPECT_EQ(desk.me["session"]["idle_timeout_seconds"], 1800);
}

} // namespace
} // namespace mimamori::test
