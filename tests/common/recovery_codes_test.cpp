#include <gtest/gtest.h>

#include <set>

#include "mimamori/common/recovery_codes.hpp"

namespace recovery = mimamori::recovery;
using mimamori::ErrorCode;

TEST(RecoveryCodes, AlphabetHasNoConfusableCharacters) {
    for (const char c : std::string_view("0O1IL")) EXPECT_EQ(recovery::alphabet.find(c), std::string_view::npos) << c;
    EXPECT_EQ(recovery::alphabet.size(), 31u);
    EXPECT_EQ(std::set<char>(recovery::alphabet.begin(), recovery::alphabet.end()).size(), 31u);
}

TEST(RecoveryCodes, GeneratesDistinctFormattedCodes) {
    const auto codes = recovery::generate();
    ASSERT_EQ(codes.size(), recovery::default_count);
    std::set<std::string> distinct(codes.begin(), codes.end());
    EXPECT_EQ(distinct.size(), codes.size());
    for (const auto& code : codes) {
        ASSERT_EQ(code.size(), 14u) << code; // 12 symbols and 2 hyphens
        EXPECT_EQ(code[4], '-');
        EXPECT_EQ(code[9], '-');
        // Each generated code survives its own normalisation and formats back to itself.
        auto canonical = recovery::normalise(code);
        ASSERT_TRUE(canonical.ok()) << code;
        EXPECT_EQ(recovery::format(*canonical), code);
    }
    EXPECT_EQ(recovery::generate(0).size(), 0u);
    EXPECT_EQ(recovery::generate(25).size(), 25u);
}

TEST(RecoveryCodes, UsesTheWholeAlphabet) {
    std::set<char> seen;
    for (const auto& code : recovery::generate(100))
        for (const char c : code)
            if (c != '-') seen.insert(c);
    EXPECT_EQ(seen.size(), recovery::alphabet.size()); // 1200 draws from 31 symbols
}

TEST(RecoveryCodes, NormalisesWhatAPersonTypes) {
    const std::string canonical = "7KQMW3XD9HPA";
    for (const std::string_view typed : {
             "7KQM-W3XD-9HPA", "7kqm-w3xd-9hpa", "7KQM W3XD 9HPA", " 7KQMW3XD9HPA ", "7KQM\tW3XD9HPA",
             "７ＫＱＭ－Ｗ３ＸＤ－９ＨＰＡ",   // full-width from an IME
             "７ｋｑｍ　ｗ３ｘｄ　９ｈｐａ",   // full-width lower case, ideographic spaces
             "7KQMーW3XDー9HPA",             // katakana prolonged sound mark typed for '-'
             "7KQM‐W3XD−9HPA",               // U+2010 hyphen, U+2212 minus
             "7KQMｰW3XD―9HPA",               // half-width prolonged mark, U+2015 bar
         }) {
        auto r = recovery::normalise(typed);
        ASSERT_TRUE(r.ok()) << typed << ": " << r.error().message;
        EXPECT_EQ(*r, canonical) << typed;
    }
}

TEST(RecoveryCodes, RejectsConfusableAndForeignCharacters) {
    for (const std::string_view typed : {"7KQM-W3XD-9HP0", "7KQM-W3XD-9HPO", "7KQM-W3XD-9HP1", "7KQM-W3XD-9HPI",
                                         "7KQM-W3XD-9HPl", "7KQM_W3XD_9HPA", "7KQM-W3XD-9HPあ", "7KQM.W3XD.9HPA"}) {
        auto r = recovery::normalise(typed);
        ASSERT_FALSE(r.ok()) << typed;
        EXPECT_EQ(r.error().code, ErrorCode::InvalidInput);
        EXPECT_EQ(r.error().field, "recovery_code");
    }
}

TEST(RecoveryCodes, RejectsWrongLengthsAndBadUtf8) {
    EXPECT_FALSE(recovery::normalise("").ok());
    EXPECT_FALSE(recovery::normalise("7KQM-W3XD-9HP").ok());
    EXPECT_FALSE(recovery::normalise("7KQM-W3XD-9HPAA").ok());
    EXPECT_FALSE(recovery::normalise("- - -").ok());
    EXPECT_FALSE(recovery::normalise("7KQM-W3XD-9HP\xff").ok());
    auto r = recovery::normalise("7KQM-W3XD");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("this has 8"), std::string::npos) << r.error().message;
}

TEST(RecoveryCodes, FormatGroupsByFour) {
    EXPECT_EQ(recovery::format("7KQMW3XD9HPA"), "7KQM-W3XD-9HPA");
    EXPECT_EQ(recovery::format("ABCD"), "ABCD");
    EXPECT_EQ(recovery::format("ABCDE"), "ABCD-E");
    EXPECT_EQ(recovery::format(""), "");
}
