// Key fingerprints: the spoken safety code, the QR payload (encodable by qr.hpp), comparisons, and
// the signed "verified" records that show a key change.
#include <gtest/gtest.h>

#include <regex>

#include "family_test_support.hpp"
#include "mimamori/common/family_crypto/fingerprint.hpp"
#include "mimamori/common/qr.hpp"

namespace fc = mimamori::family_crypto;
using mimamori::Json;
using namespace family_test;

TEST(FamilyFingerprint, DependsOnAccountAndBothKeys) {
    const auto n = nurse().as_member();
    const auto fp = fc::fingerprint(n);
    EXPECT_TRUE(fc::same_fingerprint(fp, fc::fingerprint(nurse().as_member())));
    auto other_account = n;
    other_account.account_id = 40;
    EXPECT_FALSE(fc::same_fingerprint(fp, fc::fingerprint(other_account)));
    auto other_box = n;
    other_box.keys.box = family().keys.public_keys.box;
    EXPECT_FALSE(fc::same_fingerprint(fp, fc::fingerprint(other_box)));
    auto other_sign = n;
    other_sign.keys.sign = family().keys.public_keys.sign;
    EXPECT_FALSE(fc::same_fingerprint(fp, fc::fingerprint(other_sign)));
}

TEST(FamilyFingerprint, SafetyCodeIsSixGroupsOfFiveDigits) {
    const auto fp = fc::fingerprint(family().as_member());
    const std::string code = fc::safety_code(fp);
    EXPECT_TRUE(std::regex_match(code, std::regex("[0-9]{5}( [0-9]{5}){5}"))) << code;
    EXPECT_NE(code, fc::safety_code(fc::fingerprint(nurse().as_member())));
    // Group g is bytes 5g..5g+4, big-endian, modulo 100000, zero-padded.
    fc::Fingerprint known{};
    known[4] = 7;                                     // group 0: 7
    known[5] = 0x01;                                  // group 1: 2^32 = 4294967296 -> 67296
    for (std::size_t i = 10; i < 15; ++i) known[i] = 0xff; // group 2: 2^40 - 1 -> 27775
    EXPECT_EQ(fc::safety_code(known), "00007 67296 27775 00000 00000 00000");
}

TEST(FamilyFingerprint, TypedCodesAreComparedLoosely) {
    const auto fp = fc::fingerprint(family().as_member());
    const std::string code = fc::safety_code(fp);
    EXPECT_TRUE(fc::safety_code_matches(code, fp));
    std::string no_spaces = code;
    std::erase(no_spaces, ' ');
    EXPECT_TRUE(fc::safety_code_matches(no_spaces, fp));
    std::string dashed = code;
    std::replace(dashed.begin(), dashed.end(), ' ', '-');
    EXPECT_TRUE(fc::safety_code_matches(dashed, fp));
    // Full-width digits and ideographic spaces from a Japanese IME.
    std::string fullwidth;
    for (const char c : code) fullwidth += c == ' ' ? std::string("\u3000") : std::string("\xEF\xBC") + static_cast<char>(0x90 + (c - '0'));
    EXPECT_TRUE(fc::safety_code_matches(fullwidth, fp)) << fullwidth;

    std::string wrong = no_spaces;
    wrong[29] = wrong[29] == '9' ? '0' : static_cast<char>(wrong[29] + 1);
    EXPECT_FALSE(fc::safety_code_matches(wrong, fp));
    EXPECT_FALSE(fc::safety_code_matches(no_spaces.substr(0, 29), fp));
    EXPECT_FALSE(fc::safety_code_matches(no_spaces + "1", fp));
    EXPECT_FALSE(fc::safety_code_matches(no_spaces.substr(0, 10) + "x" + no_spaces.substr(10), fp));
    EXPECT_FALSE(fc::safety_code_matches("", fp));
}

