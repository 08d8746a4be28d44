// Member identities, secrets and the password / recovery-code wraps of family_crypto.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <type_traits>

#include "family_test_support.hpp"
#include "mimamori/common/encoding.hpp"
#include "mimamori/common/family_crypto/key_wrap.hpp"
#include "mimamori/common/recovery_codes.hpp"

namespace fc = mimamori::family_crypto;
using mimamori::ErrorCode;
using mimamori::Json;
using namespace family_test;

static_assert(!std::is_copy_constructible_v<fc::EpochSecret>);
static_assert(!std::is_copy_assignable_v<fc::MemberSeed>);
static_assert(std::is_nothrow_move_constructible_v<fc::SignSecretKey>);
static_assert(!std::is_copy_constructible_v<fc::MemberKeyPair>);
static_assert(!std::is_copy_constructible_v<fc::MemberIdentity>);
static_assert(!std::is_convertible_v<fc::EpochSecret, fc::FileKey>);
static_assert(!std::is_convertible_v<fc::BoxPublicKey, fc::SignPublicKey>);

TEST(FamilySecret, MovingWipesTheSource) {
    auto a = fc::EpochSecret::random();
    const auto copy = a.clone();
    EXPECT_TRUE(copy.equals(a));
    fc::EpochSecret b = std::move(a);
    EXPECT_TRUE(b.equals(copy));
    const fc::EpochSecret zero;
    EXPECT_TRUE(a.equals(zero)); // NOLINT(bugprone-use-after-move): the moved-from secret is zeros
    fc::EpochSecret c;
    c = std::move(b);
    EXPECT_TRUE(c.equals(copy));
    EXPECT_TRUE(b.equals(zero)); // NOLINT(bugprone-use-after-move)
}

TEST(FamilySecret, WrongLengthIsAClearErrorWithoutTheBytes) {
    const mimamori::Bytes short_key(31, 0xAB);
    auto r = fc::EpochSecret::from_bytes(short_key, "epoch_key");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::InvalidInput);
    EXPECT_EQ(r.error().field, "epoch_key");
    EXPECT_EQ(r.error().message, "epoch_key must be 32 bytes long, not 31");
    EXPECT_FALSE(fc::FileKey::from_bytes(mimamori::Bytes(33, 1)).ok());
    EXPECT_FALSE(fc::FileKey::from_bytes(mimamori::Bytes{}).ok());
    EXPECT_FALSE(fc::SignPublicKey::from_bytes(mimamori::Bytes(64, 1), "ed25519").ok());
    EXPECT_TRUE(fc::SignPublicKey::from_bytes(mimamori::Bytes(32, 1), "ed25519").ok());
}

TEST(FamilySecret, RandomSecretsDiffer) {
    EXPECT_FALSE(fc::FileKey::random().equals(fc::FileKey::random()));
}

TEST(FamilyMemberKeys, SeedDeterminesBothKeyPairs) {
    const auto a = fc::member_keys_from_seed(fc::MemberSeed::from_bytes(mimamori::Bytes(32, 7)).value());
    const auto b = fc::member_keys_from_seed(fc::MemberSeed::from_bytes(mimamori::Bytes(32, 7)).value());
    const auto c = fc::member_keys_from_seed(fc::MemberSeed::from_bytes(mimamori::Bytes(32, 8)).value());
    EXPECT_EQ(a.public_keys, b.public_keys);
    EXPECT_TRUE(a.box_secret.equals(b.box_secret));
    EXPECT_TRUE(a.sign_secret.equals(b.sign_secret));
    EXPECT_NE(a.public_keys.box, c.public_keys.box);
    EXPECT_NE(a.public_keys.sign, c.public_keys.sign);
    // The two pairs are independent keys, not one key in two roles.
    EXPECT_NE(a.public_keys.box.bytes, a.public_keys.sign.bytes);
}

TEST(FamilyMemberKeys, GeneratedPairsWorkWithLibsodium) {
    const auto keys = fc::generate_member_keys();
    // The X25519 pair: public = base point times the secret.
    std::array<std::uint8_t, 32> pk{};
    ASSERT_EQ(crypto_scalarmult_base(pk.data(), keys.box_secret.data()), 0);
    EXPECT_EQ(pk, keys.public_keys.box.bytes);
    // The Ed25519 pair signs what its public key verifies.
    const auto msg = bytes_of("見ました");
    std::array<std::uint8_t, 64> sig{};
    crypto_sign_detached(sig.data(), nullptr, msg.data(), msg.size(), keys.sign_secret.data());
    EXPECT_EQ(crypto_sign_verify_detached(sig.data(), msg.data(), msg.size(), keys.public_keys.sign.bytes.data()), 0);
    EXPECT_TRUE(fc::check_public_keys(keys.public_keys).ok());
    EXPECT_FALSE(fc::generate_member_keys().seed.equals(keys.seed));
}

