// SHA-1 / HMAC-SHA-1 against FIPS 180 and RFC 2202, and the libsodium wrappers against FIPS 180 /
// RFC 4231 vectors.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "mimamori/common/crypto.hpp"
#include "mimamori/common/encoding.hpp"
#include "mimamori/common/sha1.hpp"

namespace crypto = mimamori::crypto;
using mimamori::as_bytes;
using mimamori::Bytes;
using mimamori::encoding::hex_encode;

namespace {

std::string sha1_hex(std::string_view message) { return hex_encode(crypto::sha1(as_bytes(message))); }
std::string hmac_sha1_hex(const std::string& key, const std::string& message) {
    return hex_encode(crypto::hmac_sha1(as_bytes(key), as_bytes(message)));
}

} // namespace

TEST(Sha1, Fips180Vectors) {
    EXPECT_EQ(sha1_hex("abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
    EXPECT_EQ(sha1_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
              "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
    EXPECT_EQ(sha1_hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopq"
                       "klmnopqrlmnopqrsmnopqrstnopqrstu"),
              "a49b2446a02c645bf419f995b67091253a04a259");
    EXPECT_EQ(sha1_hex(""), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
    EXPECT_EQ(sha1_hex(std::string(1000000, 'a')), "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
}

TEST(Sha1, PiecewiseUpdatesGiveTheSameDigestAcrossBlockBoundaries) {
    // Lengths around the padding boundary (55/56 bytes) and the block size (63/64/65 bytes).
    for (const std::size_t length : {0u, 1u, 55u, 56u, 57u, 63u, 64u, 65u, 119u, 120u, 128u, 1000u}) {
        std::string message;
        for (std::size_t i = 0; i < length; ++i) message += static_cast<char>('a' + i % 26);
        const auto whole = crypto::sha1(as_bytes(message));
        for (const std::size_t chunk : {1u, 3u, 63u, 64u, 100u}) {
            crypto::Sha1 h;
            for (std::size_t pos = 0; pos < message.size(); pos += chunk)
                h.update(as_bytes(std::string_view(message).substr(pos, chunk)));
            EXPECT_EQ(h.finish(), whole) << "length " << length << " chunk " << chunk;
        }
    }
}

TEST(Sha1, DiffersOnOneBit) {
    EXPECT_NE(crypto::sha1(as_bytes("abc")), crypto::sha1(as_bytes("abd")));
}

TEST(HmacSha1, Rfc2202Vectors) {
    EXPECT_EQ(hmac_sha1_hex(std::string(20, '\x0b'), "Hi There"), "b617318655057264e28bc0b6fb378c8ef146be00");
    EXPECT_EQ(hmac_sha1_hex("Jefe", "what do ya want for nothing?"), "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
    EXPECT_EQ(hmac_sha1_hex(std::string(20, '\xaa'), std::string(50, '\xdd')),
              "125d7342b9ac11cd91a39af48aa17b4f63f175d3");
    std::string key25;
    for (char c = 1; c <= 25; ++c) key25 += c;
    EXPECT_EQ(hmac_sha1_hex(key25, std::string(50, '\xcd')), "4c9007f4026250c6bc8414f9bf50c86c2d7235da");
    EXPECT_EQ(hmac_sha1_hex(std::string(20, '\x0c'), "Test With Truncation"),
              "4c1a03424b55e07fe7f27be1d58bb9324a9a5a04");
    // Keys longer than the 64-byte block are hashed first.
    EXPECT_EQ(hmac_sha1_hex(std::string(80, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First"),
              "aa4ae5e15272d00e95705637ce8a3b55ed402112");
    EXPECT_EQ(hmac_sha1_hex(std::string(80, '\xaa'),
                            "Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data"),
              "e8e99d0f45237d786d6bbaa7965c7808bbff1a91");
}

TEST(HmacSha1, KeyOfExactlyOneBlockIsNotHashed) {
    // A 64-byte key is used as it is; hashing it would give a different MAC.
    const std::string key(64, 'k');
    const auto hashed_key = crypto::sha1(as_bytes(key));
    EXPECT_NE(crypto::hmac_sha1(as_bytes(key), as_bytes("m")), crypto::hmac_sha1(hashed_key, as_bytes("m")));
    // ... while a 65-byte key is replaced by its hash (RFC 2104 §2).
    const std::string long_key(65, 'k');
    EXPECT_EQ(crypto::hmac_sha1(as_bytes(long_key), as_bytes("m")),
              crypto::hmac_sha1(crypto::sha1(as_bytes(long_key)), as_bytes("m")));
}

TEST(Sodium, InitIsIdempotent) {
    EXPECT_TRUE(crypto::init());
    EXPECT_TRUE(crypto::init());
}

TEST(Sodium, Sha256AndSha512Fips180Vectors) {
    EXPECT_EQ(hex_encode(crypto::sha256(as_bytes("abc"))),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(hex_encode(crypto::sha512(as_bytes("abc"))),
              "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
              "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
    crypto::Sha256 h;
    h.update(as_bytes("a"));
    h.update(as_bytes("bc"));
    EXPECT_EQ(h.finish(), crypto::sha256(as_bytes("abc")));
}

TEST(Sodium, HmacSha256Rfc4231Vectors) {
    EXPECT_EQ(hex_encode(crypto::hmac_sha256(as_bytes(std::string(20, '\x0b')), as_bytes("Hi There"))),
              "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    // Test case 6: a 131-byte key, longer than SHA-256's block.
    EXPECT_EQ(hex_encode(crypto::hmac_sha256(as_bytes(std::string(131, '\xaa')),
                                             as_bytes("Test Using Larger Than Block-Size Key - Hash Key First"))),
              "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST(Sodium, RandomBytesDifferAndFillTheBuffer) {
    const Bytes a = crypto::random_bytes(32);
    const Bytes b = crypto::random_bytes(32);
    ASSERT_EQ(a.size(), 32u);
    EXPECT_NE(a, b); // a 2^-256 chance of a false failure
    EXPECT_TRUE(crypto::random_bytes(0).empty());
}

TEST(Sodium, RandomBelowStaysInRangeAndCoversIt) {
    std::set<std::uint32_t> seen;
    for (int i = 0; i < 2000; ++i) {
        const std::uint32_t v = crypto::random_below(7);
        ASSERT_LT(v, 7u);
        seen.insert(v);
    }
    EXPECT_EQ(seen.size(), 7u);
    EXPECT_EQ(crypto::random_below(1), 0u);
}

TEST(Sodium, ConstantTimeEqual) {
    EXPECT_TRUE(crypto::constant_time_equal(as_bytes("123456"), as_bytes("123456")));
    EXPECT_FALSE(crypto::constant_time_equal(as_bytes("123456"), as_bytes("123457")));
    EXPECT_FALSE(crypto::constant_time_equal(as_bytes("123456"), as_bytes("12345")));
    EXPECT_TRUE(crypto::constant_time_equal(as_bytes(""), as_bytes("")));
}

TEST(Sodium, EmptyInputs) {
    EXPECT_EQ(hex_encode(crypto::sha256({})), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(crypto::hmac_sha256({}, {}), crypto::hmac_sha256(as_bytes(""), as_bytes("")));
    crypto::Sha256 h;
    h.update({});
    EXPECT_EQ(h.finish(), crypto::sha256({}));
}