TEST(FamilyFingerprint, QrPayloadRoundTripsAndEncodes) {
    const auto n = nurse().as_member();
    const std::string payload = fc::fingerprint_qr_payload(n);
    EXPECT_TRUE(payload.starts_with("mimamori-fp:v1:41:")) << payload;
    EXPECT_EQ(payload.size(), std::string("mimamori-fp:v1:41:").size() + 43);
    auto scanned = fc::parse_fingerprint_qr_payload(payload);
    ASSERT_TRUE(scanned.ok());
    EXPECT_EQ(scanned->account_id, nurse_id);
    EXPECT_TRUE(fc::same_fingerprint(scanned->fingerprint, fc::fingerprint(n)));
    EXPECT_TRUE(fc::scanned_matches(*scanned, n));
    EXPECT_FALSE(fc::scanned_matches(*scanned, family().as_member()));
    EXPECT_FALSE(fc::scanned_matches(*scanned, fc::Member{nurse_id, family().keys.public_keys}));

    // qr.hpp encodes it in a small symbol, at the level the app uses for screens and paper.
    auto symbol = mimamori::qr::encode_text(payload, {.ecc = mimamori::qr::Ecc::Q});
    ASSERT_TRUE(symbol.ok()) << symbol.error().message;
    EXPECT_LE(symbol->version(), 6); // 41 x 41 modules at most

    for (const std::string_view bad :
         {"", "mimamori-fp:v1:", "mimamori-fp:v2:41:AAAA", "mimamori-fp:v1:041:" , "mimamori-fp:v1:-41:x",
          "mimamori-fp:v1:41", "mimamori-fp:v1:0:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
          "mimamori-fp:v1:41:AAAA", "mimamori-fp:v1:99999999999999999999:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
          "otpauth://totp/x"}) {
        auto r = fc::parse_fingerprint_qr_payload(bad);
        ASSERT_FALSE(r.ok()) << bad;
        EXPECT_EQ(r.error().field, "fingerprint_qr");
    }
    EXPECT_TRUE(fc::parse_fingerprint_qr_payload("mimamori-fp:v1:41:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").ok());
}

TEST(FamilyFingerprint, VerifiedRecordsShowKeyChanges) {
    const auto me = nurse();
    const auto son = family().as_member();
    EXPECT_EQ(fc::verification_status(std::nullopt, me.as_member(), son), fc::KeyVerification::Unverified);

    const auto record = fc::record_verification(me, son, 1795649487123);
    EXPECT_EQ(record.verifier_account_id, nurse_id);
    EXPECT_EQ(record.subject_account_id, family_id);
    EXPECT_EQ(fc::verification_status(record, me.as_member(), son), fc::KeyVerification::Verified);

    // The son's keys change (new account keys after a lost password, or the server swapping them).
    const fc::Member son_new_keys{family_id, daughter().keys.public_keys};
    EXPECT_EQ(fc::verification_status(record, me.as_member(), son_new_keys), fc::KeyVerification::KeyChanged);

    // The server replaces the record's fingerprint with the new keys' to hide the change.
    auto altered = record;
    altered.fingerprint = fc::fingerprint(son_new_keys);
    EXPECT_EQ(fc::verification_status(altered, me.as_member(), son_new_keys), fc::KeyVerification::RecordInvalid);
    // A record about someone else, or by someone else, does not count.
    EXPECT_EQ(fc::verification_status(record, me.as_member(), daughter().as_member()), fc::KeyVerification::RecordInvalid);
    EXPECT_EQ(fc::verification_status(record, daughter().as_member(), son), fc::KeyVerification::RecordInvalid);
    auto retimed = record;
    retimed.verified_at_ms += 1;
    EXPECT_EQ(fc::verification_status(retimed, me.as_member(), son), fc::KeyVerification::RecordInvalid);

    EXPECT_EQ(fc::to_string(fc::KeyVerification::KeyChanged), "key_changed");
}

TEST(FamilyFingerprint, VerifiedRecordJson) {
    const auto record = fc::record_verification(nurse(), family().as_member(), 1795649487123);
    const Json j = fc::to_json(record);
    EXPECT_EQ(j["verified_at_ms"], 1795649487123);
    EXPECT_EQ(fc::verified_fingerprint_from_json(j).value(), record);
    Json bad = j;
    bad["fingerprint"] = j["signature"];
    EXPECT_EQ(fc::verified_fingerprint_from_json(bad).error().field, "fingerprint");
    bad = j;
    bad["subject_account_id"] = 0;
    EXPECT_EQ(fc::verified_fingerprint_from_json(bad).error().field, "subject_account_id");
}
