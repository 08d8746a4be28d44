#include <gtest/gtest.h>

#include "mimamori/common/reed_solomon.hpp"

namespace rs = mimamori::reed_solomon;
using mimamori::Bytes;

namespace {

// The powers of α of a generator's coefficients (the leading 1 is α^0).
std::vector<unsigned> exponents(const Bytes& poly) {
    std::vector<unsigned> out;
    for (const std::uint8_t c : poly) out.push_back(rs::log(c));
    return out;
}

// A polynomial (highest power first) evaluated at x.
std::uint8_t evaluate(const Bytes& poly, std::uint8_t x) {
    std::uint8_t y = 0;
    for (const std::uint8_t c : poly) y = static_cast<std::uint8_t>(rs::multiply(y, x) ^ c);
    return y;
}

} // namespace

TEST(ReedSolomon, FieldArithmetic) {
    EXPECT_EQ(rs::exp(0), 1);
    EXPECT_EQ(rs::exp(1), 2);
    EXPECT_EQ(rs::exp(7), 128);
    EXPECT_EQ(rs::exp(8), 0x1D); // x^8 = x^4 + x^3 + x^2 + 1 under 0x11D
    EXPECT_EQ(rs::exp(255), 1);
    EXPECT_EQ(rs::exp(256), 2);
    for (unsigned v = 1; v < 256; ++v) EXPECT_EQ(rs::exp(rs::log(static_cast<std::uint8_t>(v))), v);
    EXPECT_EQ(rs::multiply(0, 77), 0);
    EXPECT_EQ(rs::multiply(1, 77), 77);
    EXPECT_EQ(rs::multiply(2, 0x80), 0x1D);
    for (unsigned a = 1; a < 256; ++a) // every non-zero element has an inverse
        EXPECT_EQ(rs::multiply(static_cast<std::uint8_t>(a), rs::exp(255 - rs::log(static_cast<std::uint8_t>(a)))), 1);
}

TEST(ReedSolomon, GeneratorPolynomialsOfAnnexA) {
    // ISO/IEC 18004 Annex A: g(x) for 7 and 10 error-correction codewords, as powers of α.
    EXPECT_EQ(exponents(rs::generator(7)), (std::vector<unsigned>{0, 87, 229, 146, 149, 238, 102, 21}));
    EXPECT_EQ(exponents(rs::generator(10)),
              (std::vector<unsigned>{0, 251, 67, 46, 61, 118, 70, 64, 94, 32, 45}));
    EXPECT_EQ(rs::generator(1), (Bytes{1, 1})); // x - α^0
}

TEST(ReedSolomon, GeneratorHasTheRootsItShould) {
    for (const std::size_t degree : {7u, 13u, 30u, 68u}) {
        const Bytes g = rs::generator(degree);
        ASSERT_EQ(g.size(), degree + 1);
        for (unsigned i = 0; i < degree; ++i) EXPECT_EQ(evaluate(g, rs::exp(i)), 0) << degree << " root " << i;
        EXPECT_NE(evaluate(g, rs::exp(static_cast<unsigned>(degree))), 0);
    }
}

TEST(ReedSolomon, ErrorCorrectionOfAKnownVersion1MSymbol) {
    // The data codewords of "HELLO WORLD" in a 1-M symbol and their 10 error-correction codewords.
    const Bytes data{32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17};
    EXPECT_EQ(rs::remainder(data, 10), (Bytes{196, 35, 39, 119, 235, 215, 231, 226, 93, 23}));
}

TEST(ReedSolomon, CodewordsAreMultiplesOfTheGenerator) {
    // data·x^n + remainder is divisible by g(x): it vanishes at every root α^0..α^(n-1).
    Bytes data;
    for (int i = 0; i < 120; ++i) data.push_back(static_cast<std::uint8_t>(i * 53 + 7));
    for (const std::size_t degree : {7u, 22u, 30u}) {
        Bytes codeword = data;
        const Bytes ec = rs::remainder(data, degree);
        ASSERT_EQ(ec.size(), degree);
        codeword.insert(codeword.end(), ec.begin(), ec.end());
        for (unsigned i = 0; i < degree; ++i) EXPECT_EQ(evaluate(codeword, rs::exp(i)), 0);
        codeword[5] ^= 1; // one corrupted codeword is detected
        bool all_zero = true;
        for (unsigned i = 0; i < degree; ++i) all_zero = all_zero && evaluate(codeword, rs::exp(i)) == 0;
        EXPECT_FALSE(all_zero);
    }
}