TEST(FamilyMemberKeys, PublicKeysJsonRoundTripAndStrictness) {
    const auto keys = nurse().keys.public_keys;
    const Json j = fc::to_json(keys);
    EXPECT_EQ(j["version"], 1);
    EXPECT_EQ(j["x25519"].get<std::string>().size(), 43u); // 32 bytes, unpadded base64url
    auto back = fc::member_public_keys_from_json(j);
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(*back, keys);

    Json extra = j;
    extra["x448"] = "AAAA";
    EXPECT_EQ(fc::member_public_keys_from_json(extra).error().field, "x448");
    Json v2 = j;
    v2["version"] = 2;
    EXPECT_EQ(fc::member_public_keys_from_json(v2).error().field, "version");
    Json short_key = j;
    short_key["ed25519"] = j["ed25519"].get<std::string>().substr(0, 42);
    EXPECT_FALSE(fc::member_public_keys_from_json(short_key).ok());
    Json long_key = j;
    long_key["x25519"] = mimamori::encoding::hex_encode(keys.box.bytes); // 64 characters: not 32 bytes
    auto r = fc::member_public_keys_from_json(long_key);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().field, "x25519");
    EXPECT_FALSE(fc::member_public_keys_from_json(Json::array()).ok());
    EXPECT_FALSE(fc::member_public_keys_from_json(Json{{"version", 1}}).ok());
}

TEST(FamilyMemberKeys, RefusesUnusablePublicKeys) {
    fc::MemberPublicKeys keys = nurse().keys.public_keys;
    keys.box.bytes.fill(0); // a point of small order: every shared secret would be zero
    EXPECT_EQ(fc::check_public_keys(keys).error().field, "x25519");
    EXPECT_EQ(fc::member_public_keys_from_json(fc::to_json(keys)).error().field, "x25519");
    keys = nurse().keys.public_keys;
    keys.sign.bytes.fill(0);
    keys.sign.bytes[0] = 1; // the identity point: small order
    EXPECT_EQ(fc::check_public_keys(keys).error().field, "ed25519");
}

TEST(FamilyMemberKeys, DirectoryFindsAndRefusesSilentKeyChanges) {
    auto d = directory_of({nurse().as_member(), family().as_member()});
    ASSERT_NE(d.find(nurse_id), nullptr);
    EXPECT_EQ(*d.find(family_id), family().keys.public_keys);
    EXPECT_EQ(d.find(daughter_id), nullptr);
    EXPECT_TRUE(d.add(nurse().as_member()).ok()); // the same keys again
    auto changed = d.add(fc::Member{nurse_id, daughter().keys.public_keys});
    ASSERT_FALSE(changed.ok());
    EXPECT_EQ(changed.error().code, ErrorCode::Conflict);
    EXPECT_EQ(*d.find(nurse_id), nurse().keys.public_keys);
    EXPECT_FALSE(d.add(fc::Member{0, nurse().keys.public_keys}).ok());
    EXPECT_EQ(d.size(), 2u);
}

// --- Password and recovery wraps ---------------------------------------------------------

namespace {
const fc::KdfParams fast = fc::KdfParams::for_tests();
}

TEST(FamilyKeyWrap, RoundTripGivesTheSameKeys) {
    const auto me = family();
    auto wrap = fc::wrap_member_keys(me, "correct horse 電池", fast);
    ASSERT_TRUE(wrap.ok()) << wrap.error().message;
    EXPECT_EQ(wrap->purpose, fc::WrapPurpose::Password);
    EXPECT_EQ(wrap->account_id, family_id);
    EXPECT_EQ(wrap->public_keys, me.keys.public_keys);
    EXPECT_EQ(wrap->kdf, fast);
    auto back = fc::unwrap_member_keys(*wrap, "correct horse 電池", family_id);
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(back->account_id, family_id);
    EXPECT_TRUE(back->keys.seed.equals(me.keys.seed));
    EXPECT_TRUE(back->keys.sign_secret.equals(me.keys.sign_secret));
    EXPECT_TRUE(back->keys.box_secret.equals(me.keys.box_secret));
}

