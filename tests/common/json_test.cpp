#include <gtest/gtest.h>

#include "mimamori/common/json.hpp"

namespace json = mimamori::json;
using mimamori::ErrorCode;

TEST(Json, ParseObjectRejectsMalformedTextWithoutThrowing) {
    for (const char* bad : {"", "{", "{\"a\":}", "nul", "{\"a\":1,}", "\xff\xfe"}) {
        auto r = json::parse_object(bad);
        ASSERT_FALSE(r.ok()) << bad;
        EXPECT_EQ(r.error().code, ErrorCode::InvalidInput);
    }
}

TEST(Json, ParseObjectRejectsNonObjects) {
    for (const char* other : {"[]", "1", "\"x\"", "null", "true"}) {
        auto r = json::parse_object(other);
        ASSERT_FALSE(r.ok()) << other;
        EXPECT_NE(r.error().message.find("object"), std::string::npos);
    }
}

TEST(Json, TypedGettersNameTheField) {
    auto obj = json::parse_object(R"({"name":"山田","age":"eighty","ok":true,"n":null})");
    ASSERT_TRUE(obj.ok());
    EXPECT_EQ(json::get_string(*obj, "name").value(), "山田");
    auto age = json::get_int(*obj, "age");
    ASSERT_FALSE(age.ok());
    EXPECT_EQ(age.error().field, "age");
    auto missing = json::get_string(*obj, "kana");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().field, "kana");
    EXPECT_NE(missing.error().message.find("required"), std::string::npos);
    EXPECT_TRUE(json::get_bool(*obj, "ok").value());
    EXPECT_FALSE(json::get_optional_string(*obj, "n").value().has_value());
    EXPECT_FALSE(json::get_optional_int(*obj, "absent").value().has_value());
    EXPECT_FALSE(json::get_optional_bool(*obj, "name").ok());
}

TEST(Json, UnknownKeysAreNamed) {
    auto obj = json::parse_object(R"({"login":"a","pasword":"x"})");
    auto st = json::reject_unknown_keys(*obj, {"login", "password"});
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().field, "pasword");
    EXPECT_TRUE(json::reject_unknown_keys(*obj, {"login", "pasword"}).ok());
}

TEST(Json, ErrorBodyShape) {
    auto body = json::error_body(mimamori::Error::invalid("name", "name is required"));
    EXPECT_EQ(body["error"]["code"], "invalid_input");
    EXPECT_EQ(body["error"]["message"], "name is required");
    EXPECT_EQ(body["error"]["field"], "name");
    auto plain = json::error_body(mimamori::Error::make(ErrorCode::NotFound, "no such route"));
    EXPECT_FALSE(plain["error"].contains("field"));
    EXPECT_EQ(plain["error"]["code"], "not_found");
}

TEST(Json, DumpReplacesInvalidUtf8) {
    mimamori::Json j = {{"x", std::string("a\xff")}};
    EXPECT_EQ(json::dump(j), "{\"x\":\"a\xEF\xBF\xBD\"}");
}
