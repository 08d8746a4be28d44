// Family files (issue 7 point 6) over real HTTP against a real PostgreSQL: the browser's encrypted
// stream (common's FileUploadEncoder, as the app sends it) is stored as an ordinary tus upload
// marked space=family -- only by members of that family space, never with its name or type in
// the clear, never sniffed or previewed, never attachable to a professional memo -- and read back
// byte for byte, ranges included (the app decrypts what it downloads).
#include <gtest/gtest.h>

#include "event_support.hpp"
#include "files_support.hpp"
#include "mimamori/common/family_crypto/file_stream.hpp"

namespace mimamori::test {
namespace {

namespace fc = family_crypto;
using FamilyFiles = FileTest;

tus::Metadata family_metadata(std::int64_t patient) {
    tus::Metadata m;
    m.set("patient", std::to_string(patient));
    m.set("space", "family");
    return m;
}

// A PNG with a recognisable text chunk, encrypted as the app uploads it (64 KiB upload chunks).
struct Encrypted {
    std::string plain;
    std::string cipher;
};
Encrypted encrypted_photo(const fc::FileKey& key) {
    Encrypted e;
    e.plain = sample::png() + "tEXtComment\0FAMILY-PLAINTEXT-MARKER-7f3a" + std::string(150000, 'p');
    auto enc = fc::FileUploadEncoder::make(key, fc::file_chunk_size).value();
    const std::size_t chunks = (e.plain.size() + fc::file_chunk_size - 1) / fc::file_chunk_size;
    for (std::size_t i = 0; i < chunks; ++i) {
        const std::string part = e.plain.substr(i * fc::file_chunk_size, fc::file_chunk_size);
        const auto out = enc.encode(i, as_bytes(part), i + 1 == chunks).value();
        e.cipher.append(out.begin(), out.end());
    }
    return e;
}

std::string upload_id(const std::string& url) { return url.substr(url.rfind('/') + 1); }

TEST_F(FamilyFiles, OnlyMembersOfThatFamilySpaceUpload) {
    EXPECT_EQ(tus_create(sign_in(port(), "outsider"), 100, family_metadata(care.patient)).status, 403);
    // The family account belongs to care.patient's space only; the other patient has no consent.
    auto family = sign_in(port(), "family");
    EXPECT_EQ(tus_create(family, 100, family_metadata(care.unconsented)).status, 403);
    EXPECT_EQ(tus_create(nurse, 100, family_metadata(care.unconsented)).status, 403);
    EXPECT_EQ(file_rows(database()), 0);
    EXPECT_EQ(tus_create(family, 100, family_metadata(care.patient)).status, 201);
    EXPECT_EQ(tus_create(sign_in(port(), "doctor"), 100, family_metadata(care.patient)).status, 201);
    EXPECT_EQ(file_rows(database()), 2);
}

TEST_F(FamilyFiles, ANameOrTypeInTheClearIsRefused) {
    auto family = sign_in(port(), "family");
    auto named = family_metadata(care.patient);
    named.set("filename", "散歩.png");
    auto r = tus_create(family, 100, named);
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(r.json()["error"]["field"], "filename");
    auto typed = family_metadata(care.patient);
    typed.set("filetype", "image/png");
    r = tus_create(family, 100, typed);
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(r.json()["error"]["field"], "filetype");
    EXPECT_EQ(file_rows(database()), 0);
}

TEST_F(FamilyFiles, TheCiphertextIsStoredUnseenAndReadBackWithRanges) {
    const auto key = fc::FileKey::random();
    const Encrypted photo = encrypted_photo(key);
    auto family = sign_in(port(), "family");
    std::string url;
    // PATCHes as the app sends them: chunk 0 is the header longer.
    auto r = upload_file(family, family_metadata(care.patient), photo.cipher, url,
                         fc::FileUploadEncoder::encoded_chunk_size(1, fc::file_chunk_size));
    ASSERT_EQ(r.status, 204) << r.body;
    // Nothing sniffed, named or previewed; the stored rows hold ciphertext only.
    auto list = nurse.get("/api/v1/patients/" + std::to_string(care.patient) + "/files?space=family");
    ASSERT_EQ(list.status, 200);
    ASSERT_EQ(list.json()["files"].size(), 1u);
    const Json f = list.json()["files"][0];
    EXPECT_EQ(f["name"], "");
    EXPECT_TRUE(f["file_type"].is_null()) << f;
    EXPECT_EQ(f["preview"], "none");
    EXPECT_EQ(f["media_type"], "application/octet-stream");
    EXPECT_EQ(database().query_value("SELECT count(*) FROM file_chunks WHERE position('FAMILY-PLAINTEXT-MARKER'::bytea IN data) > 0"),
              "0");
    EXPECT_EQ(database().query_value("SELECT sum(length(data)) FROM file_chunks"), std::to_string(photo.cipher.size()));
    auto preview = get_file(nurse, "/api/v1/files/" + upload_id(url) + "/preview.pdf");
    EXPECT_EQ(preview.status, 404) << preview.body;
    EXPECT_NE(preview.body.find("error"), std::string::npos) << preview.body;

    // Whole, and in ranges (the header, a piece across an upload chunk's edge, the end).
    auto whole = get_file(nurse, url);
    ASSERT_EQ(whole.status, 200);
    EXPECT_TRUE(whole.body == photo.cipher);
    EXPECT_EQ(fc::decrypt_file(key, as_bytes(whole.body)).value(), Bytes(photo.plain.begin(), photo.plain.end()));
    for (auto [first, last] : {std::pair<std::size_t, std::size_t>{0, 23},
                               {65000, 70000},
                               {photo.cipher.size() - 100, photo.cipher.size() - 1}}) {
        auto part = get_file(family, url, {{"Range", "bytes=" + std::to_string(first) + "-" + std::to_string(last)}});
        ASSERT_EQ(part.status, 206) << first;
        EXPECT_TRUE(part.body == photo.cipher.substr(first, last - first + 1)) << first;
    }
    // Altered on the way back (a byte flipped): the app's decryption refuses it.
    std::string tampered = whole.body;
    tampered[70000] = static_cast<char>(tampered[70000] ^ 1);
    EXPECT_FALSE(fc::decrypt_file(key, as_bytes(tampered)).ok());
}

TEST_F(FamilyFiles, AProfessionalMemoCannotTakeAFamilyFile) {
    std::string url;
    ASSERT_EQ(upload_file(nurse, family_metadata(care.patient), std::string(200, 'c'), url).status, 204);
    auto memo = nurse.request("POST", memos_path(care.patient),
                              {{"kind", "visit_record"}, {"text", "写真"}, {"attachments", {upload_id(url)}}});
    EXPECT_EQ(memo.status, 400) << memo.body;
    EXPECT_EQ(memo.json()["error"]["field"], "attachments[0]");
    // ... and a family account can never read professional files (the other direction).
    std::string pro_url;
    ASSERT_EQ(upload_file(nurse, upload_metadata(care.patient, "a.jpg"), sample::jpeg(), pro_url).status, 204);
    EXPECT_EQ(get_file(sign_in(port(), "family"), pro_url).status, 403);
}

} // namespace
} // namespace mimamori::test
