#include "care_support.hpp"

#include "mimamori/common/base64url.hpp"
#include "mimamori/common/consent.hpp"

namespace mimamori::test {
namespace {

std::string quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

std::string id(std::int64_t v) { return std::to_string(v); }

} // namespace

CareRegion create_care_region(const TestDatabase& db) {
    CareRegion c;
    c.master = create_region(db);
    const auto a = c.master.a;
    c.station = create_facility(db, "ゆきわり訪問看護ステーション");
    c.third = create_facility(db, "みどり薬局");
    c.station_nurse = create_account(db, {.login = "station-nurse", .affiliations = {{c.station, false}}});
    c.outsider = create_account(db, {.login = "outsider", .affiliations = {{c.third, false}}});
    c.pharmacist = create_account(db, {.login = "pharmacist", .profession = "pharmacist", .affiliations = {{c.third, false}}});
    c.patient = insert_patient(db, a, "見守 花子");
    c.other_patient = insert_patient(db, c.third, "別所 太郎", "ベッショ タロウ");
    c.team = insert_team(db, "花子さんのチーム", c.patient);
    insert_member(db, c.team, c.master.accounts.at(Role::FacilityUser), a, "visiting_nurse");
    insert_member(db, c.team, c.station_nurse, c.station, "visiting_nurse");
    c.family = c.master.accounts.at(Role::Family);
    db.exec("UPDATE accounts SET family_patient_id = " + id(c.patient) + ", family_relation = '長女' WHERE id = " + id(c.family));
    return c;
}

PatientTableRegion create_patient_table_region(const TestDatabase& db) {
    PatientTableRegion r;
    static_cast<Region&>(r) = create_region(db);
    r.patient = insert_patient(db, r.a, "見守 花子");
    r.linked_patient = insert_patient(db, r.a, "見守 次郎", "ミマモリ ジロウ");
    r.linked_team = insert_team(db, "次郎さんのチーム", r.linked_patient);
    r.unlinked_team = insert_team(db, "これからのチーム", 0);
    insert_member(db, r.unlinked_team, r.invitee, r.a, "visiting_nurse");
    r.family_invitee = db.insert_returning_id("INSERT INTO accounts (kind, login, name, name_kana, email, family_patient_id, "
                                  "family_relation) VALUES ('family', 'family-invitee', '見守 一郎', 'ミマモリ イチロウ', "
                                  "'ichiro@example.jp', " + id(r.patient) + ", '長男') RETURNING id");
    return r;
}

std::int64_t insert_patient(const TestDatabase& db, std::int64_t facility, const std::string& name,
                            const std::string& kana, const std::string& birth_date) {
    return db.insert_returning_id("INSERT INTO patients (name, name_kana, birth_date, sex, facility_id) VALUES (" + quote(name) +
                          ", " + quote(kana) + ", " + quote(birth_date) + ", 'female', " + id(facility) + ") RETURNING id");
}

std::int64_t insert_team(const TestDatabase& db, const std::string& name, std::int64_t patient) {
    return db.insert_returning_id("INSERT INTO care_teams (name, patient_id) VALUES (" + quote(name) + ", " +
                          (patient ? id(patient) : std::string("NULL")) + ") RETURNING id");
}

void insert_member(const TestDatabase& db, std::int64_t team, std::int64_t account, std::int64_t facility,
                   const std::string& role, const std::string& starts_on, const std::string& ends_on) {
    db.exec("INSERT INTO team_members (team_id, account_id, facility_id, team_role, starts_on, ends_on) VALUES (" +
            id(team) + ", " + id(account) + ", " + id(facility) + ", " + quote(role) + ", " + starts_on + ", " + ends_on + ")");
}

std::int64_t insert_consent(const TestDatabase& db, std::int64_t patient, bool family, bool withdrawn) {
    const auto& text = consent::current_text();
    return db.insert_returning_id("INSERT INTO consents (patient_id, scope_professional, scope_family, signer_kind, signer_name, "
                      "method, text_version, consent_text, consent_text_sha256, signature_strokes, withdrawn_at) VALUES (" +
                          id(patient) + ", true, " + (family ? "true" : "false") + ", 'patient', '見守 花子', 'e_signature', " +
                          quote(std::string(text.version)) + ", " + quote(std::string(text.text)) + ", decode(" +
                          quote(consent::sha256_hex(text.text)) + ", 'hex'), " +
                          quote(e_consent_body()["signature"].dump()) + ", " + (withdrawn ? "now()" : "NULL") +
                          ") RETURNING id");
}

Json patient_body(std::int64_t facility, const std::string& kana, const std::string& birth_date) {
    return {{"name", "山田 太郎"},
            {"name_kana", kana},
            {"birth_date", birth_date},
            {"sex", "male"},
            {"postal_code", "9188004"},
            {"address", "福井県福井市西木田2-8-1"},
            {"phone", "0776-35-1234"},
            {"key_person", {{"name", "山田 花子"}, {"relation", "妻"}, {"phone", "090-1111-2222"}}},
            {"facility_id", facility}};
}

Json e_consent_body(bool family) {
    const auto& text = consent::current_text();
    return {{"scope", {{"professional", true}, {"family", family}}},
            {"signer", {{"kind", "patient"}, {"name", "見守 花子"}}},
            {"method", "e_signature"},
            {"text_version", text.version},
            {"text_sha256", consent::sha256_hex(text.text)},
            {"signature", {{"strokes", {{{10, 10}, {40, 60}, {90, 20}}, {{120, 50}, {160, 55}}}}, {"width", 600}, {"height", 200}}}};
}

Json paper_consent_body(const std::string& name, const std::string& bytes, const std::string& media_type) {
    Json body = e_consent_body(false);
    body.erase("signature");
    body["method"] = "paper";
    body["signer"] = {{"kind", "proxy"}, {"name", "見守 次郎"}, {"relation", "長男"}};
    body["document"] = {{"name", name}, {"media_type", media_type},
                        {"content_base64", encoding::base64_encode(as_bytes(bytes))}};
    return body;
}

std::string small_pdf() {
    return "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\n"
           "endobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
}

std::string care_counts(const TestDatabase& db) {
    std::string all;
    for (const char* table : {"patients", "care_teams", "team_members", "consents", "accounts", "invitations",
                              "handover_codes", "mail_outbox"})
        all += db.query_value(std::string("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM ") +
                              table + " t") + ";";
    return all;
}

std::string path(const std::string& prefix, std::int64_t id, const std::string& rest) {
    return prefix + std::to_string(id) + rest;
}

} // namespace mimamori::test
