// Cross-build test vectors of the family space's cryptography: data/family_vectors.json was made
// once natively from fixed seeds, keys and nonces. Both builds (native, and emcc under Node.js)
// recompute every deterministic value and must produce the same bytes, and open what was made
// with randomness (sealed epoch keys, a memo with a random nonce, file streams), so an envelope
// written by either build opens in the other.
//
// To regenerate (only when the protocol changes on purpose, with a new format tag):
//     MIMAMORI_REGENERATE_FAMILY_VECTORS=1 build/native/tests/common/common_tests --gtest_filter='FamilyVectors.*'
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "family_test_support.hpp"
#include "mimamori/common/base64url.hpp"
#include "mimamori/common/encoding.hpp"
#include "mimamori/common/family_crypto/file_stream.hpp"
#include "mimamori/common/family_crypto/fingerprint.hpp"
#include "mimamori/common/family_crypto/key_wrap.hpp"
#include "mimamori/common/family_crypto/memo.hpp"
#include "mimamori/common/family_crypto/memo_content.hpp"

namespace fc = mimamori::family_crypto;
using mimamori::Bytes;
using mimamori::Json;
using mimamori::encoding::hex_decode;
using mimamori::encoding::hex_encode;
using namespace family_test;

namespace {

constexpr std::int64_t t0 = 1795649487123;
const std::string password = "correct horse 電池";
const std::string recovery_code = "7KQM-W3XD-9HPA-23AB-CDEF-GHJK";
const std::string memo_text = "今日は食欲がありました。午後に散歩しました。";

fc::detail::WrapRandomness wrap_randomness(std::uint8_t salt, std::uint8_t nonce) {
    fc::detail::WrapRandomness r;
    r.salt.fill(salt);
    r.nonce.fill(nonce);
    return r;
}

fc::FamilyMemoContent vector_content() {
    fc::FamilyMemoContent c;
    c.text = memo_text;
    std::array<std::uint8_t, 32> file_key{};
    file_key.fill(0x33);
    c.attachments.push_back(fc::MemoAttachment{"file-vector-1", "散歩.jpg", "image/jpeg", 1000,
                                               fc::FileKey::from_bytes(file_key).value()});
    return c;
}

fc::FileKey vector_file_key() {
    std::array<std::uint8_t, 32> k{};
    k.fill(0x33);
    return fc::FileKey::from_bytes(k).value();
}

// Everything that fixed inputs determine.
Json deterministic() {
    const auto nurse = family_test::nurse();
    const auto family = family_test::family();
    const auto key = epoch_key(space, 1, 0x11);
    Json out;

    Json members = Json::array();
    for (const auto* m : {&nurse, &family}) {
        const auto fp = fc::fingerprint(m->as_member());
        members.push_back(Json{{"account_id", m->account_id},
                               {"seed", hex_encode(m->keys.seed.bytes())},
                               {"public_keys", fc::to_json(m->keys.public_keys)},
                               {"fingerprint", hex_encode(fp)},
                               {"safety_code", fc::safety_code(fp)},
                               {"qr_payload", fc::fingerprint_qr_payload(m->as_member())}});
    }
    out["members"] = members;
    out["password"] = password;
    out["recovery_code"] = recovery_code;
    out["password_wrap_test_preset"] = fc::to_json(
        fc::detail::wrap_member_keys(family, fc::WrapPurpose::Password, password, fc::KdfParams::for_tests(),
                                     wrap_randomness(0x5a, 0x6b))
            .value());
    out["password_wrap_interactive"] = fc::to_json(
        fc::detail::wrap_member_keys(family, fc::WrapPurpose::Password, password, fc::KdfParams::interactive(),
                                     wrap_randomness(0x5c, 0x6d))
            .value());
    out["recovery_wrap"] = fc::to_json(
        fc::detail::wrap_member_keys(family, fc::WrapPurpose::Recovery,
                                     fc::normalise_recovery_key_code(recovery_code).value(), fc::KdfParams::for_tests(),
                                     wrap_randomness(0x5b, 0x6c))
            .value());
    out["epoch_key"] = Json{{"space_id", key.space_id}, {"epoch", key.epoch}, {"secret", hex_encode(key.secret.bytes())}};

    const auto content = fc::encode_memo_content(vector_content()).value();
    const auto memo =
        fc::detail::seal_memo_with_nonce(key, nurse, "memo-vector-1", t0, content, nonce_of(0x24)).value();
    Bytes ad;
    fc::detail::append_memo_ad(ad, memo.header);
    out["memo"] = Json{{"content", std::string(content.begin(), content.end())},
                       {"associated_data", hex_encode(ad)},
                       {"envelope", fc::to_json(memo)}};
    out["wrapped_file_key"] = fc::to_json(
        fc::detail::wrap_file_key_with_nonce(vector_file_key(), key, "file-vector-1", nonce_of(0x44)).value());
    out["verified_fingerprint"] = fc::to_json(fc::record_verification(nurse, family.as_member(), t0));
    return out;
}

// What randomness made: generated once, then only opened.
Json randomised() {
    const auto nurse = family_test::nurse();
    const auto family = family_test::family();
    const auto key = epoch_key(space, 1, 0x11);
    Json out;
    out["sealed_epoch_key"] = fc::to_json(fc::seal_epoch_key(key, family.as_member(), nurse).value());
    out["memo_random_nonce"] = fc::to_json(fc::seal_memo(key, family, "memo-vector-2", t0 + 1, mimamori::as_bytes(memo_text)).value());
    out["file_stream"] = Json{{"plaintext_length", 1000},
                              {"ciphertext", mimamori::encoding::base64url_encode(fc::encrypt_file(vector_file_key(), pattern(1000)).value())}};
    out["empty_file_stream"] = mimamori::encoding::base64url_encode(fc::encrypt_file(vector_file_key(), {}).value());
    return out;
}

Json load_vectors() {
    std::ifstream in(MIMAMORI_FAMILY_VECTORS);
    std::stringstream text;
    text << in.rdbuf();
    auto parsed = mimamori::json::parse(text.str());
    return parsed.ok() ? *parsed : Json();
}

class FamilyVectors : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        const char* regenerate = std::getenv("MIMAMORI_REGENERATE_FAMILY_VECTORS");
        if (regenerate != nullptr && std::string(regenerate) == "1") {
            Json all = Json{{"deterministic", deterministic()}, {"randomised", randomised()}};
            all["about"] = "Family space test vectors (family_crypto, tests/common/family_vectors_test.cpp). "
                           "Binary values: hex for seeds, keys and associated data; base64url in API JSON.";
            std::ofstream(MIMAMORI_FAMILY_VECTORS) << all.dump(2) << "\n";
        }
        s_vectors = new Json(load_vectors());
    }
    static void TearDownTestSuite() {
        delete s_vectors;
        s_vectors = nullptr;
    }
    static const Json& pinned() { return (*s_vectors)["deterministic"]; }
    static const Json& made_with_randomness() { return (*s_vectors)["randomised"]; }
    static Json* s_vectors;
};
Json* FamilyVectors::s_vectors = nullptr;

