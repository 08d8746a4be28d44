// Files (issue 7) over real HTTP against a real PostgreSQL: tus uploads of each accepted type and
// downloads of the same bytes with the right headers; refusals by content, name, size and type,
// leaving nothing stored; who may upload and download what.
#include <gtest/gtest.h>

#include <ostream>

#include "files_support.hpp"
#include "mimamori/common/crypto.hpp"
#include "mimamori/common/encoding.hpp"

namespace mimamori::test {
namespace {

using Files = FileTest;

struct Sample {
    const char* test_name;
    std::string file_name;
    std::string (*bytes)();
    std::string media_type;
    std::string disposition; // inline or attachment
};

// How a sample is named in gtest's output ("GetParam() = ..." in the test list and on failure),
// instead of the struct's raw bytes.
void PrintTo(const Sample& s, std::ostream* os) { *os << s.test_name << " (" << s.file_name << ", " << s.media_type << ")"; }

class RoundTrip : public Files, public ::testing::WithParamInterface<Sample> {};

TEST_P(RoundTrip, ComesBackByteForByteWithItsTypeAndName) {
    const Sample& s = GetParam();
    std::string bytes = s.bytes();
    std::string url;
    // Small PATCHes: the file spans several stored rows of odd sizes.
    auto last = upload_file(nurse, upload_metadata(care.patient, s.file_name), bytes, url, 97);
    ASSERT_EQ(last.status, 204) << last.body;
    EXPECT_EQ(last.header("Upload-Offset").value_or(""), std::to_string(bytes.size()));

    for (const std::string& where : {url, "/api/v1/files/" + url.substr(url.rfind('/') + 1)}) {
        auto r = get_file(nurse, where);
        ASSERT_EQ(r.status, 200) << r.body;
        EXPECT_TRUE(r.body == bytes) << where;
        EXPECT_EQ(r.header("Content-Type").value_or(""), s.media_type);
        auto disposition = r.header("Content-Disposition").value_or("");
        EXPECT_TRUE(disposition.starts_with(s.disposition + ";")) << disposition;
        EXPECT_EQ(r.header("ETag").value_or(""), "\"" + encoding::hex_encode(crypto::sha256(as_bytes(bytes))) + "\"");
        EXPECT_EQ(r.header("X-Content-Type-Options").value_or(""), "nosniff");
        EXPECT_NE(r.header("Content-Security-Policy").value_or("").find("default-src 'none'"), std::string::npos);
        EXPECT_EQ(r.header("Accept-Ranges").value_or(""), "bytes");
    }
}

INSTANTIATE_TEST_SUITE_P(
    EachType, RoundTrip,
    ::testing::Values(Sample{"Jpeg", "褥瘡の写真 2024.jpg", sample::jpeg, "image/jpeg", "inline"},
                      Sample{"Png", "image.png", sample::png, "image/png", "inline"},
                      Sample{"Mp4", "歩行の様子.mp4", sample::mp4, "video/mp4", "inline"},
                      Sample{"Mp3", "voice.mp3", sample::mp3, "audio/mpeg", "inline"},
                      Sample{"M4a", "voice.m4a", sample::m4a, "audio/mp4", "inline"},
                      Sample{"Pdf", "指示書.pdf", sample::pdf, "application/pdf", "inline"},
                      Sample{"Docx", "report.docx", sample::docx,
                             "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "attachment"},
                      Sample{"Xlsx", "sheet.xlsx", sample::xlsx,
                             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "attachment"},
                      Sample{"Pptx", "slides.pptx", sample::pptx,
                             "application/vnd.openxmlformats-officedocument.presentationml.presentation", "attachment"},
                      Sample{"Text", "記録.txt", sample::text_utf8, "text/plain; charset=utf-8", "attachment"}),
    [](const auto& param_info) { return std::string(param_info.param.test_name); });

TEST_F(Files, AJapaneseNameIsKeptAndSentAsUtf8) {
    std::string url;
    ASSERT_EQ(upload_file(nurse, upload_metadata(care.patient, "褥瘡の写真 2024.jpg"), sample::jpeg(), url).status, 204);
    auto r = get_file(nurse, url);
    EXPECT_NE(r.header("Content-Disposition").value_or("").find(
                  "filename*=UTF-8''%E8%A4%A5%E7%98%A1%E3%81%AE%E5%86%99%E7%9C%9F%202024.jpg"),
              std::string::npos);
    auto list = nurse.get("/api/v1/patients/" + std::to_string(care.patient) + "/files");
    ASSERT_EQ(list.status, 200);
    ASSERT_EQ(list.json()["files"].size(), 1u);
    EXPECT_EQ(list.json()["files"][0]["name"], "褥瘡の写真 2024.jpg");
    EXPECT_EQ(list.json()["files"][0]["preview"], "image");
}

TEST_F(Files, AFileOfSeveralRowsInOnePatchComesBackWhole) {
    std::string bytes = sample::big_jpeg(700 * 1024); // rows of 256 KiB and a short last one
    std::string url;
    ASSERT_EQ(upload_file(nurse, upload_metadata(care.patient, "big.jpg"), bytes, url, bytes.size()).status, 204);
    EXPECT_EQ(chunk_rows(database()), 3);
    EXPECT_TRUE(get_file(nurse, url).body == bytes);
}

TEST_F(Files, UploadsAndDownloadsAreInTheAccessLogWithThePatient) {
    std::string url;
    ASSERT_EQ(upload_file(nurse, upload_metadata(care.patient, "a.pdf"), sample::pdf(), url).status, 204);
    ASSERT_EQ(get_file(nurse, url).status, 200);
    auto patient = std::to_string(care.patient);
    EXPECT_EQ(database().query_value("SELECT count(*) FROM audit_log WHERE action = 'file.upload' AND result = 'ok' "
                                     "AND patient_id = " + patient),
              "2"); // created, complete
    EXPECT_EQ(database().query_value("SELECT count(*) FROM audit_log WHERE action = 'file.download' AND patient_id = " +
                                     patient),
              "1");
}

// --- refusals: a clear error and nothing stored

TEST_F(Files, AProgramRenamedJpgIsRefusedAndDeleted) {
    std::string url;
    auto r = upload_file(nurse, upload_metadata(care.patient, "photo.jpg"), sample::exe(), url);
    EXPECT_EQ(r.status, 415) << r.body;
    EXPECT_EQ(r.error_code(), "unsupported_media_type");
    EXPECT_EQ(file_rows(database()), 0);
    EXPECT_EQ(chunk_rows(database()), 0);
    EXPECT_EQ(get_file(nurse, url).status, 404);
}

TEST_F(Files, APdfDeclaredAsAnImageIsRefused) {
    std::string url;
    auto r = upload_file(nurse, upload_metadata(care.patient, "scan.pdf", "image/jpeg"), sample::pdf(), url);
    EXPECT_EQ(r.status, 415);
    EXPECT_EQ(r.json()["error"]["field"], "media_type");
    EXPECT_EQ(file_rows(database()), 0);
}

TEST_F(Files, APdfNamedAsAPhotoIsRefused) {
    std::string url;
    auto r = upload_file(nurse, upload_metadata(care.patient, "photo.jpg"), sample::pdf(), url);
    EXPECT_EQ(r.status, 415);
    EXPECT_EQ(r.json()["error"]["field"], "filename");
    EXPECT_EQ(chunk_rows(database()), 0);
}

TEST_F(Files, AScriptIsRefusedWhateverItsName) {
    std::string url;
    auto r = upload_file(nurse, upload_metadata(care.patient, "notes.txt"), sample::script(), url);
    EXPECT_EQ(r.status, 415);
    EXPECT_EQ(file_rows(database()), 0);
}

TEST_F(Files, AProgramsNameIsRefusedBeforeAnythingIsStored) {
    auto r = tus_create(nurse, 1000, upload_metadata(care.patient, "setup.exe"));
    EXPECT_EQ(r.status, 415);
    EXPECT_EQ(r.header("Tus-Resumable").value_or(""), "1.0.0");
    EXPECT_EQ(file_rows(database()), 0);
}

TEST_F(Files, AnEmptyFileIsRefused) {
    auto r = tus_create(nurse, 0, upload_metadata(care.patient, "empty.txt"));
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(file_rows(database()), 0);
}

TEST_F(Files, NamesWithPathSeparatorsOrControlCharactersAreRefused) {
    for (const std::string& name : std::vector<std::string>{"../../etc/passwd", "a/b.jpg", "a\\b.jpg", "bad\x01name.jpg",
                                                            "tab\tname.jpg", "rtl\xE2\x80\xAEgpj.exe"}) {
        auto r = tus_create(nurse, 100, upload_metadata(care.patient, name));
        EXPECT_EQ(r.status, 400) << name;
        EXPECT_EQ(r.json()["error"]["field"], "filename") << name;
    }
    EXPECT_EQ(file_rows(database()), 0);
}

TEST_F(Files, WithoutTusResumableTheAnswerIs412) {
    auto h = session_headers(nurse, true);
    h.emplace_back("Upload-Length", "10");
    auto r = http_request(port(), "POST", "/api/v1/uploads", h);
    EXPECT_EQ(r.status, 412);
    EXPECT_EQ(r.header("Tus-Version").value_or(""), "1.0.0");
}

TEST_F(Files, OptionsTellsWhatTheServerSpeaks) {
    auto r = http_request(port(), "OPTIONS", "/api/v1/uploads");
    EXPECT_EQ(r.status, 204);
    EXPECT_EQ(r.header("Tus-Version").value_or(""), "1.0.0");
    EXPECT_EQ(r.header("Tus-Extension").value_or(""), "creation,checksum,termination");
    EXPECT_EQ(r.header("Tus-Max-Size").value_or(""), std::to_string(2ull << 30));
    EXPECT_EQ(r.header("Tus-Checksum-Algorithm").value_or(""), "sha1,sha256");
}

// --- limits

class SmallLimits : public Files {
protected:
    void configure(server::Config& c) override {
        c.max_upload_bytes = 1 << 20;
        c.max_upload_chunk_bytes = 64 * 1024;
        c.accepted_file_types = "image";
    }
};

TEST_F(SmallLimits, AFileLargerThanTheLimitIsRefusedBeforeItIsStored) {
    auto r = tus_create(nurse, (1 << 20) + 1, upload_metadata(care.patient, "huge.jpg"));
    EXPECT_EQ(r.status, 413);
    EXPECT_EQ(file_rows(database()), 0);
    EXPECT_EQ(tus_create(nurse, 1 << 20, upload_metadata(care.patient, "fits.jpg")).status, 201);
}

TEST_F(SmallLimits, APatchOverTheChunkLimitIsRefusedBeforeItsBodyIsRead) {
    auto created = tus_create(nurse, 100000, upload_metadata(care.patient, "photo.jpg"));
    ASSERT_EQ(created.status, 201);
    HttpConnection c(port());
    auto h = session_headers(nurse, true);
    h.insert(h.end(), {{"Tus-Resumable", "1.0.0"}, {"Upload-Offset", "0"},
                       {"Content-Type", "application/offset+octet-stream"}, {"Content-Length", "70000"},
                       {"Expect", "100-continue"}});
    c.send_request("PATCH", *created.header("Location"), h);
    auto r = c.read_response();
    EXPECT_EQ(r.status, 413);
    EXPECT_EQ(chunk_rows(database()), 0);
}

TEST_F(SmallLimits, TypesOutsideTheAcceptedListAreRefused) {
    EXPECT_EQ(tus_create(nurse, 100, upload_metadata(care.patient, "doc.pdf")).status, 415); // by its name
    std::string url;
    auto r = upload_file(nurse, upload_metadata(care.patient, "scan"), sample::pdf(), url); // by its content
    EXPECT_EQ(r.status, 415);
    EXPECT_EQ(file_rows(database()), 0);
}

// --- who may do what

TEST_F(Files, SomeoneOutsideTheTeamCanNeitherUploadNorDownload) {
    std::string url;
    ASSERT_EQ(upload_file(nurse, upload_metadata(care.patient, "a.jpg"), sample::jpeg(), url).status, 204);
    auto outsider = sign_in(port(), "outsider");
    EXPECT_EQ(tus_create(outsider, 100, upload_metadata(care.patient, "b.jpg")).status, 403);
    EXPECT_EQ(get_file(outsider, url).status, 403);
    EXPECT_EQ(outsider.get("/api/v1/patients/" + std::to_string(care.patient) + "/files").status, 403);
    EXPECT_EQ(database().query_value("SELECT count(*) FROM audit_log WHERE result = 'denied' AND patient_id = " +
                                     std::to_string(care.patient)),
              "3");
    EXPECT_EQ(file_rows(database()), 1);
}

TEST_F(Files, NothingIsSharedBeforeConsent) {
    EXPECT_EQ(tus_create(nurse, 100, upload_metadata(care.unconsented, "a.jpg")).status, 403);
    EXPECT_EQ(file_rows(database()), 0);
}

// A withdrawn consent locks the team (issue 4): what was shared stays readable, nothing new is
// added, and the family space takes nothing either.
TEST_F(Files, AfterWithdrawalTheRecordIsReadOnly) {
    std::string url;
    ASSERT_EQ(upload_file(nurse, upload_metadata(care.patient, "a.jpg"), sample::jpeg(), url).status, 204);
    database().exec("UPDATE consents SET withdrawn_at = now(), withdrawal_reason = '本人の申し出' WHERE patient_id = " +
                    std::to_string(care.patient));
    EXPECT_EQ(get_file(nurse, url).status, 200);
    auto refused = tus_create(nurse, 100, upload_metadata(care.patient, "b.jpg"));
    EXPECT_EQ(refused.status, 403);
    EXPECT_NE(refused.body.find("locked"), std::string::npos) << refused.body;
    tus::Metadata family_upload;
    family_upload.set("patient", std::to_string(care.patient));
    family_upload.set("space", "family");
    family_upload.set("metadata", std::string("sealed name and type"));
    EXPECT_EQ(tus_create(sign_in(port(), "family"), 100, family_upload).status, 403);
    EXPECT_EQ(file_rows(database()), 1);
}

TEST_F(Files, ATeamMemberOfAnotherFacilitySeesTheFile) {
    std::string url;
    ASSERT_EQ(upload_file(nurse, upload_metadata(care.patient, "a.jpg"), sample::jpeg(), url).status, 204);
    auto doctor = sign_in(port(), "doctor");
    EXPECT_EQ(get_file(doctor, url).body, sample::jpeg());
    // ... but only the uploader continues or ends an upload.
    auto other = tus_create(nurse, 100, upload_metadata(care.patient, "b.jpg"));
    auto other_url = other.header("Location").value_or("");
    EXPECT_EQ(tus_patch(doctor, other_url, 0, "x").status, 403);
    EXPECT_EQ(tus_head(doctor, other_url).status, 403);
}

TEST_F(Files, AFamilyAccountCannotDownloadProfessionalFiles) {
    std::string url;
    ASSERT_EQ(upload_file(nurse, upload_metadata(care.patient, "a.jpg"), sample::jpeg(), url).status, 204);
    auto family = sign_in(port(), "family");
    EXPECT_EQ(get_file(family, url).status, 403);
    EXPECT_EQ(family.get("/api/v1/patients/" + std::to_string(care.patient) + "/files").status, 403);
    EXPECT_EQ(tus_create(family, 100, upload_metadata(care.patient, "b.jpg")).status, 403);
}

TEST_F(Files, FamilyFilesAreOpaqueAndStayInTheFamilySpace) {
    auto family = sign_in(port(), "family");
    // What the browser sends: ciphertext (here, bytes that would be refused as a program if they
    // were sniffed) and the sealed name.
    std::string sealed = sample::exe();
    tus::Metadata m;
    m.set("patient", std::to_string(care.patient));
    m.set("space", "family");
    m.set("metadata", std::string("sealed name and type"));
    std::string url;
    auto r = upload_file(family, m, sealed, url);
    ASSERT_EQ(r.status, 204) << r.body;
    auto got = get_file(nurse, url); // the team's members share the family space
    EXPECT_TRUE(got.body == sealed);
    EXPECT_EQ(got.header("Content-Type").value_or(""), "application/octet-stream");
    EXPECT_TRUE(got.header("Content-Disposition").value_or("").starts_with("attachment;"));
    auto list = family.get("/api/v1/patients/" + std::to_string(care.patient) + "/files?space=family");
    ASSERT_EQ(list.status, 200);
    ASSERT_EQ(list.json()["files"].size(), 1u);
    EXPECT_EQ(list.json()["files"][0]["encrypted_metadata"], "c2VhbGVkIG5hbWUgYW5kIHR5cGU=");
    EXPECT_EQ(list.json()["files"][0]["name"], "");
    // Not in the professional record.
    EXPECT_EQ(nurse.get("/api/v1/patients/" + std::to_string(care.patient) + "/files").json()["files"].size(), 0u);
}

TEST_F(Files, SigningInIsRequired) {
    auto r = http_request(port(), "POST", "/api/v1/uploads", {{"Tus-Resumable", "1.0.0"}, {"Upload-Length", "10"}});
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(http_request(port(), "GET", "/api/v1/files/1").status, 401);
}

} // namespace
} // namespace mimamori::test
