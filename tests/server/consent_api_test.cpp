// Consent through the API (同意書必須, issue 4): nothing is shared before a record exists; an
// e-consent keeps the drawn strokes and the exact text shown (its hash is common's); a paper
// consent keeps the uploaded form, told by its content; bad input stores nothing; withdrawal
// makes the team read-only, is logged, and the secretariat sees every patient's state.
#include <gtest/gtest.h>

#include "care_support.hpp"
#include "mimamori/common/consent.hpp"
#include "mimamori/common/crypto.hpp"
#include "mimamori/common/encoding.hpp"
#include "support/test_server.hpp"

namespace mimamori::test {
namespace {

class Consents : public ServerTest {
protected:
    void SetUp() override {
        ASSERT_NO_FATAL_FAILURE(ServerTest::SetUp());
        care = create_care_region(database());
        admin = sign_in(port(), "admin");
        user = sign_in(port(), "user");
        station = sign_in(port(), "station-nurse");
    }
    std::string consents() const { return path("/api/v1/patients/", care.patient, "/consents"); }
    std::string patient() const { return path("/api/v1/patients/", care.patient); }
    CareRegion care;
    Session admin, user, station;
};

TEST_F(Consents, NothingIsSharedBeforeConsentAndTheRecordKeepsTheExactTextSigned) {
    EXPECT_EQ(station.get(patient()).status, 403) << "before consent";
    auto r = station.request("POST", consents(), e_consent_body());
    ASSERT_EQ(r.status, 201) << r.body;
    const Json c = r.json()["consent"];
    const auto& text = consent::current_text();
    EXPECT_EQ(c["method"], "e_signature");
    EXPECT_EQ(c["text_version"], text.version);
    EXPECT_EQ(c["text_sha256"], consent::sha256_hex(text.text));
    EXPECT_EQ(c["scope"], (Json{{"professional", true}, {"family", true}}));
    EXPECT_EQ(c["signer"], (Json{{"kind", "patient"}, {"name", "見守 花子"}, {"relation", nullptr}}));
    EXPECT_EQ(c["recorded_by_name"], "テスト 太郎");
    EXPECT_TRUE(c["withdrawn_at"].is_null());
    EXPECT_EQ(station.get(patient()).status, 200) << "shared once consent is recorded";

    // The exact bytes signed, and the hash stored is their SHA-256.
    const std::string id = std::to_string(c["id"].get<std::int64_t>());
    auto stored = station.get("/api/v1/consents/" + id + "/text");
    ASSERT_EQ(stored.status, 200);
    EXPECT_EQ(stored.body, text.text);
    EXPECT_EQ(stored.header("Content-Type").value_or(""), "text/plain; charset=utf-8");
    EXPECT_EQ(encoding::hex_encode(crypto::sha256(as_bytes(stored.body))), c["text_sha256"].get<std::string>());
    EXPECT_EQ(database().query_value("SELECT encode(consent_text_sha256, 'hex') FROM consents WHERE id = " + id),
              consent::sha256_hex(text.text));
    EXPECT_EQ(database().query_value("SELECT consent_text FROM consents WHERE id = " + id), text.text);
    // The strokes as drawn.
    EXPECT_EQ(Json::parse(database().query_value("SELECT signature_strokes FROM consents WHERE id = " + id)),
              e_consent_body()["signature"]);
    auto svg = station.get("/api/v1/consents/" + id + "/signature.svg");
    ASSERT_EQ(svg.status, 200);
    EXPECT_EQ(svg.header("Content-Type").value_or(""), "image/svg+xml");
    EXPECT_NE(svg.body.find("M10 10 L40 60 L90 20 M120 50 L160 55"), std::string::npos) << svg.body;
    EXPECT_EQ(station.get("/api/v1/consents/" + id + "/document").status, 404) << "an e-consent has no paper form";
    auto list = user.get(consents());
    ASSERT_EQ(list.status, 200);
    EXPECT_EQ(list.json()["consents"].size(), 1u);
    EXPECT_EQ(database().count_rows("audit_log WHERE action = 'consent.record' AND patient_id = " +
                                    std::to_string(care.patient)), 1);
}

TEST_F(Consents, APaperFormIsKeptAsUploaded) {
    const std::string pdf = small_pdf();
    auto r = user.request("POST", consents(), paper_consent_body("同意書.pdf", pdf, "application/pdf"));
    ASSERT_EQ(r.status, 201) << r.body;
    const Json c = r.json()["consent"];
    EXPECT_EQ(c["method"], "paper");
    EXPECT_EQ(c["signer"]["relation"], "長男");
    EXPECT_EQ(c["document"]["media_type"], "application/pdf");
    EXPECT_EQ(c["document"]["size"], static_cast<std::int64_t>(pdf.size()));
    const std::string id = std::to_string(c["id"].get<std::int64_t>());
    auto doc = user.get("/api/v1/consents/" + id + "/document");
    ASSERT_EQ(doc.status, 200);
    EXPECT_EQ(doc.body, pdf);
    EXPECT_EQ(doc.header("Content-Type").value_or(""), "application/pdf");
    EXPECT_EQ(doc.header("Content-Disposition").value_or("").rfind("attachment;", 0), 0u);
    EXPECT_EQ(database().count_rows("audit_log WHERE action = 'consent.document_read' AND patient_id = " +
                                    std::to_string(care.patient)), 1);
    EXPECT_EQ(user.get("/api/v1/consents/" + id + "/signature.svg").status, 404);
    // A PNG photo of the form (read by its content: the declared type may be absent).
    const std::string png = std::string("\x89PNG\r\n\x1a\n", 8) + std::string("\0\0\0\rIHDR", 8) +
                            std::string(17, '\1') + std::string("\0\0\0\0IEND\xae\x42\x60\x82", 12);
    EXPECT_EQ(user.request("POST", consents(), paper_consent_body("photo.png", png)).status, 201);
}

// A phone's photo or a scan of several pages is megabytes: up to 10 MB is taken (the route's
// body limit is above the server's default), more is refused with the field and nothing stored.
TEST_F(Consents, SignedFormsUpTo10MB) {
    const std::string pdf = small_pdf();
    auto padded = [&](std::size_t size) {
        std::string body = pdf.substr(0, 9) + "%" + std::string(size - pdf.size() - 2, 'x') + "\n" + pdf.substr(9);
        return body;
    };
    auto big = user.request("POST", consents(), paper_consent_body("scan.pdf", padded(10 * 1000 * 1000)));
    ASSERT_EQ(big.status, 201) << big.body.substr(0, 300);
    EXPECT_EQ(big.json()["consent"]["document"]["size"], 10 * 1000 * 1000);
    const std::string before = care_counts(database());
    auto too_big = user.request("POST", consents(), paper_consent_body("scan.pdf", padded(10 * 1000 * 1000 + 1)));
    EXPECT_EQ(too_big.status, 400) << too_big.body.substr(0, 300);
    EXPECT_EQ(too_big.json()["error"]["field"], "document.content_base64");
    EXPECT_EQ(care_counts(database()), before);
}

TEST_F(Consents, BadConsentsAreRefusedWithTheFieldAndNothingIsStored) {
    struct Case {
        const char* what;
        Json body;
        const char* field;
    };
    const std::string pdf = small_pdf();
    auto without = [](Json b, const char* key) { b.erase(key); return b; };
    auto with = [](Json b, const char* key, Json value) { b[key] = std::move(value); return b; };
    Json empty_strokes = e_consent_body();
    empty_strokes["signature"]["strokes"] = Json::array();
    Json proxy_without_relation = e_consent_body();
    proxy_without_relation["signer"] = {{"kind", "proxy"}, {"name", "見守 次郎"}};
    Json no_professional = e_consent_body();
    no_professional["scope"]["professional"] = false;
    const Case cases[] = {
        {"no signature", without(e_consent_body(), "signature"), "signature"},
        {"an empty signature", empty_strokes, "signature.strokes"},
        {"a hash of another text", with(e_consent_body(), "text_sha256", consent::sha256_hex("違う文面")), "text_sha256"},
        {"an unpublished version", with(e_consent_body(), "text_version", "1999-01"), "text_version"},
        {"a proxy without relation", proxy_without_relation, "signer.relation"},
        {"no professional scope", no_professional, "scope.professional"},
        {"a method of its own", with(e_consent_body(), "method", "telepathy"), "method"},
        {"paper without a document", without(paper_consent_body("a.pdf", pdf), "document"), "document"},
        {"an unreadable upload", paper_consent_body("a.pdf", std::string("\0\x01\x02garbage\0", 11)), "document.content_base64"},
        {"a lying name", paper_consent_body("form.pdf", std::string("\xFF\xD8\xFF\xE0", 4) + std::string(64, 'x') + "\xFF\xD9"), "document.name"},
        {"a lying media type", paper_consent_body("form.pdf", pdf, "image/png"), "document.media_type"},
        {"a PDF cut short", paper_consent_body("form.pdf", pdf.substr(0, pdf.size() - 8)), "document.content_base64"},
        {"a program", paper_consent_body("form.pdf", std::string("\x7f" "ELF", 4) + std::string(100, '\0')), "document.content_base64"},
        {"not base64", with(paper_consent_body("a.pdf", pdf), "document", Json{{"name", "a.pdf"}, {"content_base64", "%%%"}}), "document.content_base64"},
    };
    const std::string before = care_counts(database());
    for (const auto& c : cases) {
        auto r = user.request("POST", consents(), c.body);
        EXPECT_EQ(r.status, 400) << c.what << ": " << r.body;
        EXPECT_EQ(r.json()["error"]["field"], c.field) << c.what << ": " << r.body;
    }
    EXPECT_EQ(care_counts(database()), before);
    EXPECT_EQ(user.get(patient()).status, 403) << "still nothing shared";
}

TEST_F(Consents, WithdrawalLocksTheTeamReadOnlyAndIsLogged) {
    auto recorded = user.request("POST", consents(), e_consent_body());
    ASSERT_EQ(recorded.status, 201);
    const std::string id = std::to_string(recorded.json()["consent"]["id"].get<std::int64_t>());
    auto r = station.request("POST", "/api/v1/consents/" + id + "/withdraw", Json{{"reason", "本人の申し出"}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_FALSE(r.json()["consent"]["withdrawn_at"].is_null());
    EXPECT_EQ(r.json()["consent"]["withdrawal_reason"], "本人の申し出");
    EXPECT_EQ(database().count_rows("audit_log WHERE action = 'consent.withdraw' AND result = 'ok' AND patient_id = " +
                                    std::to_string(care.patient)), 1);
    // Read-only: what was shared stays readable; nothing new can join.
    auto p = user.get(patient());
    ASSERT_EQ(p.status, 200);
    EXPECT_EQ(p.json()["consent"]["state"], "withdrawn");
    EXPECT_EQ(p.json()["team"]["locked"], true);
    const std::string before = care_counts(database());
    auto invite = user.request("POST", path("/api/v1/teams/", care.team, "/members"),
                               Json{{"account_id", care.outsider}, {"team_role", "helper"}});
    EXPECT_EQ(invite.status, 403);
    EXPECT_NE(invite.json()["error"]["message"].get<std::string>().find("locked"), std::string::npos);
    EXPECT_EQ(station.request("POST", "/api/v1/consents/" + id + "/withdraw", Json{{"reason", "again"}}).status, 409);
    EXPECT_EQ(care_counts(database()), before);
    // Leaving stays possible; consenting again lifts the lock.
    EXPECT_EQ(user.request("POST", consents(), e_consent_body()).status, 201);
    EXPECT_EQ(user.get(patient()).json()["team"]["locked"], false);
    EXPECT_EQ(station.request("POST", "/api/v1/consents/" + id + "/withdraw", Json{{"reason", "old"}}).status, 409)
        << "only the current record can be withdrawn";
}

TEST_F(Consents, TheSecretariatSeesEveryPatientsConsentState) {
    insert_consent(database(), care.patient, true, /*withdrawn=*/true);
    auto all = admin.get("/api/v1/consents");
    ASSERT_EQ(all.status, 200) << all.body;
    ASSERT_EQ(all.json()["patients"].size(), 2u);
    auto withdrawn = admin.get("/api/v1/consents?state=withdrawn");
    ASSERT_EQ(withdrawn.json()["patients"].size(), 1u);
    EXPECT_EQ(withdrawn.json()["patients"][0]["patient_id"], care.patient);
    EXPECT_EQ(withdrawn.json()["patients"][0]["consent"]["state"], "withdrawn");
    ASSERT_EQ(admin.get("/api/v1/consents?state=none").json()["patients"].size(), 1u);
    EXPECT_EQ(admin.get("/api/v1/consents?state=active").json()["patients"].size(), 0u);
    EXPECT_EQ(admin.get("/api/v1/consents?state=maybe").status, 400);
    for (const char* login : {"secretariat", "manager", "user"})
        EXPECT_EQ(sign_in(port(), login).get("/api/v1/consents").status, 403) << login;
}

TEST_F(Consents, RecordsAreForTheTeamAndTheManagersAround) {
    EXPECT_EQ(sign_in(port(), "manager").request("POST", consents(), e_consent_body()).status, 201);
    auto outsider = sign_in(port(), "outsider");
    EXPECT_EQ(outsider.request("POST", consents(), e_consent_body()).status, 403);
    EXPECT_EQ(outsider.get(consents()).status, 403);
    EXPECT_EQ(outsider.get("/api/v1/consents/1/text").status, 403);
    EXPECT_EQ(outsider.get("/api/v1/consents/999999/text").status, 403) << "ids cannot be probed";
    EXPECT_EQ(admin.get("/api/v1/consents/999999/text").status, 404);
    EXPECT_EQ(sign_in(port(), "family").get("/api/v1/consents/1/text").status, 403);
}

} // namespace
} // namespace mimamori::test