fc::EpochKeyring vector_ring() {
    fc::EpochKeyring ring(space);
    (void)ring.add(epoch_key(space, 1, 0x11));
    return ring;
}

} // namespace

TEST_F(FamilyVectors, FileIsPresent) {
    ASSERT_TRUE(s_vectors->is_object()) << "cannot read " << MIMAMORI_FAMILY_VECTORS;
    ASSERT_TRUE(pinned().is_object());
    ASSERT_TRUE(made_with_randomness().is_object());
}

TEST_F(FamilyVectors, EveryDeterministicValueIsReproducedByteForByte) {
    ASSERT_TRUE(pinned().is_object());
    const Json now = deterministic();
    for (const auto& [name, value] : now.items()) {
        ASSERT_TRUE(pinned().contains(name)) << name;
        EXPECT_EQ(mimamori::json::dump(value), mimamori::json::dump(pinned()[name])) << name;
    }
    EXPECT_EQ(pinned().size(), now.size());
}

TEST_F(FamilyVectors, PinnedWrapsUnwrap) {
    ASSERT_TRUE(pinned().is_object());
    for (const char* name : {"password_wrap_test_preset", "password_wrap_interactive"}) {
        auto wrap = fc::wrapped_keys_from_json(pinned()[name]);
        ASSERT_TRUE(wrap.ok()) << name;
        auto keys = fc::unwrap_member_keys(*wrap, password, family_id);
        ASSERT_TRUE(keys.ok()) << name;
        EXPECT_EQ(hex_encode(keys->keys.seed.bytes()), pinned()["members"][1]["seed"]);
    }
    auto recovery = fc::wrapped_keys_from_json(pinned()["recovery_wrap"]);
    ASSERT_TRUE(recovery.ok());
    EXPECT_TRUE(fc::recover_member_keys(*recovery, "7kqm w3xd 9hpa 23ab cdef ghjk", family_id).ok());
}

