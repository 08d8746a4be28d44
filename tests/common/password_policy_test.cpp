#include <gtest/gtest.h>

#include <set>

#include "mimamori/common/password_policy.hpp"

namespace pw = mimamori::password;
using mimamori::ErrorCode;
using Rule = pw::Rule;

namespace {

const pw::Context no_2fa{"yamada.taro", false};
const pw::Context with_2fa{"yamada.taro", true};

std::vector<Rule> rules(std::string_view password, const pw::Context& context = no_2fa) {
    return pw::violations(password, context);
}

} // namespace

TEST(PasswordPolicy, WithoutTwoFactor13MixedCharacters) {
    EXPECT_EQ(rules("Kango-2026-ok"), std::vector<Rule>{});               // 13: letters, digits, '-'
    EXPECT_EQ(rules("kango 2026 ok"), std::vector<Rule>{});               // a space is a symbol
    EXPECT_EQ(rules("Kango-2026-o"), std::vector<Rule>{Rule::TooShort});  // 12
    EXPECT_EQ(rules("KangoKango2026"), std::vector<Rule>{Rule::NotMixed}); // no symbol
    EXPECT_EQ(rules("Kango-Kango-ok"), std::vector<Rule>{Rule::NotMixed}); // no digit
    EXPECT_EQ(rules("2026-2026-2026"), std::vector<Rule>{Rule::NotMixed}); // no letter
    EXPECT_EQ(rules("short"), (std::vector<Rule>{Rule::TooShort, Rule::NotMixed}));
}

TEST(PasswordPolicy, WithTwoFactor8AnyCharacters) {
    EXPECT_EQ(rules("abcdefgh", with_2fa), std::vector<Rule>{});
    EXPECT_EQ(rules("abcdefg", with_2fa), std::vector<Rule>{Rule::TooShort});
    EXPECT_EQ(rules("12345678", with_2fa), std::vector<Rule>{});
    EXPECT_EQ(rules("", with_2fa), std::vector<Rule>{Rule::TooShort});
}

TEST(PasswordPolicy, JapaneseCharactersCountOneEachAndAsLetters) {
    EXPECT_EQ(rules("みまもり看護", with_2fa), std::vector<Rule>{Rule::TooShort}); // 6 characters, 18 bytes
    EXPECT_EQ(rules("みまもり看護ステ", with_2fa), std::vector<Rule>{});          // 8
    EXPECT_EQ(rules("みまもり看護ステーション1!"), std::vector<Rule>{});           // kana are letters
    EXPECT_EQ(rules("みまもり看護ステーション12"), std::vector<Rule>{Rule::NotMixed});
    EXPECT_EQ(rules("みまもり看護ステーション1「"), std::vector<Rule>{});          // Japanese punctuation is a symbol
    EXPECT_EQ(rules("ｋａｎｇｏ－２０２６－ｏｋ"), std::vector<Rule>{});            // full-width forms count as ASCII
}

TEST(PasswordPolicy, ClassifiesCharacters) {
    EXPECT_EQ(pw::classify(U'a'), pw::CharClass::Letter);
    EXPECT_EQ(pw::classify(U'Z'), pw::CharClass::Letter);
    EXPECT_EQ(pw::classify(U'7'), pw::CharClass::Digit);
    EXPECT_EQ(pw::classify(U'７'), pw::CharClass::Digit);
    EXPECT_EQ(pw::classify(U'!'), pw::CharClass::Symbol);
    EXPECT_EQ(pw::classify(U' '), pw::CharClass::Symbol);
    EXPECT_EQ(pw::classify(U'　'), pw::CharClass::Symbol);
    EXPECT_EQ(pw::classify(U'※'), pw::CharClass::Symbol);
    EXPECT_EQ(pw::classify(U'・'), pw::CharClass::Symbol);
    EXPECT_EQ(pw::classify(U'あ'), pw::CharClass::Letter);
    EXPECT_EQ(pw::classify(U'漢'), pw::CharClass::Letter);
    EXPECT_EQ(pw::classify(U'ー'), pw::CharClass::Letter); // the prolonged sound mark is part of words
    EXPECT_EQ(pw::classify(U'\t'), pw::CharClass::Control);
    EXPECT_EQ(pw::classify(0x202E), pw::CharClass::Control);
}

