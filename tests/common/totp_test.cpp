#include <gtest/gtest.h>

#include "mimamori/common/encoding.hpp"
#include "mimamori/common/totp.hpp"

namespace totp = mimamori::totp;
using mimamori::as_bytes;
using mimamori::ErrorCode;

namespace {

// RFC 4226 Appendix D and RFC 6238 Appendix B: the ASCII secret "12345678901234567890".
const std::string rfc_secret = "12345678901234567890";

mimamori::ByteView secret() { return as_bytes(rfc_secret); }

} // namespace

TEST(Hotp, Rfc4226AppendixD) {
    const char* expected[] = {"755224", "287082", "359152", "969429", "338314",
                              "254676", "287922", "162583", "399871", "520489"};
    for (std::uint64_t counter = 0; counter < 10; ++counter)
        EXPECT_EQ(totp::hotp(secret(), counter), expected[counter]) << "counter " << counter;
}

TEST(Totp, Rfc6238AppendixBSha1) {
    // The appendix's codes have 8 digits; its times span 1970 to 2603 (64-bit time steps).
    const std::pair<std::int64_t, const char*> vectors[] = {
        {59, "94287082"},         {1111111109, "07081804"}, {1111111111, "14050471"},
        {1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"},
    };
    for (const auto& [time, code] : vectors) EXPECT_EQ(totp::totp(secret(), time, 8), code) << time;
    // The same moments with 6 digits are the last six of the eight.
    EXPECT_EQ(totp::totp(secret(), 59), "287082");
    EXPECT_EQ(totp::totp(secret(), 1111111109), "081804");
}

TEST(Totp, TimeStepEdges) {
    EXPECT_EQ(totp::time_step(0), 0u);
    EXPECT_EQ(totp::time_step(29), 0u);
    EXPECT_EQ(totp::time_step(30), 1u);
    EXPECT_EQ(totp::time_step(59), 1u);
    EXPECT_EQ(totp::time_step(60), 2u);
    EXPECT_EQ(totp::totp(secret(), 30), totp::totp(secret(), 59));
    EXPECT_NE(totp::totp(secret(), 59), totp::totp(secret(), 60));
}

TEST(TotpVerify, AcceptsTheCurrentAndAdjacentStepsAndReturnsTheStep) {
    const std::int64_t now = 1111111111; // step 37037037
    const std::uint64_t step = totp::time_step(now);
    EXPECT_EQ(totp::verify(secret(), totp::hotp(secret(), step), now).value(), step);
    EXPECT_EQ(totp::verify(secret(), totp::hotp(secret(), step - 1), now).value(), step - 1);
    EXPECT_EQ(totp::verify(secret(), totp::hotp(secret(), step + 1), now).value(), step + 1);
}

TEST(TotpVerify, RefusesCodesOutsideTheWindow) {
    const std::int64_t now = 1111111111;
    const std::uint64_t step = totp::time_step(now);
    for (const std::uint64_t other : {step - 2, step + 2, step - 100}) {
        auto r = totp::verify(secret(), totp::hotp(secret(), other), now);
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code, ErrorCode::Unauthenticated);
        EXPECT_EQ(r.error().field, "totp");
    }
}

TEST(TotpVerify, WindowAtTheStartOfTime) {
    // Step 0 has no step before it; the window must not wrap around to step 2^64-1.
    EXPECT_EQ(totp::verify(secret(), totp::hotp(secret(), 0), 5).value(), 0u);
    EXPECT_EQ(totp::verify(secret(), totp::hotp(secret(), 1), 5).value(), 1u);
    EXPECT_FALSE(totp::verify(secret(), totp::hotp(secret(), UINT64_MAX), 5).ok());
}

TEST(TotpVerify, RefusesReuseOfAStepAlreadyUsed) {
    const std::int64_t now = 1234567890;
    const std::uint64_t step = totp::time_step(now);
    const std::string code = totp::hotp(secret(), step);
    const std::uint64_t used = totp::verify(secret(), code, now).value();
    auto again = totp::verify(secret(), code, now + 5, used);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, ErrorCode::Conflict);
    EXPECT_EQ(again.error().field, "totp");
    // An older code of the window is refused after a newer one was used.
    auto older = totp::verify(secret(), totp::hotp(secret(), step - 1), now, used);
    ASSERT_FALSE(older.ok());
    EXPECT_EQ(older.error().code, ErrorCode::Conflict);
    // The next step's code still works.
    EXPECT_EQ(totp::verify(secret(), totp::hotp(secret(), step + 1), now + 30, used).value(), step + 1);
}

TEST(TotpVerify, AcceptsWhatAPersonTypes) {
    const std::int64_t now = 59;
    EXPECT_TRUE(totp::verify(secret(), "287 082", now).ok());
    EXPECT_TRUE(totp::verify(secret(), "287-082", now).ok());
    EXPECT_TRUE(totp::verify(secret(), "２８７０８２", now).ok());     // full-width digits from an IME
    EXPECT_TRUE(totp::verify(secret(), "２８７　０８２", now).ok());   // and an ideographic space
}

TEST(TotpVerify, RejectsMalformedCodesAsInvalidInput) {
    for (const std::string_view bad : {"", "28708", "2870822", "28708a", "287082\n", "abcdef", "\xff\xfe"}) {
        auto r = totp::verify(secret(), bad, 59);
        ASSERT_FALSE(r.ok()) << bad;
        EXPECT_EQ(r.error().code, ErrorCode::InvalidInput) << bad;
        EXPECT_EQ(r.error().field, "totp");
    }
}

TEST(TotpVerify, WrongSecretFails) {
    const std::string other = "12345678901234567891";
    EXPECT_FALSE(totp::verify(as_bytes(other), totp::totp(secret(), 59), 59).ok());
}

TEST(Totp, GeneratedSecretsAre160BitsAndDiffer) {
    const auto a = totp::generate_secret();
    const auto b = totp::generate_secret();
    EXPECT_EQ(a.size(), 20u);
    EXPECT_NE(a, b);
    EXPECT_EQ(mimamori::encoding::base32_encode(a).size(), 32u); // 160 bits = 32 characters, no padding
}

TEST(OtpauthUri, FormatAndPercentEncoding) {
    const auto uri = totp::otpauth_uri("Mimamori", "yamada.taro", secret());
    EXPECT_EQ(uri, "otpauth://totp/Mimamori:yamada.taro?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                   "&issuer=Mimamori&algorithm=SHA1&digits=6&period=30");
}

TEST(OtpauthUri, JapaneseIssuerAndReservedCharacters) {
    const auto uri = totp::otpauth_uri("みまもり 福井", "a:b@example.jp", secret());
    EXPECT_EQ(uri, "otpauth://totp/%E3%81%BF%E3%81%BE%E3%82%82%E3%82%8A%20%E7%A6%8F%E4%BA%95:a%3Ab%40example.jp"
                   "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                   "&issuer=%E3%81%BF%E3%81%BE%E3%82%82%E3%82%8A%20%E7%A6%8F%E4%BA%95"
                   "&algorithm=SHA1&digits=6&period=30");
}