TEST_F(FamilyVectors, PinnedMemoOpensAndItsContentReads) {
    ASSERT_TRUE(pinned().is_object());
    const auto ring = vector_ring();
    const auto directory = directory_of({nurse().as_member(), family().as_member()});
    fc::MemoOpener opener(ring, directory);
    auto opened = opener.open_json(pinned()["memo"]["envelope"]);
    ASSERT_TRUE(opened.ok()) << fc::to_string(opened.status());
    auto content = fc::decode_memo_content(opened.value().plaintext);
    ASSERT_TRUE(content.ok());
    EXPECT_EQ(content->text, memo_text);
    ASSERT_EQ(content->attachments.size(), 1u);
    EXPECT_TRUE(content->attachments[0].key.equals(vector_file_key()));
}

TEST_F(FamilyVectors, WhatTheOtherBuildMadeWithRandomnessOpens) {
    ASSERT_TRUE(made_with_randomness().is_object());
    const auto directory = directory_of({nurse().as_member(), family().as_member()});

    auto grant = fc::sealed_epoch_key_from_json(made_with_randomness()["sealed_epoch_key"]);
    ASSERT_TRUE(grant.ok());
    auto key = fc::open_epoch_key(*grant, space, family(), directory);
    ASSERT_TRUE(key.ok()) << key.error().message;
    EXPECT_TRUE(key->secret.equals(epoch_key(space, 1, 0x11).secret));
    // Ed25519 is deterministic: re-signing the record gives the stored signature.
    auto resigned = *grant;
    fc::sign_epoch_key_grant(resigned, nurse().keys.sign_secret);
    EXPECT_EQ(resigned.signature, grant->signature);

    const auto ring = vector_ring();
    fc::MemoOpener opener(ring, directory);
    auto memo = opener.open_json(made_with_randomness()["memo_random_nonce"]);
    ASSERT_TRUE(memo.ok()) << fc::to_string(memo.status());
    EXPECT_EQ(std::string(memo.value().plaintext.begin(), memo.value().plaintext.end()), memo_text);

    auto stream = mimamori::encoding::base64url_decode(made_with_randomness()["file_stream"]["ciphertext"].get<std::string>());
    ASSERT_TRUE(stream.ok());
    EXPECT_EQ(fc::decrypt_file(vector_file_key(), *stream).value(), pattern(1000));
    auto empty = mimamori::encoding::base64url_decode(made_with_randomness()["empty_file_stream"].get<std::string>());
    ASSERT_TRUE(empty.ok());
    EXPECT_TRUE(fc::decrypt_file(vector_file_key(), *empty).value().empty());
}

TEST_F(FamilyVectors, AssociatedDataLayoutIsTheDocumentedOne) {
    // "mimamori.family.memo.v1", space 7, epoch 1, "memo-vector-1", author 41, time, each
    // length-prefixed (memo.hpp).
    ASSERT_TRUE(pinned().is_object());
    const std::string expected =
        "00000017" + hex_encode(mimamori::as_bytes("mimamori.family.memo.v1")) +
        "00000008" "0000000000000007" +
        "00000004" "00000001" +
        "0000000d" + hex_encode(mimamori::as_bytes("memo-vector-1")) +
        "00000008" "0000000000000029" +
        "00000008" "000001a2150cc113";
    EXPECT_EQ(pinned()["memo"]["associated_data"], expected);
}
