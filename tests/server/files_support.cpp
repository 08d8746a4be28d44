#include "files_support.hpp"

#include <gtest/gtest.h>

namespace mimamori::test {
namespace {

std::string patient_sql(std::int64_t facility, const std::string& name) {
    return "INSERT INTO patients (name, name_kana, birth_date, sex, facility_id) VALUES ('" + name +
           "', 'カンジャ', '1940-04-01', 'female', " + std::to_string(facility) + ") RETURNING id";
}

void add_member(const TestDatabase& db, std::int64_t team, std::int64_t account, std::int64_t facility,
                const std::string& role) {
    db.exec("INSERT INTO team_members (team_id, account_id, facility_id, team_role, starts_on) VALUES (" +
            std::to_string(team) + ", " + std::to_string(account) + ", " + std::to_string(facility) + ", '" + role +
            "', CURRENT_DATE - 1)");
}

void le16(std::string& s, unsigned v) {
    s.push_back(static_cast<char>(v & 0xff));
    s.push_back(static_cast<char>((v >> 8) & 0xff));
}
void le32(std::string& s, unsigned v) {
    le16(s, v & 0xffff);
    le16(s, v >> 16);
}

// A stored (uncompressed) ZIP entry's local header and data; the sniffer reads only these.
void zip_entry(std::string& out, const std::string& name, const std::string& data) {
    out += "PK\x03\x04";
    le16(out, 20); // version
    le16(out, 0);  // flags
    le16(out, 0);  // stored
    le16(out, 0);  // time
    le16(out, 0);  // date
    le32(out, 0);  // crc (not checked by the sniffer)
    le32(out, static_cast<unsigned>(data.size()));
    le32(out, static_cast<unsigned>(data.size()));
    le16(out, static_cast<unsigned>(name.size()));
    le16(out, 0);
    out += name + data;
}

std::string ooxml(const std::string& part) {
    std::string z;
    zip_entry(z, "[Content_Types].xml", "<?xml version=\"1.0\"?><Types/>");
    zip_entry(z, "_rels/.rels", "<Relationships/>");
    zip_entry(z, part, "<document>みまもり</document>");
    z += "PK\x05\x06" + std::string(18, '\0'); // end of central directory
    return z;
}

} // namespace

CareSetting create_care_setting(const TestDatabase& db) {
    CareSetting c;
    c.facility = create_facility(db, "あすわ訪問看護ステーション");
    auto other = create_facility(db, "ほかのクリニック");
    c.nurse = create_account(db, {.login = "nurse", .profession = "nurse", .affiliations = {{c.facility, false}}});
    c.doctor = create_account(db, {.login = "doctor", .profession = "doctor", .affiliations = {{other, false}}});
    c.outsider = create_account(db, {.login = "outsider", .profession = "nurse", .affiliations = {{c.facility, false}}});
    c.patient = db.insert_returning_id(patient_sql(c.facility, "見守 花子"));
    c.unconsented = db.insert_returning_id(patient_sql(c.facility, "同意 未取得"));
    auto team = db.insert_returning_id("INSERT INTO care_teams (name, patient_id) VALUES ('花子さんチーム', " +
                               std::to_string(c.patient) + ") RETURNING id");
    add_member(db, team, c.nurse, c.facility, "visiting_nurse");
    add_member(db, team, c.doctor, other, "attending_doctor");
    auto team2 = db.insert_returning_id("INSERT INTO care_teams (name, patient_id) VALUES ('未同意チーム', " +
                                std::to_string(c.unconsented) + ") RETURNING id");
    add_member(db, team2, c.nurse, c.facility, "visiting_nurse");
    db.exec("INSERT INTO consents (patient_id, scope_professional, scope_family, signer_kind, signer_name, method, "
            "consent_text, consent_text_sha256, signature_strokes) VALUES (" +
            std::to_string(c.patient) + ", true, true, 'patient', '見守 花子', 'e_signature', '同意します', "
            "sha256('同意します'::bytea), '[]')");
    c.family = create_account(db, {.login = "family", .kind = "family"});
    db.exec("UPDATE accounts SET family_patient_id = " + std::to_string(c.patient) + " WHERE id = " +
            std::to_string(c.family));
    return c;
}

void FileTest::SetUp() {
    ASSERT_NO_FATAL_FAILURE(ServerTest::SetUp());
    care = create_care_setting(database());
    nurse = sign_in(port(), "nurse");
}

HeaderList session_headers(const Session& s, bool state_changing) {
    HeaderList h{{"Cookie", "mimamori_session=" + s.cookie}};
    if (state_changing) h.emplace_back("X-CSRF-Token", s.csrf_token);
    return h;
}

HttpResponse tus_create(const Session& s, std::uint64_t length, const tus::Metadata& metadata) {
    auto h = session_headers(s, true);
    h.emplace_back("Tus-Resumable", "1.0.0");
    h.emplace_back("Upload-Length", std::to_string(length));
    h.emplace_back("Upload-Metadata", tus::format_metadata(metadata));
    return http_request(s.port, "POST", "/api/v1/uploads", h);
}

HttpResponse tus_head(const Session& s, const std::string& url) {
    auto h = session_headers(s, false);
    h.emplace_back("Tus-Resumable", "1.0.0");
    return http_request(s.port, "HEAD", url, h);
}

HttpResponse tus_patch(const Session& s, const std::string& url, std::uint64_t offset, const std::string& bytes,
                       const HeaderList& extra) {
    auto h = session_headers(s, true);
    h.emplace_back("Tus-Resumable", "1.0.0");
    h.emplace_back("Upload-Offset", std::to_string(offset));
    h.emplace_back("Content-Type", "application/offset+octet-stream");
    for (const auto& e : extra) h.push_back(e);
    return http_request(s.port, "PATCH", url, h, bytes);
}

tus::Metadata upload_metadata(std::int64_t patient, const std::string& name, const std::string& filetype) {
    tus::Metadata m;
    m.set("filename", name);
    m.set("patient", std::to_string(patient));
    if (!filetype.empty()) m.set("filetype", filetype);
    return m;
}

HttpResponse upload_file(const Session& s, const tus::Metadata& metadata, const std::string& bytes, std::string& url,
                         std::size_t chunk) {
    auto created = tus_create(s, bytes.size(), metadata);
    if (created.status != 201) return created;
    url = created.header("Location").value_or("");
    HttpResponse last;
    for (std::size_t offset = 0; offset < bytes.size(); offset += chunk) {
        last = tus_patch(s, url, offset, bytes.substr(offset, chunk));
        if (last.status != 204) return last;
    }
    return last;
}

HttpResponse get_file(const Session& s, const std::string& url, const HeaderList& extra) {
    auto h = session_headers(s, false);
    for (const auto& e : extra) h.push_back(e);
    return http_request(s.port, "GET", url, h);
}

namespace sample {

std::string jpeg() {
    std::string s("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00", 20);
    for (int i = 0; i < 300; ++i) s.push_back(static_cast<char>((i * 37) & 0xff));
    return s + "\xFF\xD9";
}

std::string png() {
    std::string s("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00", 29);
    s += std::string("\x90\x77\x53\xde\x00\x00\x00\x00IEND\xae\x42\x60\x82", 16);
    return s;
}

std::string mp4() {
    std::string s("\x00\x00\x00\x18" "ftypisom\x00\x00\x02\x00" "isommp41", 24);
    s += std::string("\x00\x00\x00\x08" "free", 8);
    s += std::string("\x00\x00\x01\x00" "mdat", 8) + std::string(248, '\x11');
    return s;
}

std::string mp3() {
    std::string s("ID3\x03\x00\x00\x00\x00\x00\x0a", 10);
    s += std::string(10, '\0');
    for (int f = 0; f < 4; ++f) s += std::string("\xFF\xFB\x90\x64", 4) + std::string(413, static_cast<char>(f));
    return s;
}

std::string m4a() {
    std::string s("\x00\x00\x00\x1c" "ftypM4A \x00\x00\x02\x00" "M4A mp42isom", 28);
    return s + std::string("\x00\x00\x00\x40" "mdat", 8) + std::string(56, '\x22');
}

std::string pdf() {
    return "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> "
           "endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
}

std::string docx() { return ooxml("word/document.xml"); }
std::string xlsx() { return ooxml("xl/workbook.xml"); }
std::string pptx() { return ooxml("ppt/presentation.xml"); }

std::string text_utf8() { return "訪問記録\n血圧 128/76、変化なし。\n褥瘡の処置を継続。\n"; }

std::string exe() {
    std::string s("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xFF\xFF", 14);
    return s + std::string(200, '\0') + "This program cannot be run in DOS mode.";
}

std::string script() { return "#!/bin/sh\nrm -rf \"$HOME\"\n"; }

std::string big_jpeg(std::size_t n) {
    std::string s = jpeg().substr(0, 20);
    s.reserve(n);
    std::uint64_t x = 0x9E3779B97F4A7C15ull;
    while (s.size() < n) { // xorshift: no row repeats, so nothing compresses or dedups by luck
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        s.push_back(static_cast<char>(x & 0xff));
    }
    s.resize(n);
    return s;
}

} // namespace sample

long long file_rows(const TestDatabase& db) { return db.count_rows("files"); }
long long chunk_rows(const TestDatabase& db) { return db.count_rows("file_chunks"); }

} // namespace mimamori::test
