#include <gtest/gtest.h>

#include "mimamori/common/validation.hpp"

namespace validate = mimamori::validate;

TEST(Validate, NameTrimsAndCountsCharacters) {
    EXPECT_EQ(validate::name("name", "  山田 太郎　").value(), "山田 太郎");
    auto empty = validate::name("name", "　 ");
    ASSERT_FALSE(empty.ok());
    EXPECT_EQ(empty.error().field, "name");
    std::string hundred;
    for (int i = 0; i < 100; ++i) hundred += "山";
    EXPECT_TRUE(validate::name("name", hundred).ok());
    std::string too_long;
    for (int i = 0; i < 101; ++i) too_long += "山";
    EXPECT_FALSE(validate::name("name", too_long).ok());
}

TEST(Validate, NameRejectsControlCharactersAndBadUtf8) {
    EXPECT_FALSE(validate::name("name", "山田\n太郎").ok());
    EXPECT_FALSE(validate::name("name", std::string("a\0b", 3)).ok());
    EXPECT_FALSE(validate::name("name", "\xff").ok());
}

TEST(Validate, KanaIsStoredInKatakana) {
    EXPECT_EQ(validate::kana("kana", "やまだ たろう").value(), "ヤマダ タロウ");
    auto bad = validate::kana("name_kana", "山田");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().field, "name_kana");
    EXPECT_FALSE(validate::kana("kana", "").ok());
}

TEST(Validate, LoginIds) {
    EXPECT_EQ(validate::login_id("login", "Nurse.Sato-01").value(), "nurse.sato-01");
    for (const char* bad : {"ab", "-abc", ".abc", "a b c", "山田さん", "abc@def", ""}) {
        EXPECT_FALSE(validate::login_id("login", bad).ok()) << bad;
    }
    EXPECT_FALSE(validate::login_id("login", std::string(65, 'a')).ok());
    EXPECT_TRUE(validate::login_id("login", std::string(64, 'a')).ok());
}

TEST(Validate, Emails) {
    EXPECT_EQ(validate::email("email", "Sato@Clinic.EXAMPLE.jp").value(), "Sato@clinic.example.jp");
    for (const char* bad : {"", "sato", "sato@", "@clinic.jp", "sa to@clinic.jp", "sato@clinic", "a@@b.jp",
                            "sato@clinic..jp", ".sato@clinic.jp", "sato@cli_nic.jp", "さとう@clinic.jp"}) {
        auto r = validate::email("email", bad);
        ASSERT_FALSE(r.ok()) << bad;
        EXPECT_EQ(r.error().field, "email");
    }
}

TEST(Validate, FreeText) {
    EXPECT_EQ(validate::text("text", "褥瘡あり\n処置済み", 2000, true, false).value(), "褥瘡あり\n処置済み");
    EXPECT_FALSE(validate::text("text", "a\nb", 2000, false, false).ok());
    EXPECT_FALSE(validate::text("text", "", 2000, true, false).ok());
    EXPECT_TRUE(validate::text("text", "", 2000, true, true).ok());
    EXPECT_FALSE(validate::text("text", "abcdef", 5, true, false).ok());
}

TEST(Validate, Phones) {
    EXPECT_EQ(validate::phone("phone", " 0776-12-3456 ").value(), "0776-12-3456");
    EXPECT_FALSE(validate::phone("phone", "12345").ok());
    EXPECT_FALSE(validate::phone("phone", "0776-12-345x").ok());
}
