#include <gtest/gtest.h>

#include "mimamori/common/encoding.hpp"

namespace enc = mimamori::encoding;
using mimamori::as_bytes;
using mimamori::Bytes;
using mimamori::ErrorCode;
using mimamori::to_string;

namespace {

std::string decode32(std::string_view text) {
    auto r = enc::base32_decode(text);
    EXPECT_TRUE(r.ok()) << text << ": " << (r.ok() ? "" : r.error().message);
    return r.ok() ? to_string(*r) : "<error>";
}

} // namespace

TEST(Base32, Rfc4648Section10Vectors) {
    const std::pair<std::string_view, std::string_view> vectors[] = {
        {"", ""},           {"f", "MY======"},         {"fo", "MZXQ===="},         {"foo", "MZXW6==="},
        {"foob", "MZXW6YQ="}, {"fooba", "MZXW6YTB"}, {"foobar", "MZXW6YTBOI======"},
    };
    for (const auto& [plain, padded] : vectors) {
        EXPECT_EQ(enc::base32_encode(as_bytes(plain), /*pad=*/true), padded);
        std::string unpadded(padded.substr(0, padded.find('=')));
        EXPECT_EQ(enc::base32_encode(as_bytes(plain)), unpadded);
        EXPECT_EQ(decode32(padded), plain);
        EXPECT_EQ(decode32(unpadded), plain);
    }
}

TEST(Base32, RoundTripsEveryLengthAndByte) {
    Bytes data;
    for (int i = 0; i < 300; ++i) {
        auto decoded = enc::base32_decode(enc::base32_encode(data));
        ASSERT_TRUE(decoded.ok());
        EXPECT_EQ(*decoded, data);
        data.push_back(static_cast<std::uint8_t>(i * 37 + 11));
    }
}

TEST(Base32, DecodingToleratesLowerCaseSpacesAndHyphens) {
    EXPECT_EQ(decode32("mzxw 6ytb oi"), "foobar");
    EXPECT_EQ(decode32("MZXW-6YTB-OI"), "foobar");
    EXPECT_EQ(decode32("mZxW6yTbOi======"), "foobar");
}

TEST(Base32, RejectsCharactersOutsideTheAlphabet) {
    for (const std::string_view bad : {"MZXW6YT1", "MZXW6YT0", "MZXW6YT8", "MZXW6YT9", "MZXW.YTB", "MZXW6YTB\n",
                                       "MZXW\tYTB", "MZXW6YT\xC3\xA9"}) {
        auto r = enc::base32_decode(bad);
        ASSERT_FALSE(r.ok()) << bad;
        EXPECT_EQ(r.error().code, ErrorCode::InvalidInput);
    }
    auto r = enc::base32_decode("MZXW6YT1");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("character 8 ('1')"), std::string::npos) << r.error().message;
}

TEST(Base32, RejectsImpossibleLengthsAndBadPadding) {
    EXPECT_FALSE(enc::base32_decode("M").ok());          // 1 character: 5 bits, no byte
    EXPECT_FALSE(enc::base32_decode("MZX").ok());        // 3 characters
    EXPECT_FALSE(enc::base32_decode("MZXW6Y").ok());     // 6 characters
    EXPECT_FALSE(enc::base32_decode("MY=").ok());        // padding that does not fill the group
    EXPECT_FALSE(enc::base32_decode("MY=======").ok());  // one '=' too many
    EXPECT_FALSE(enc::base32_decode("MZ=XQ===").ok());   // '=' in the middle
    EXPECT_FALSE(enc::base32_decode("========").ok());   // padding alone
    EXPECT_FALSE(enc::base32_decode("MZXW6YTB========").ok()); // a whole group of padding
}

TEST(Base32, RejectsNonCanonicalTrailingBits) {
    // "MY" is 'f'; "MZ" carries the same byte plus a stray 1 bit in the unused tail.
    EXPECT_EQ(decode32("MY"), "f");
    EXPECT_FALSE(enc::base32_decode("MZ").ok());
}

TEST(Hex, EncodesLowerCaseAndDecodesEitherCase) {
    const Bytes data{0x00, 0x01, 0x7f, 0x80, 0xab, 0xff};
    EXPECT_EQ(enc::hex_encode(data), "00017f80abff");
    EXPECT_EQ(enc::hex_decode("00017F80ABff").value(), data);
    EXPECT_TRUE(enc::hex_decode("").value().empty());
}

TEST(Hex, RejectsOddLengthsAndNonHexCharacters) {
    EXPECT_FALSE(enc::hex_decode("abc").ok());
    auto r = enc::hex_decode("0g");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::InvalidInput);
    EXPECT_NE(r.error().message.find("character 2 ('g')"), std::string::npos) << r.error().message;
    EXPECT_FALSE(enc::hex_decode("0x12").ok());
    EXPECT_FALSE(enc::hex_decode(" 12 ").ok());
}

TEST(PercentEncode, KeepsOnlyUnreservedCharacters) {
    EXPECT_EQ(enc::percent_encode("AZaz09-._~"), "AZaz09-._~");
    EXPECT_EQ(enc::percent_encode("a b:c/d?e&f=g+h%"), "a%20b%3Ac%2Fd%3Fe%26f%3Dg%2Bh%25");
    EXPECT_EQ(enc::percent_encode("みまもり"), "%E3%81%BF%E3%81%BE%E3%82%82%E3%82%8A");
    EXPECT_EQ(enc::percent_encode(""), "");
}