TEST(FamilyKeyWrap, FreshSaltAndNonceEveryTime) {
    auto a = fc::wrap_member_keys(family(), "pw", fast);
    auto b = fc::wrap_member_keys(family(), "pw", fast);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_NE(a->salt, b->salt);
    EXPECT_NE(a->nonce, b->nonce);
    EXPECT_NE(a->ciphertext, b->ciphertext);
}

TEST(FamilyKeyWrap, WrongPasswordIsAClearErrorAndNothingElse) {
    auto wrap = fc::wrap_member_keys(family(), "correct horse", fast);
    ASSERT_TRUE(wrap.ok());
    for (const std::string_view wrong : {"correct horsE", "", "correct horse ", "correct"}) {
        auto r = fc::unwrap_member_keys(*wrap, wrong, family_id);
        ASSERT_FALSE(r.ok()) << wrong;
        EXPECT_EQ(r.error().code, ErrorCode::Unauthenticated);
        EXPECT_EQ(r.error().message, "wrong password");
        EXPECT_EQ(r.error().field, "password");
    }
}

TEST(FamilyKeyWrap, EmptyPasswordStillWorksAsAPassword) {
    // Password rules are password_policy.hpp's business; the wrap must not crash on "".
    auto wrap = fc::wrap_member_keys(family(), "", fast);
    ASSERT_TRUE(wrap.ok());
    EXPECT_TRUE(fc::unwrap_member_keys(*wrap, "", family_id).ok());
}

TEST(FamilyKeyWrap, BindsAccountPublicKeysAndParameters) {
    auto wrap = fc::wrap_member_keys(family(), "pw", fast);
    ASSERT_TRUE(wrap.ok());

    // Given to another account: refused before any work.
    EXPECT_EQ(fc::unwrap_member_keys(*wrap, "pw", nurse_id).error().code, ErrorCode::Forbidden);
    // Moved by the server onto another account (record edited to match): the AEAD fails.
    auto moved = *wrap;
    moved.account_id = nurse_id;
    EXPECT_EQ(fc::unwrap_member_keys(moved, "pw", nurse_id).error().message, "wrong password");
    // Paired with someone else's public keys.
    auto swapped = *wrap;
    swapped.public_keys = nurse().keys.public_keys;
    EXPECT_EQ(fc::unwrap_member_keys(swapped, "pw", family_id).error().message, "wrong password");
    // Parameters or salt edited.
    auto ops = *wrap;
    ops.kdf.opslimit += 1;
    EXPECT_EQ(fc::unwrap_member_keys(ops, "pw", family_id).error().message, "wrong password");
    auto salt = *wrap;
    salt.salt[0] ^= 1;
    EXPECT_EQ(fc::unwrap_member_keys(salt, "pw", family_id).error().message, "wrong password");
    auto ct = *wrap;
    ct.ciphertext[47] ^= 0x80;
    EXPECT_EQ(fc::unwrap_member_keys(ct, "pw", family_id).error().message, "wrong password");
    auto nonce = *wrap;
    nonce.nonce[3] ^= 1;
    EXPECT_EQ(fc::unwrap_member_keys(nonce, "pw", family_id).error().message, "wrong password");
    // Presented as a recovery wrap.
    auto purpose = *wrap;
    purpose.purpose = fc::WrapPurpose::Recovery;
    EXPECT_FALSE(fc::recover_member_keys(purpose, fc::new_recovery_key_code(), family_id).ok());
}

TEST(FamilyKeyWrap, RefusesParametersOutOfRange) {
    auto wrap = fc::wrap_member_keys(family(), "pw", fast);
    ASSERT_TRUE(wrap.ok());
    auto huge = *wrap;
    huge.kdf.memlimit = 4ull << 30; // the server must not make the browser allocate 4 GiB
    auto r = fc::unwrap_member_keys(huge, "pw", family_id);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::InvalidInput);
    EXPECT_EQ(r.error().field, "kdf");
    auto slow = *wrap;
    slow.kdf.opslimit = 1000;
    EXPECT_EQ(fc::unwrap_member_keys(slow, "pw", family_id).error().field, "kdf");
    auto zero = *wrap;
    zero.kdf.opslimit = 0;
    EXPECT_EQ(fc::unwrap_member_keys(zero, "pw", family_id).error().field, "kdf");
    EXPECT_FALSE(fc::wrap_member_keys(family(), "pw", fc::KdfParams{1, 1024}).ok()); // below 8 KiB
    EXPECT_FALSE(fc::wrap_member_keys(fc::MemberIdentity{0, family().keys.clone()}, "pw", fast).ok());
}

