// Standard, padded base64 (RFC 4648 §4), as HTTP headers carry it (tus Upload-Metadata/-Checksum).
#include <gtest/gtest.h>

#include <array>

#include "mimamori/common/base64url.hpp"

using mimamori::as_bytes;
using mimamori::Bytes;
using mimamori::ErrorCode;
namespace encoding = mimamori::encoding;

TEST(Base64, Rfc4648Vectors) {
    EXPECT_EQ(encoding::base64_encode(as_bytes("")), "");
    EXPECT_EQ(encoding::base64_encode(as_bytes("f")), "Zg==");
    EXPECT_EQ(encoding::base64_encode(as_bytes("fo")), "Zm8=");
    EXPECT_EQ(encoding::base64_encode(as_bytes("foo")), "Zm9v");
    EXPECT_EQ(encoding::base64_encode(as_bytes("foob")), "Zm9vYg==");
    EXPECT_EQ(encoding::base64_encode(as_bytes("fooba")), "Zm9vYmE=");
    EXPECT_EQ(encoding::base64_encode(as_bytes("foobar")), "Zm9vYmFy");
    const std::array<std::uint8_t, 2> high{0xfb, 0xff};
    EXPECT_EQ(encoding::base64_encode(high), "+/8=");
    EXPECT_EQ(encoding::base64_encode(as_bytes("褥瘡.jpg")), "6KSl55ihLmpwZw==");
}

TEST(Base64, RoundTripsEveryLength) {
    for (std::size_t n = 0; n < 70; ++n) {
        Bytes data(n);
        for (std::size_t i = 0; i < n; ++i) data[i] = static_cast<std::uint8_t>(i * 53 + n);
        auto back = encoding::base64_decode(encoding::base64_encode(data));
        ASSERT_TRUE(back.ok()) << n;
        EXPECT_EQ(*back, data) << n;
    }
}

TEST(Base64, RefusesAnythingButTheCanonicalPaddedSpelling) {
    for (const std::string_view bad : {"Zg", "Zm8", "Zg=", "Zg===", "Zm9v=", "-_8=", "Zh==", "Zm9v YQ==", "Zm\n9v",
                                       "=", "Zm9vYmE==", "*"}) {
        auto r = encoding::base64_decode(bad, "value");
        ASSERT_FALSE(r.ok()) << bad;
        EXPECT_EQ(r.error().code, ErrorCode::InvalidInput);
        EXPECT_EQ(r.error().field, "value");
    }
    EXPECT_TRUE(encoding::base64_decode("+/8=").ok());
    EXPECT_TRUE(encoding::base64_decode("").ok());
}
