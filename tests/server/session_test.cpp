// Sessions after sign-in: cookies that must not work (forged, expired, revoked), CSRF, sign-out,
// the forced password change, and two-factor sign-in required by a facility.
#include <gtest/gtest.h>

#include "support/accounts.hpp"
#include "support/test_server.hpp"

namespace mimamori::test {
namespace {

using Sessions = ServerTest;

// A code that no step near now has.
std::string wrong_code(const std::string& secret) {
    for (std::string code : {"000000", "111111", "222222"})
        if (code != totp_now(secret, -1) && code != totp_now(secret) && code != totp_now(secret, 1)) return code;
    return "333333";
}

TEST_F(Sessions, MeAnswersWithTheAccountItsRolesAndWhatItMayDo) {
    auto clinic = create_facility(database(), "みまもりクリニック");
    auto id = create_account(database(), {.login = "dr.manager", .profession = "doctor", .affiliations = {{clinic, true}}});
    auto s = sign_in(port(), "dr.manager");
    auto r = s.get("/api/v1/me");
    ASSERT_EQ(r.status, 200) << r.body;
    Json me = r.json();
    EXPECT_EQ(me["account"]["id"], id);
    EXPECT_EQ(me["account"]["kind"], "staff");
    EXPECT_EQ(me["account"]["profession"], "doctor");
    EXPECT_EQ(me["account"]["family_patient_id"], nullptr);
    EXPECT_EQ(me["roles"], Json::array({"facility_manager"}));
    EXPECT_EQ(me["affiliations"][0]["facility_id"], clinic);
    EXPECT_EQ(me["affiliations"][0]["facility_name"], "みまもりクリニック");
    EXPECT_EQ(me["affiliations"][0]["manager"], true);
    EXPECT_EQ(me["csrf_token"], s.csrf_token);
    EXPECT_EQ(me["must_change_password"], false);
    EXPECT_EQ(me["two_factor"], (Json{{"enabled", false}, {"required", false}}));
    auto allowed = me["allowed_actions"];
    auto has = [&](const char* a) { return std::find(allowed.begin(), allowed.end(), a) != allowed.end(); };
    EXPECT_TRUE(has("staff_register"));   // own facility
    EXPECT_TRUE(has("patient_register")); // the planned change: managers register patients
    EXPECT_FALSE(has("facility_register"));
    EXPECT_FALSE(has("audit_log_view"));
}

TEST_F(Sessions, NoForgedOrUnknownCookieGetsIn) {
    create_account(database(), {.login = "nurse.sato"});
    auto s = sign_in(port(), "nurse.sato");
    std::string forged = s.cookie;
    forged[5] = forged[5] == 'A' ? 'B' : 'A';
    for (const std::string& cookie : {std::string(), std::string("x"), forged, std::string(43, 'A'), s.cookie + "A"}) {
        auto r = http_request(port(), "GET", "/api/v1/me", {{"Cookie", "mimamori_session=" + cookie}});
        EXPECT_EQ(r.status, 401) << cookie;
        EXPECT_EQ(r.error_code(), "unauthenticated");
    }
    EXPECT_EQ(http_request(port(), "GET", "/api/v1/me").status, 401);
    EXPECT_EQ(s.get("/api/v1/me").status, 200);
}

TEST_F(Sessions, IdleAndAbsoluteTimeoutsEndASession) {
    create_account(database(), {.login = "nurse.sato"});
    auto idle = sign_in(port(), "nurse.sato");
    auto kiosk = sign_in(port(), "nurse.sato", k_password, {{"kiosk", true}});
    auto old = sign_in(port(), "nurse.sato");
    // 6 minutes idle: too long for a kiosk, not for a desk.
    database().exec("UPDATE sessions SET last_seen_at = now() - interval '6 minutes'");
    EXPECT_EQ(kiosk.get("/api/v1/me").status, 401);
    EXPECT_EQ(idle.get("/api/v1/me").status, 200);
    database().exec("UPDATE sessions SET last_seen_at = now() - interval '31 minutes'");
    auto r = idle.get("/api/v1/me");
    EXPECT_EQ(r.status, 401);
    EXPECT_NE(r.header("Set-Cookie").value_or("").find("Max-Age=0"), std::string::npos);
    // Busy all along, but signed in more than 12 hours ago.
    auto fresh = sign_in(port(), "nurse.sato");
    database().exec("UPDATE sessions SET created_at = now() - interval '13 hours', expires_at = now() - interval '1 hour'");
    EXPECT_EQ(fresh.get("/api/v1/me").status, 401);
    EXPECT_EQ(old.get("/api/v1/me").status, 401);
    EXPECT_EQ(database().count_rows("sessions"), 0); // expired sessions are removed when met
}

TEST_F(Sessions, ActivityIsWrittenAtMostOnceAMinute) {
    create_account(database(), {.login = "nurse.sato"});
    auto s = sign_in(port(), "nurse.sato");
    database().exec("UPDATE sessions SET last_seen_at = now() - interval '30 seconds'");
    std::string before = database().query_value("SELECT last_seen_at FROM sessions");
    EXPECT_EQ(s.get("/api/v1/me").status, 200);
    EXPECT_EQ(database().query_value("SELECT last_seen_at FROM sessions"), before);
    database().exec("UPDATE sessions SET last_seen_at = now() - interval '2 minutes'");
    EXPECT_EQ(s.get("/api/v1/me").status, 200);
    EXPECT_EQ(database().query_value("SELECT last_seen_at > now() - interval '1 minute' FROM sessions"), "t");
}

TEST_F(Sessions, StateChangesWithoutTheRightCsrfTokenAre403AndChangeNothing) {
    create_account(database(), {.login = "nurse.sato"});
    auto s = sign_in(port(), "nurse.sato");
    std::string hash_before = database().query_value("SELECT password_hash FROM accounts");
    Json change = {{"current_password", k_password}, {"new_password", "Another-good-pass-42"}};
    for (const std::string& token : {std::string(), std::string("wrong"), s.csrf_token + "x"}) {
        HeaderList headers = {{"Cookie", "mimamori_session=" + s.cookie}, {"Content-Type", "application/json"}};
        if (!token.empty()) headers.emplace_back("X-CSRF-Token", token);
        auto r = http_request(port(), "PUT", "/api/v1/me/password", headers, change.dump());
        EXPECT_EQ(r.status, 403) << token;
        EXPECT_EQ(r.error_code(), "forbidden");
        EXPECT_EQ(r.json()["error"]["message"], "missing or wrong CSRF token");
        auto out = http_request(port(), "DELETE", "/api/v1/session", {{"Cookie", "mimamori_session=" + s.cookie},
                                                                       {"X-CSRF-Token", token}});
        EXPECT_EQ(out.status, 403);
    }
    EXPECT_EQ(database().query_value("SELECT password_hash FROM accounts"), hash_before);
    EXPECT_EQ(database().count_rows("sessions"), 1);
    EXPECT_EQ(database().query_value("SELECT count(*) FROM audit_log WHERE action = 'csrf.check' AND result = 'denied'"),
              "6");
    // Reads need no token; with it, the change goes through.
    EXPECT_EQ(s.get("/api/v1/me").status, 200);
    EXPECT_EQ(s.request("PUT", "/api/v1/me/password", change).status, 204);
}

TEST_F(Sessions, SignOutEndsThisSessionAndSignOutEverywhereEndsAll) {
    create_account(database(), {.login = "nurse.sato"});
    create_account(database(), {.login = "nurse.ito"});
    auto a = sign_in(port(), "nurse.sato");
    auto b = sign_in(port(), "nurse.sato");
    auto c = sign_in(port(), "nurse.sato");
    auto other = sign_in(port(), "nurse.ito");
    auto out = a.request("DELETE", "/api/v1/session");
    EXPECT_EQ(out.status, 204);
    EXPECT_NE(out.header("Set-Cookie").value_or("").find("Max-Age=0"), std::string::npos);
    EXPECT_EQ(a.get("/api/v1/me").status, 401); // revoked
    EXPECT_EQ(b.get("/api/v1/me").status, 200);
    EXPECT_EQ(b.request("DELETE", "/api/v1/sessions").status, 204);
    EXPECT_EQ(b.get("/api/v1/me").status, 401);
    EXPECT_EQ(c.get("/api/v1/me").status, 401);
    EXPECT_EQ(other.get("/api/v1/me").status, 200); // another person's session is untouched
}

TEST_F(Sessions, AnInitialPasswordMustBeChangedFirst) {
    create_account(database(), {.login = "new.nurse", .must_change_password = true});
    auto s = sign_in(port(), "new.nurse");
    EXPECT_EQ(s.me["must_change_password"], true);
    auto blocked = s.request("DELETE", "/api/v1/sessions");
    EXPECT_EQ(blocked.status, 403);
    EXPECT_EQ(blocked.error_code(), "password_change_required");
    EXPECT_EQ(s.request("POST", "/api/v1/me/two-factor").error_code(), "password_change_required");
    EXPECT_EQ(s.get("/api/v1/me").status, 200);
    // The rules, with the first one broken named.
    auto weak = s.request("PUT", "/api/v1/me/password", {{"current_password", k_password}, {"new_password", "short1!"}});
    EXPECT_EQ(weak.status, 400);
    EXPECT_EQ(weak.json()["error"]["field"], "new_password");
    EXPECT_EQ(weak.json()["error"]["rule"], "too_short");
    auto unmixed = s.request("PUT", "/api/v1/me/password",
                             {{"current_password", k_password}, {"new_password", "onlylettersandmore"}});
    EXPECT_EQ(unmixed.json()["error"]["rule"], "not_mixed");
    auto same = s.request("PUT", "/api/v1/me/password", {{"current_password", k_password}, {"new_password", k_password}});
    EXPECT_EQ(same.status, 400);
    auto wrong = s.request("PUT", "/api/v1/me/password",
                           {{"current_password", "Not-the-password-1"}, {"new_password", "Another-good-pass-42"}});
    EXPECT_EQ(wrong.status, 401);
    EXPECT_EQ(wrong.json()["error"]["field"], "current_password");
    EXPECT_EQ(database().query_value("SELECT must_change_password FROM accounts"), "t");

    auto other = sign_in(port(), "new.nurse"); // another browser, signed in meanwhile
    auto changed = s.request("PUT", "/api/v1/me/password",
                             {{"current_password", k_password}, {"new_password", "Another-good-pass-42"}});
    EXPECT_EQ(changed.status, 204) << changed.body;
    EXPECT_EQ(s.get("/api/v1/me").json()["must_change_password"], false);
    EXPECT_EQ(s.request("DELETE", "/api/v1/sessions").status, 204); // no longer limited
    EXPECT_EQ(other.get("/api/v1/me").status, 401);                 // other sessions ended
    EXPECT_EQ(sign_in_request(port(), "new.nurse", k_password).status, 401);
    EXPECT_EQ(sign_in_request(port(), "new.nurse", "Another-good-pass-42").status, 200);
}

TEST_F(Sessions, AFacilityThatRequiresTwoFactorLimitsSessionsUntilItIsOn) {
    auto clinic = create_facility(database(), "厳格クリニック", true);
    create_account(database(), {.login = "dr.strict", .affiliations = {{clinic, false}}});
    auto s = sign_in(port(), "dr.strict");
    EXPECT_EQ(s.me["two_factor"], (Json{{"enabled", false}, {"required", true}}));
    auto blocked = s.request("DELETE", "/api/v1/sessions");
    EXPECT_EQ(blocked.status, 403);
    EXPECT_EQ(blocked.error_code(), "forbidden");
    EXPECT_EQ(s.get("/api/v1/me").status, 200);
    // Enrolment is allowed, and with it the session is whole.
    auto started = s.request("POST", "/api/v1/me/two-factor");
    ASSERT_EQ(started.status, 200) << started.body;
    Json enrolment = started.json();
    EXPECT_EQ(enrolment["otpauth_uri"].get<std::string>().rfind("otpauth://totp/Mimamori:dr.strict?", 0), 0u);
    EXPECT_EQ(enrolment["qr_svg"].get<std::string>().rfind("<svg", 0), 0u);
    std::string secret = enrolment["secret_base32"];
    auto wrong = s.request("POST", "/api/v1/me/two-factor/confirm", {{"code", wrong_code(secret)}});
    EXPECT_EQ(wrong.status, 400);
    EXPECT_EQ(wrong.json()["error"]["field"], "code");
    auto confirmed = s.request("POST", "/api/v1/me/two-factor/confirm", {{"code", totp_now(secret)}});
    ASSERT_EQ(confirmed.status, 200) << confirmed.body;
    EXPECT_EQ(confirmed.json()["recovery_codes"].size(), 10u);
    EXPECT_EQ(s.get("/api/v1/me").json()["two_factor"]["enabled"], true);
    // It cannot be turned off while the facility requires it.
    auto off = s.request("DELETE", "/api/v1/me/two-factor", {{"password", k_password}, {"code", totp_now(secret, 1)}});
    EXPECT_EQ(off.status, 409);
    EXPECT_EQ(database().query_value("SELECT totp_secret IS NOT NULL FROM accounts"), "t");
    EXPECT_EQ(s.request("DELETE", "/api/v1/sessions").status, 204);
}

TEST_F(Sessions, TwoFactorCanBeTurnedOffWithPasswordAndCode) {
    create_account(database(), {.login = "dr.free"});
    auto s = sign_in(port(), "dr.free");
    std::string secret = s.request("POST", "/api/v1/me/two-factor").json()["secret_base32"];
    ASSERT_EQ(s.request("POST", "/api/v1/me/two-factor/confirm", {{"code", totp_now(secret)}}).status, 200);
    EXPECT_EQ(s.request("POST", "/api/v1/me/two-factor").status, 409); // already on
    auto wrong = s.request("DELETE", "/api/v1/me/two-factor", {{"password", "Not-the-password-1"}, {"code", "123456"}});
    EXPECT_EQ(wrong.status, 401);
    EXPECT_EQ(wrong.json()["error"]["field"], "password");
    auto off = s.request("DELETE", "/api/v1/me/two-factor", {{"password", k_password}, {"code", totp_now(secret, 1)}});
    EXPECT_EQ(off.status, 204) << off.body;
    EXPECT_EQ(database().query_value("SELECT totp_secret IS NULL AND totp_pending_secret IS NULL FROM accounts"), "t");
    EXPECT_EQ(database().count_rows("recovery_codes"), 0);
    EXPECT_EQ(sign_in_request(port(), "dr.free", k_password).status, 200); // no code needed any more
}

} // namespace
} // namespace mimamori::test
