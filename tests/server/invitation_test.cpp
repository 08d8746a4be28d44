// Invitation links end to end: the mail with its link, the page's data, the password rules, the
// one-time use, expiry, replacement by a re-send, 所属解除; and delivery through SMTP (a fake
// server), after which the stored copy keeps no link.
#include <gtest/gtest.h>

#include <regex>
#include <thread>

#include "master_support.hpp"
#include "mimamori/common/crypto.hpp"
#include "mimamori/common/encoding.hpp"
#include "support/fake_smtp.hpp"
#include "support/test_server.hpp"

namespace mimamori::test {
namespace {

std::string token_in(const std::string& text) {
    std::smatch m;
    return std::regex_search(text, m, std::regex("#/invite/([A-Za-z0-9_-]{43})")) ? m[1].str() : "";
}

class Invitations : public MasterTest {
protected:
    // The newest mail to `to`, as stored.
    std::string mail_to(const std::string& to, const std::string& column = "body") {
        return database().query_value("SELECT " + column + " FROM mail_outbox WHERE to_address = '" + to +
                                      "' ORDER BY id DESC LIMIT 1");
    }
    std::string staff_path(const std::string& rest = "") { return "/api/v1/facilities/" + std::to_string(region.a) + "/staff" + rest; }
    std::string register_jiro() {
        auto r = manager.request("POST", staff_path(), staff_body("jiro"));
        EXPECT_EQ(r.status, 201) << r.body;
        return std::to_string(r.json()["staff"]["id"].get<std::int64_t>());
    }
    HttpResponse accept(const std::string& token, const Json& body) {
        return http_request(port(), "POST", "/api/v1/invitations/" + token + "/accept",
                            {{"Content-Type", "application/json"}}, body.dump());
    }
};

TEST_F(Invitations, AOneTimeLinkSetsThePasswordAndSignsIn) {
    register_jiro();
    const std::string body = mail_to("jiro@example.jp");
    EXPECT_NE(body.find(server().url() + "/#/invite/"), std::string::npos) << body;
    EXPECT_NE(body.find("ログインID: jiro"), std::string::npos);
    EXPECT_NE(mail_to("jiro@example.jp", "subject").find("あすわ在宅クリニック"), std::string::npos);
    const std::string token = token_in(body);
    ASSERT_FALSE(token.empty());
    // Only the token's SHA-256 is stored.
    const std::string hash = encoding::hex_encode(crypto::sha256(as_bytes(token)));
    EXPECT_EQ(database().count_rows("invitations WHERE encode(token_hash, 'hex') = '" + hash + "'"), 1);

    auto page = http_request(port(), "GET", "/api/v1/invitations/" + token);
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_EQ(page.json()["name"], "介護 次郎");
    EXPECT_EQ(page.json()["login"], "jiro");
    EXPECT_EQ(page.json()["facility_name"], "あすわ在宅クリニック");
    EXPECT_EQ(page.json()["purpose"], "staff");
    EXPECT_FALSE(page.json()["expires_at"].get<std::string>().empty());

    auto short_one = accept(token, {{"password", "Short-1!"}});
    EXPECT_EQ(short_one.status, 400);
    EXPECT_EQ(short_one.json()["error"]["field"], "password");
    EXPECT_EQ(short_one.json()["error"]["rule"], "too_short") << "13+ without two-factor";
    EXPECT_EQ(accept(token, {{"password", "onlylowercaseletters"}}).json()["error"]["rule"], "not_mixed");
    EXPECT_EQ(accept(token, {{"password", 12345}}).json()["error"]["field"], "password");
    EXPECT_EQ(accept(token, {{"password", "Jiro-2026-visits!"}, {"extra", 1}}).status, 400);
    EXPECT_EQ(database().query_value("SELECT status FROM accounts WHERE login = 'jiro'"), "invited");

    auto accepted = accept(token, {{"password", "Jiro-2026-visits!"}});
    ASSERT_EQ(accepted.status, 200) << accepted.body;
    EXPECT_FALSE(accepted.json()["csrf_token"].get<std::string>().empty());
    EXPECT_EQ(accepted.json()["me"]["account"]["login"], "jiro");
    EXPECT_EQ(accepted.json()["me"]["must_change_password"], false);
    const auto cookie = accepted.cookie("mimamori_session");
    ASSERT_TRUE(cookie);
    EXPECT_EQ(http_request(port(), "GET", "/api/v1/me", {{"Cookie", "mimamori_session=" + *cookie}}).status, 200);
    EXPECT_EQ(database().query_value("SELECT status FROM accounts WHERE login = 'jiro'"), "active");

    // Once only.
    EXPECT_EQ(http_request(port(), "GET", "/api/v1/invitations/" + token).status, 410);
    auto again = accept(token, {{"password", "Another-2026-pass!"}});
    EXPECT_EQ(again.status, 410);
    EXPECT_EQ(again.error_code(), "gone");
    EXPECT_EQ(sign_in_request(port(), "jiro", "Jiro-2026-visits!").status, 200);
    EXPECT_EQ(sign_in_request(port(), "jiro", "Another-2026-pass!").status, 401);
    EXPECT_EQ(database().count_rows("audit_log WHERE action = 'invitation.accept' AND result = 'ok'"), 1);
}

TEST_F(Invitations, ExpiredReplacedAndUnknownLinksAllAnswerGoneAlike) {
    const std::string id = register_jiro();
    const std::string first = token_in(mail_to("jiro@example.jp"));
    database().exec("UPDATE invitations SET expires_at = now() - interval '1 second'");
    auto expired = http_request(port(), "GET", "/api/v1/invitations/" + first);
    EXPECT_EQ(expired.status, 410);
    EXPECT_EQ(accept(first, {{"password", "Jiro-2026-visits!"}}).status, 410);

    // スタッフ登録再依頼: a new link; the earlier one stays void, the newer voids the one before.
    auto resent = manager.request("POST", staff_path("/" + id + "/reinvite"));
    ASSERT_EQ(resent.status, 202) << resent.body;
    EXPECT_FALSE(resent.json()["expires_at"].get<std::string>().empty());
    const std::string second = token_in(mail_to("jiro@example.jp"));
    ASSERT_NE(second, first);
    EXPECT_EQ(http_request(port(), "GET", "/api/v1/invitations/" + second).status, 200);
    ASSERT_EQ(manager.request("POST", staff_path("/" + id + "/reinvite")).status, 202);
    const std::string third = token_in(mail_to("jiro@example.jp"));
    auto replaced = http_request(port(), "GET", "/api/v1/invitations/" + second);
    EXPECT_EQ(replaced.status, 410);
    EXPECT_EQ(http_request(port(), "GET", "/api/v1/invitations/" + third).status, 200);

    auto unknown = http_request(port(), "GET", "/api/v1/invitations/" + std::string(43, 'A'));
    auto malformed = http_request(port(), "GET", "/api/v1/invitations/not-a-token");
    EXPECT_EQ(unknown.status, 410);
    EXPECT_EQ(malformed.status, 410);
    // The same words whatever the reason.
    for (const auto* r : {&expired, &replaced, &malformed})
        EXPECT_EQ(r->json()["error"]["message"], unknown.json()["error"]["message"]);

    // 所属解除 voids the last link too.
    EXPECT_EQ(manager.request("DELETE", staff_path("/" + id)).status, 204);
    EXPECT_EQ(http_request(port(), "GET", "/api/v1/invitations/" + third).status, 410);
    EXPECT_EQ(manager.request("POST", staff_path("/" + id + "/reinvite")).status, 404);
}

TEST_F(Invitations, TheRepresentativeOfANewFacilityStartsAsItsManager) {
    ASSERT_EQ(admin.request("POST", "/api/v1/facilities", facility_body("houmon-hanako")).status, 201);
    const std::string token = token_in(mail_to("hanako@example.jp"));
    EXPECT_EQ(http_request(port(), "GET", "/api/v1/invitations/" + token).json()["purpose"], "representative");
    auto accepted = accept(token, {{"password", "Hanako-2026-visit!"}});
    ASSERT_EQ(accepted.status, 200) << accepted.body;
    const Json roles = accepted.json()["me"]["roles"];
    EXPECT_NE(std::find(roles.begin(), roles.end(), "facility_manager"), roles.end()) << roles;
}

TEST_F(Invitations, TheDevelopmentOutboxShowsTheMail) {
    register_jiro();
    auto r = admin.get("/api/v1/outbox");
    ASSERT_EQ(r.status, 200);
    const Json m = r.json()["messages"].at(0);
    EXPECT_EQ(m["to"], "jiro@example.jp");
    EXPECT_EQ(m["status"], "kept");
    EXPECT_EQ(m["sent_at"], nullptr);
    EXPECT_FALSE(token_in(m["body"]).empty()) << "kept mail shows its link: that is what the outbox is for";
    EXPECT_EQ(r.header("Cache-Control").value_or(""), "no-store");
}

class InvitationMail : public Invitations {
protected:
    void configure(server::Config& c) override {
        c.smtp_host = "127.0.0.1";
        c.smtp_port = smtp.port();
        c.mail_from = "jimukyoku@example.jp";
        c.public_url = "https://mimamori.example.jp/";
    }
    FakeSmtpServer smtp;
};

TEST_F(InvitationMail, DeliveredOverSmtpAndTheStoredCopyLosesTheLink) {
    register_jiro();
    ASSERT_TRUE(smtp.wait_for(1, 15000));
    const ReceivedMail mail = smtp.received().at(0);
    EXPECT_EQ(mail.rcpt_to, std::vector<std::string>{"<jiro@example.jp>"});
    EXPECT_NE(mail.data.find("From: jimukyoku@example.jp\r\n"), std::string::npos);
    EXPECT_NE(mail.data.find("https://mimamori.example.jp/#/invite/"), std::string::npos);
    const std::string token = token_in(mail.data);
    for (int i = 0; i < 100 && mail_to("jiro@example.jp", "status") != "sent"; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_EQ(mail_to("jiro@example.jp", "status"), "sent");
    const std::string stored = mail_to("jiro@example.jp");
    EXPECT_EQ(stored.find("#/invite/"), std::string::npos) << stored;
    EXPECT_NE(stored.find("招待リンクは送信済み"), std::string::npos);
    EXPECT_EQ(http_request(port(), "GET", "/api/v1/invitations/" + token).status, 200) << "the mailed link works";
}

} // namespace
} // namespace mimamori::test