TEST(FamilyKeyWrap, RewrapOnPasswordChange) {
    auto wrap = fc::wrap_member_keys(family(), "old password", fast);
    ASSERT_TRUE(wrap.ok());
    EXPECT_EQ(fc::rewrap_member_keys(*wrap, "not it", "new password", fast).error().message, "wrong password");
    auto rewrapped = fc::rewrap_member_keys(*wrap, "old password", "new password", fast);
    ASSERT_TRUE(rewrapped.ok());
    EXPECT_NE(rewrapped->salt, wrap->salt);
    EXPECT_FALSE(fc::unwrap_member_keys(*rewrapped, "old password", family_id).ok());
    auto back = fc::unwrap_member_keys(*rewrapped, "new password", family_id);
    ASSERT_TRUE(back.ok());
    EXPECT_TRUE(back->keys.seed.equals(family().keys.seed));
}

TEST(FamilyKeyWrap, ParametersCanBeRaisedLater) {
    EXPECT_TRUE(fc::weaker_than(fast, fc::KdfParams::interactive()));
    EXPECT_FALSE(fc::weaker_than(fc::KdfParams::interactive(), fc::KdfParams::interactive()));
    EXPECT_TRUE(fc::weaker_than(fc::KdfParams{1, 256ull << 20}, fc::KdfParams::interactive())); // fewer passes
    EXPECT_EQ(fc::KdfParams::interactive().opslimit, crypto_pwhash_OPSLIMIT_INTERACTIVE);
    EXPECT_EQ(fc::KdfParams::interactive().memlimit, crypto_pwhash_MEMLIMIT_INTERACTIVE);
    EXPECT_TRUE(fc::check_kdf_params(fc::KdfParams::interactive()).ok());
}

TEST(FamilyKeyWrap, InteractivePresetRoundTrip) {
    // The production preset (64 MiB, 2 passes), once, with its time printed for the record.
    const auto me = nurse();
    const auto start = std::chrono::steady_clock::now();
    auto wrap = fc::wrap_member_keys(me, "訪問看護 2026", fc::KdfParams::interactive());
    const auto wrapped = std::chrono::steady_clock::now();
    ASSERT_TRUE(wrap.ok()) << wrap.error().message;
    auto back = fc::unwrap_member_keys(*wrap, "訪問看護 2026", nurse_id);
    const auto unwrapped = std::chrono::steady_clock::now();
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_TRUE(back->keys.seed.equals(me.keys.seed));
    EXPECT_EQ(fc::unwrap_member_keys(*wrap, "訪問看護 2025", nurse_id).error().message, "wrong password");
    const auto ms = [](auto d) { return std::chrono::duration<double, std::milli>(d).count(); };
    std::printf("[ figures  ] Argon2id interactive (ops %llu, %llu MiB): wrap %.0f ms, unwrap %.0f ms\n",
                static_cast<unsigned long long>(wrap->kdf.opslimit),
                static_cast<unsigned long long>(wrap->kdf.memlimit >> 20), ms(wrapped - start), ms(unwrapped - wrapped));
}

TEST(FamilyKeyWrap, JsonRoundTripAndStrictness) {
    auto wrap = fc::wrap_member_keys(family(), "pw", fast);
    ASSERT_TRUE(wrap.ok());
    const Json j = fc::to_json(*wrap);
    EXPECT_EQ(j["purpose"], "password");
    EXPECT_EQ(j["kdf"]["alg"], "argon2id13");
    EXPECT_EQ(j["kdf"]["opslimit"], 1);
    EXPECT_EQ(j["kdf"]["memlimit"], 8192);
    auto back = fc::wrapped_keys_from_json(mimamori::json::parse(mimamori::json::dump(j)).value());
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(*back, *wrap);
    EXPECT_TRUE(fc::unwrap_member_keys(*back, "pw", family_id).ok());

    const auto refused = [&](auto edit, std::string_view field) {
        Json bad = j;
        edit(bad);
        auto r = fc::wrapped_keys_from_json(bad);
        ASSERT_FALSE(r.ok()) << bad.dump();
        EXPECT_EQ(r.error().field, field) << r.error().message;
    };
    refused([](Json& b) { b["purpose"] = "backup"; }, "purpose");
    refused([](Json& b) { b["kdf"]["alg"] = "argon2i13"; }, "alg");
    refused([](Json& b) { b["kdf"]["memlimit"] = -1; }, "kdf");
    refused([](Json& b) { b["kdf"]["memlimit"] = 1ll << 40; }, "kdf");
    refused([](Json& b) { b["kdf"]["salt"] = "AAAA"; }, "salt");
    refused([](Json& b) { b["kdf"].erase("salt"); }, "salt");
    refused([](Json& b) { b["nonce"] = 5; }, "nonce");
    refused([](Json& b) { b["ciphertext"] = b["ciphertext"].get<std::string>() + "AA"; }, "ciphertext");
    refused([](Json& b) { b["account_id"] = 0; }, "account_id");
    refused([](Json& b) { b["account_id"] = "42"; }, "account_id");
    refused([](Json& b) { b["hint"] = "my dog"; }, "hint");
    refused([](Json& b) { b["version"] = 2; }, "version");
    refused([](Json& b) { b["public_keys"]["x25519"] = "AA"; }, "x25519");
}