TEST(PasswordPolicy, RefusesControlCharacters) {
    EXPECT_EQ(rules("Kango-2026-ok\n"), std::vector<Rule>{Rule::ControlCharacter});
    EXPECT_EQ(rules("Kango\t2026-ok"), std::vector<Rule>{Rule::ControlCharacter});
    EXPECT_EQ(rules(std::string("Kango-2026\0ok", 13)), std::vector<Rule>{Rule::ControlCharacter});
    EXPECT_EQ(rules("Kango-2026-ok\xE2\x80\xAE"), std::vector<Rule>{Rule::ControlCharacter}); // RLO
}

TEST(PasswordPolicy, RefusesMoreThan256Bytes) {
    std::string p = "Kango-2026-";
    while (p.size() < 256) p += 'x';
    EXPECT_EQ(rules(p), std::vector<Rule>{});
    EXPECT_EQ(rules(p + "x"), std::vector<Rule>{Rule::TooLong});
    std::string japanese; // 86 characters of 3 bytes: 258 bytes
    for (int i = 0; i < 43; ++i) japanese += "看護";
    EXPECT_EQ(rules(japanese, with_2fa), std::vector<Rule>{Rule::TooLong});
}

TEST(PasswordPolicy, RefusesInvalidUtf8Alone) {
    EXPECT_EQ(rules("Kango-2026-ok\xff"), std::vector<Rule>{Rule::InvalidUtf8});
    EXPECT_EQ(rules("\xC0\xAF", with_2fa), std::vector<Rule>{Rule::InvalidUtf8});
}

TEST(PasswordPolicy, RefusesOneRepeatedCharacter) {
    EXPECT_EQ(rules("aaaaaaaa", with_2fa), std::vector<Rule>{Rule::RepeatedCharacter});
    EXPECT_EQ(rules("ああああああああ", with_2fa), std::vector<Rule>{Rule::RepeatedCharacter});
    EXPECT_EQ(rules("aaaaaaab", with_2fa), std::vector<Rule>{});
}

TEST(PasswordPolicy, RefusesTheLoginId) {
    EXPECT_EQ(rules("yamada.taro", {"yamada.taro", true}), std::vector<Rule>{Rule::SameAsLogin});
    EXPECT_EQ(rules("Yamada.Taro", {"yamada.taro", true}), std::vector<Rule>{Rule::SameAsLogin});
    EXPECT_EQ(rules("ｙａｍａｄａ.ｔａｒｏ", {"yamada.taro", true}), std::vector<Rule>{Rule::SameAsLogin});
    EXPECT_EQ(rules("yamada.taro1", {"yamada.taro", true}), std::vector<Rule>{});
    EXPECT_EQ(rules("yamada.taro", {"", true}), std::vector<Rule>{});
    const pw::Context login13{"nurse-2026-ok", false};
    EXPECT_EQ(rules("Nurse-2026-OK", login13), std::vector<Rule>{Rule::SameAsLogin});
}

TEST(PasswordPolicy, CheckGivesTheFirstRuleAsAFieldError) {
    auto ok = pw::check("new_password", "Kango-2026-ok", no_2fa);
    EXPECT_TRUE(ok.ok());
    auto bad = pw::check("new_password", "short", no_2fa);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, ErrorCode::InvalidInput);
    EXPECT_EQ(bad.error().field, "new_password");
    EXPECT_EQ(bad.error().message, pw::message(Rule::TooShort, no_2fa));
    EXPECT_NE(bad.error().message.find("13"), std::string::npos);
    auto short_2fa = pw::check("password", "short", with_2fa);
    ASSERT_FALSE(short_2fa.ok());
    EXPECT_NE(short_2fa.error().message.find("8"), std::string::npos);
}

TEST(PasswordPolicy, CodesAreStableAndDistinct) {
    const Rule all[] = {Rule::InvalidUtf8, Rule::TooLong, Rule::ControlCharacter, Rule::TooShort,
                        Rule::NotMixed, Rule::RepeatedCharacter, Rule::SameAsLogin};
    std::set<std::string_view> codes;
    for (const Rule r : all) {
        codes.insert(pw::code(r));
        EXPECT_FALSE(pw::message(r, no_2fa).empty());
    }
    EXPECT_EQ(codes.size(), std::size(all));
    EXPECT_EQ(pw::code(Rule::TooShort), "too_short");
    EXPECT_EQ(pw::code(Rule::NotMixed), "not_mixed");
}
