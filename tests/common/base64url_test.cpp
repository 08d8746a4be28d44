// Unpadded base64url (RFC 4648 §5) as the family space's JSON carries binary values.
#include <gtest/gtest.h>

#include <array>

#include "mimamori/common/base64url.hpp"

using mimamori::as_bytes;
using mimamori::Bytes;
using mimamori::ErrorCode;
namespace encoding = mimamori::encoding;

TEST(Base64url, Rfc4648VectorsWithoutPadding) {
    // RFC 4648 §10, padding removed.
    EXPECT_EQ(encoding::base64url_encode(as_bytes("")), "");
    EXPECT_EQ(encoding::base64url_encode(as_bytes("f")), "Zg");
    EXPECT_EQ(encoding::base64url_encode(as_bytes("fo")), "Zm8");
    EXPECT_EQ(encoding::base64url_encode(as_bytes("foo")), "Zm9v");
    EXPECT_EQ(encoding::base64url_encode(as_bytes("foob")), "Zm9vYg");
    EXPECT_EQ(encoding::base64url_encode(as_bytes("fooba")), "Zm9vYmE");
    EXPECT_EQ(encoding::base64url_encode(as_bytes("foobar")), "Zm9vYmFy");
    // The URL-safe alphabet: 0xfb 0xff -> "-_8" where standard base64 has "+/8=".
    const std::array<std::uint8_t, 2> high{0xfb, 0xff};
    EXPECT_EQ(encoding::base64url_encode(high), "-_8");
}

TEST(Base64url, RoundTripsEveryLength) {
    for (std::size_t n = 0; n < 70; ++n) {
        Bytes data(n);
        for (std::size_t i = 0; i < n; ++i) data[i] = static_cast<std::uint8_t>(i * 37 + n);
        const auto text = encoding::base64url_encode(data);
        auto back = encoding::base64url_decode(text);
        ASSERT_TRUE(back.ok()) << n;
        EXPECT_EQ(*back, data) << n;
    }
}

TEST(Base64url, RefusesAnythingButTheCanonicalSpelling) {
    for (const std::string_view bad : {"Zg==", "Zm8=", "Zm9v YQ", "Zm9+", "Zm9/", "Z", "Zh", "Zm9vYmF=", "Zm\n9v", "*"}) {
        auto r = encoding::base64url_decode(bad, "nonce");
        ASSERT_FALSE(r.ok()) << bad;
        EXPECT_EQ(r.error().code, ErrorCode::InvalidInput);
        EXPECT_EQ(r.error().field, "nonce");
    }
}

TEST(Base64url, ExactDecodingSaysTheLengths) {
    std::array<std::uint8_t, 3> out{};
    EXPECT_TRUE(encoding::base64url_decode_exact("Zm9v", out).ok());
    EXPECT_EQ(out, (std::array<std::uint8_t, 3>{'f', 'o', 'o'}));
    auto shorter = encoding::base64url_decode_exact("Zm8", out, "key");
    ASSERT_FALSE(shorter.ok());
    EXPECT_EQ(shorter.error().field, "key");
    EXPECT_EQ(shorter.error().message, "key must hold 3 bytes, not 2");
    EXPECT_FALSE(encoding::base64url_decode_exact("", out).ok());
    EXPECT_FALSE(encoding::base64url_decode_exact("Zm9vYg", out).ok());
}