TEST(FamilyRecovery, CodesHave119BitsAndNormaliseLikeSignInCodes) {
    const std::string code = fc::new_recovery_key_code();
    ASSERT_EQ(code.size(), 24u + 5u) << code; // six groups of four
    for (std::size_t i = 4; i < code.size(); i += 5) EXPECT_EQ(code[i], '-') << code;
    auto canonical = fc::normalise_recovery_key_code(code);
    ASSERT_TRUE(canonical.ok());
    EXPECT_EQ(canonical->size(), fc::recovery_key_code_length);
    EXPECT_EQ(mimamori::recovery::format(*canonical), code);
    // What a person types: lower case, full-width from an IME, other separators.
    std::string typed;
    for (char c : code) typed += c == '-' ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_EQ(fc::normalise_recovery_key_code(typed).value(), *canonical);
    EXPECT_EQ(fc::normalise_recovery_key_code("２３４５－６７８９－ABCD-EFGH-JKMN-PQRS").value(), "23456789ABCDEFGHJKMNPQRS");
    // A sign-in recovery code (12 symbols) is not a key recovery code.
    EXPECT_EQ(fc::normalise_recovery_key_code("7KQM-W3XD-9HPA").error().field, "recovery_code");
    EXPECT_NE(fc::new_recovery_key_code(), code);
    // The existing 12-symbol codes are unchanged.
    EXPECT_EQ(mimamori::recovery::normalise("7kqm w3xd 9hpa").value(), "7KQMW3XD9HPA");
}

TEST(FamilyRecovery, RecoveryCodeRestoresTheKeys) {
    const auto me = family();
    const std::string code = fc::new_recovery_key_code();
    auto recovery_wrap = fc::wrap_member_keys_for_recovery(me, code, fast);
    ASSERT_TRUE(recovery_wrap.ok());
    EXPECT_EQ(recovery_wrap->purpose, fc::WrapPurpose::Recovery);
    EXPECT_EQ(fc::to_json(*recovery_wrap)["purpose"], "recovery");

    // Typed back in lower case with spaces: the same code.
    std::string typed;
    for (char c : code) typed += c == '-' ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto back = fc::recover_member_keys(*recovery_wrap, typed, family_id);
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_TRUE(back->keys.seed.equals(me.keys.seed));

    // Then a new password wrap for the recovered keys.
    auto password_wrap = fc::wrap_member_keys(*back, "new password", fast);
    ASSERT_TRUE(password_wrap.ok());
    EXPECT_TRUE(fc::unwrap_member_keys(*password_wrap, "new password", family_id).ok());

    // Wrong code; malformed code (no Argon2id run); the recovery wrap used as a password wrap.
    auto wrong = fc::recover_member_keys(*recovery_wrap, fc::new_recovery_key_code(), family_id);
    ASSERT_FALSE(wrong.ok());
    EXPECT_EQ(wrong.error().code, ErrorCode::Unauthenticated);
    EXPECT_EQ(wrong.error().message, "wrong recovery code");
    EXPECT_EQ(wrong.error().field, "recovery_code");
    auto malformed = fc::recover_member_keys(*recovery_wrap, "0000-1111", family_id);
    ASSERT_FALSE(malformed.ok());
    EXPECT_EQ(malformed.error().code, ErrorCode::InvalidInput);
    EXPECT_EQ(fc::unwrap_member_keys(*recovery_wrap, code, family_id).error().field, "purpose");
}
