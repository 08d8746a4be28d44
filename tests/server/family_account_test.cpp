// Patient/family accounts through the API (issue 4): the secretariat registers, removes and
// re-sends (the seed's table); the invitation is handed over at a home visit as a one-time code
// and a QR code; redeeming the code is rate-limited; the family then sees only its own patient.
#include <gtest/gtest.h>

#include "care_support.hpp"
#include "support/test_server.hpp"

namespace mimamori::test {
namespace {

class FamilyAccounts : public ServerTest {
protected:
    void SetUp() override {
        ASSERT_NO_FATAL_FAILURE(ServerTest::SetUp());
        care = create_care_region(database());
        insert_consent(database(), care.patient, /*family=*/true);
        admin = sign_in(port(), "admin");
        user = sign_in(port(), "user");
    }
    std::string accounts() const { return path("/api/v1/patients/", care.patient, "/family-accounts"); }
    static Json family_body(const std::string& login, const std::string& email = "") {
        Json b = {{"name", "見守 一郎"}, {"name_kana", "ミマモリ イチロウ"}, {"login", login}, {"relation", "長男"}};
        if (!email.empty()) b["email"] = email;
        return b;
    }
    std::int64_t register_family(const std::string& login, const std::string& email = "") {
        auto r = admin.request("POST", accounts(), family_body(login, email));
        EXPECT_EQ(r.status, 201) << r.body;
        return r.json()["account"]["id"].get<std::int64_t>();
    }
    HttpResponse redeem(const std::string& code) {
        return http_request(port(), "POST", "/api/v1/invitations/code", {{"Content-Type", "application/json"}},
                            Json{{"code", code}}.dump());
    }
    CareRegion care;
    Session admin, user;
};

TEST_F(FamilyAccounts, TheSecretariatRegistersWithOrWithoutMail) {
    const auto mails = database().count_rows("mail_outbox");
    auto r = admin.request("POST", accounts(), family_body("ichiro", "ichiro@example.jp"));
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(r.json()["account"]["status"], "invited");
    EXPECT_EQ(r.json()["account"]["relation"], "長男");
    EXPECT_FALSE(r.json()["invitation"]["expires_at"].is_null());
    EXPECT_EQ(database().count_rows("mail_outbox"), mails + 1);
    EXPECT_EQ(database().query_value("SELECT family_patient_id FROM accounts WHERE login = 'ichiro'"),
              std::to_string(care.patient));
    auto handed = admin.request("POST", accounts(), family_body("jiro"));
    ASSERT_EQ(handed.status, 201);
    EXPECT_TRUE(handed.json()["invitation"]["expires_at"].is_null()) << "no address: handed over in person";
    EXPECT_EQ(database().count_rows("mail_outbox"), mails + 1);
    // The table: nobody else registers; a taken login or bad kana stores nothing.
    const std::string before = care_counts(database());
    EXPECT_EQ(sign_in(port(), "manager").request("POST", accounts(), family_body("saburo")).status, 403);
    EXPECT_EQ(user.request("POST", accounts(), family_body("saburo")).status, 403);
    EXPECT_EQ(admin.request("POST", accounts(), family_body("ichiro")).status, 409);
    Json bad = family_body("shiro");
    bad["name_kana"] = "見守";
    EXPECT_EQ(admin.request("POST", accounts(), bad).json()["error"]["field"], "name_kana");
    EXPECT_EQ(care_counts(database()), before);
    EXPECT_EQ(admin.request("POST", "/api/v1/patients/999999/family-accounts", family_body("goro")).status, 404);
}

TEST_F(FamilyAccounts, TheListIsFullForTheSecretariatAndNamesForTheTeam) {
    register_family("ichiro", "ichiro@example.jp");
    auto full = admin.get(accounts());
    ASSERT_EQ(full.status, 200);
    const Json accounts_full = full.json()["accounts"];
    ASSERT_EQ(accounts_full.size(), 2u) << "the region's family account and the new one";
    EXPECT_EQ(accounts_full[1]["email"], "ichiro@example.jp");
    auto names = user.get(accounts());
    ASSERT_EQ(names.status, 200);
    const Json shown = names.json()["accounts"][1];
    EXPECT_EQ(shown["name"], "見守 一郎");
    EXPECT_EQ(shown["status"], "invited");
    EXPECT_FALSE(shown.contains("email"));
    EXPECT_FALSE(shown.contains("login"));
    EXPECT_EQ(sign_in(port(), "outsider").get(accounts()).status, 403);
    EXPECT_EQ(sign_in(port(), "family").get(accounts()).status, 403);
}

TEST_F(FamilyAccounts, ReinviteAndRemoval) {
    const auto mailed = register_family("ichiro", "ichiro@example.jp");
    const auto handed = register_family("jiro");
    EXPECT_EQ(admin.request("POST", path("/api/v1/family-accounts/", mailed, "/reinvite")).status, 202);
    EXPECT_EQ(admin.request("POST", path("/api/v1/family-accounts/", handed, "/reinvite")).status, 409) << "no address";
    EXPECT_EQ(user.request("POST", path("/api/v1/family-accounts/", mailed, "/reinvite")).status, 403);
    // Removal ends the family's sessions at once.
    auto family = sign_in(port(), "family");
    ASSERT_EQ(family.get("/api/v1/my/patients").status, 200);
    EXPECT_EQ(user.request("DELETE", path("/api/v1/family-accounts/", care.family)).status, 403);
    EXPECT_EQ(admin.request("DELETE", path("/api/v1/family-accounts/", care.family)).status, 204);
    EXPECT_EQ(family.get("/api/v1/my/patients").status, 401);
    EXPECT_EQ(database().query_value("SELECT status FROM accounts WHERE id = " + std::to_string(care.family)), "left");
    EXPECT_EQ(admin.request("DELETE", path("/api/v1/family-accounts/", care.family)).status, 409);
    EXPECT_EQ(admin.request("DELETE", "/api/v1/family-accounts/999999").status, 404);
    EXPECT_EQ(user.request("DELETE", "/api/v1/family-accounts/999999").status, 403);
    // A staff account is no family account.
    EXPECT_EQ(admin.request("DELETE", path("/api/v1/family-accounts/", care.outsider)).status, 404);
}

TEST_F(FamilyAccounts, AHandoverAtAHomeVisitLetsTheFamilyInToItsOwnPatientOnly) {
    const auto id = register_family("ichiro");
    EXPECT_EQ(sign_in(port(), "outsider").request("POST", path("/api/v1/family-accounts/", id, "/handover")).status, 403);
    auto h = user.request("POST", path("/api/v1/family-accounts/", id, "/handover"));
    ASSERT_EQ(h.status, 201) << h.body;
    const std::string code = h.json()["code"];
    EXPECT_EQ(code.size(), 14u) << code;
    EXPECT_EQ(code[4], '-');
    EXPECT_NE(h.json()["url"].get<std::string>().find("/#/invite/"), std::string::npos);
    EXPECT_EQ(h.json()["qr_svg"].get<std::string>().rfind("<svg", 0), 0u);
    EXPECT_EQ(database().count_rows("handover_codes"), 1);
    EXPECT_EQ(database().query_value("SELECT count(*) FROM handover_codes WHERE code_hash = convert_to('" + code + "', 'UTF8')"), "0")
        << "only a keyed hash is kept";

    // Typed by hand, in lower case with a space: the code gives a fresh invitation link.
    std::string typed = code;
    for (auto& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    typed[4] = ' ';
    auto token = redeem(typed);
    ASSERT_EQ(token.status, 200) << token.body;
    EXPECT_EQ(redeem(code).status, 410) << "once only";
    auto accepted = http_request(port(), "POST", "/api/v1/invitations/" + token.json()["token"].get<std::string>() + "/accept",
                                 {{"Content-Type", "application/json"}}, Json{{"password", k_password}}.dump());
    ASSERT_EQ(accepted.status, 200) << accepted.body;
    auto family = sign_in(port(), "ichiro");
    auto mine = family.get("/api/v1/my/patients");
    ASSERT_EQ(mine.json()["patients"].size(), 1u);
    EXPECT_EQ(mine.json()["patients"][0]["id"], care.patient);
    EXPECT_EQ(family.get(path("/api/v1/patients/", care.patient)).status, 403) << "never the professional record";
    // Nothing more to hand over.
    EXPECT_EQ(user.request("POST", path("/api/v1/family-accounts/", id, "/handover")).status, 409);
}

TEST_F(FamilyAccounts, NoHandoverWithoutFamilyConsent) {
    const auto id = register_family("ichiro");
    insert_consent(database(), care.patient, /*family=*/false);
    EXPECT_EQ(user.request("POST", path("/api/v1/family-accounts/", id, "/handover")).status, 403);
    insert_consent(database(), care.patient, /*family=*/true, /*withdrawn=*/true);
    EXPECT_EQ(user.request("POST", path("/api/v1/family-accounts/", id, "/handover")).status, 403);
}

TEST_F(FamilyAccounts, WrongCodesAreLimitedPerAddress) {
    const auto id = register_family("ichiro");
    auto h = user.request("POST", path("/api/v1/family-accounts/", id, "/handover"));
    ASSERT_EQ(h.status, 201);
    EXPECT_EQ(redeem("not a code").status, 400);
    for (int i = 1; i < 10; ++i) EXPECT_EQ(redeem("AAAA-AAAA-AAAA").status, 410) << i;
    auto limited = redeem(h.json()["code"]);
    EXPECT_EQ(limited.status, 429) << "even the right code, once the address is limited";
    EXPECT_TRUE(limited.header("Retry-After").has_value());
    EXPECT_EQ(database().count_rows("audit_log WHERE action = 'invitation.code_redeem' AND result = 'locked'"), 1);
    // Sign-in from the same address is not limited by a family's typos.
    EXPECT_EQ(sign_in_request(port(), "user", k_password).status, 200);
}

} // namespace
} // namespace mimamori::test
