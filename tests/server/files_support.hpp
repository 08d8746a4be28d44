#pragma once
// What the file tests share: a care setting written straight into the database (a patient with
// consent and a care team, a second patient without consent, team members, an outsider, a family
// account), a small tus client, and tiny files of each accepted type made byte by byte.

#include <cstdint>
#include <optional>
#include <string>

#include "mimamori/common/tus.hpp"
#include "support/accounts.hpp"
#include "support/test_database.hpp"
#include "support/test_server.hpp"

namespace mimamori::test {

struct CareSetting {
    std::int64_t facility = 0;
    std::int64_t patient = 0;          // consent (professional and family), team: nurse, doctor
    std::int64_t unconsented = 0;      // a team with the nurse, but no consent recorded
    std::int64_t nurse = 0;            // login "nurse"
    std::int64_t doctor = 0;           // login "doctor", another facility
    std::int64_t outsider = 0;         // login "outsider": staff of the same facility, in no team
    std::int64_t family = 0;           // login "family": the patient's family account
};
CareSetting create_care_setting(const TestDatabase& db);

// Cookie and CSRF token of a session, for requests built by hand.
HeaderList session_headers(const Session& s, bool state_changing);

// tus requests.
HttpResponse tus_create(const Session& s, std::uint64_t length, const tus::Metadata& metadata);
HttpResponse tus_head(const Session& s, const std::string& url);
HttpResponse tus_patch(const Session& s, const std::string& url, std::uint64_t offset, const std::string& bytes,
                       const HeaderList& extra = {});
tus::Metadata upload_metadata(std::int64_t patient, const std::string& name, const std::string& filetype = "");

// Creates an upload and sends `bytes` in PATCHes of `chunk` bytes; the final PATCH's answer,
// and the upload's URL in `url`. Stops at the first answer that is not 204.
HttpResponse upload_file(const Session& s, const tus::Metadata& metadata, const std::string& bytes, std::string& url,
                         std::size_t chunk = 1 << 20);

HttpResponse get_file(const Session& s, const std::string& url, const HeaderList& extra = {});

// Tiny but real files, as the sniffer knows them.
namespace sample {
std::string jpeg();
std::string png();
std::string mp4();
std::string mp3();
std::string m4a();
std::string pdf();
std::string docx();
std::string xlsx();
std::string pptx();
std::string text_utf8();
std::string exe();
std::string script();
// `n` bytes of a JPEG (a real header, then noise that never repeats for a long while).
std::string big_jpeg(std::size_t n);
} // namespace sample

// A server on a fresh care setting, with the nurse signed in.
class FileTest : public ServerTest {
protected:
    void SetUp() override;
    CareSetting care;
    Session nurse;
};

// Rows in the file tables (refusals must leave none behind).
long long file_rows(const TestDatabase& db);
long long chunk_rows(const TestDatabase& db);

} // namespace mimamori::test
