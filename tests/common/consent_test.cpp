// The consent texts and the drawn signature of an e-consent (issue 4): the app and the server
// hash the same bytes, a published text never changes, and a signature that is not one is
// refused with the field to fix.
#include <gtest/gtest.h>

#include <set>

#include "mimamori/common/consent.hpp"
#include "mimamori/common/text.hpp"

using namespace mimamori;

TEST(ConsentText, VersionsAreUniqueAndTheCurrentIsTheNewest) {
    std::set<std::string_view> versions;
    for (const auto& t : consent::texts()) {
        EXPECT_TRUE(versions.insert(t.version).second) << t.version;
        EXPECT_TRUE(text::is_valid_utf8(t.text));
        EXPECT_EQ(consent::text_of(t.version), t.text);
    }
    EXPECT_EQ(consent::current_text().version, consent::texts().back().version);
    EXPECT_FALSE(consent::text_of("1999-01").has_value());
}

// A published text is never edited: its hash is pinned here. Changing the text means adding a
// version (and pinning its hash), so that stored records keep matching what was signed.
TEST(ConsentText, PublishedTextsKeepTheirHash) {
    auto text = consent::text_of("2026-04");
    ASSERT_TRUE(text.has_value());
    EXPECT_EQ(consent::sha256_hex(*text), "247deb638eb88ef2bc231177fc9825b3bbdbbfd36b1bcfbd830857d3527585e3");
    EXPECT_NE(text->find("同意書"), std::string_view::npos);
    EXPECT_NE(text->find("撤回"), std::string_view::npos);
}

TEST(ConsentText, HashIsLowerCaseHexOfTheBytes) {
    // FIPS 180-2 example: SHA-256("abc").
    EXPECT_EQ(consent::sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

namespace {
Json signature(Json strokes) { return {{"strokes", std::move(strokes)}, {"width", 600}, {"height", 200}}; }
} // namespace

TEST(Signature, ReadsStrokesAndWritesThemBack) {
    Json drawn = signature({{{10, 20}, {30.5, 40}, {50, 60}}, {{100, 100}}});
    auto s = consent::read_signature(drawn);
    ASSERT_TRUE(s.ok()) << s.error().message;
    ASSERT_EQ(s->strokes.size(), 2u);
    EXPECT_EQ(s->strokes[0].size(), 3u);
    EXPECT_DOUBLE_EQ(s->strokes[0][1].x, 30.5);
    EXPECT_EQ(consent::to_json(*s), drawn);
}

TEST(Signature, SvgDrawsEveryStrokeOnTheCanvas) {
    auto s = consent::read_signature(signature({{{10, 20}, {30.5, 40}}, {{100, 100}}}));
    ASSERT_TRUE(s.ok());
    const std::string svg = consent::to_svg(*s);
    EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"600\" height=\"200\"", 0), 0u) << svg;
    EXPECT_NE(svg.find("d=\"M10 20 L30.5 40 M100 100 l0 0\""), std::string::npos) << svg;
    EXPECT_NE(svg.find("stroke-linecap=\"round\""), std::string::npos);
}

TEST(Signature, EmptyOrMalformedIsRefusedNamingTheField) {
    struct Case {
        Json value;
        std::string field;
    };
    const Case cases[] = {
        {nullptr, "signature"},
        {Json::object(), "signature.width"},
        {signature(Json::array()), "signature.strokes"},                 // nothing drawn
        {signature({Json::array(), Json::array()}), "signature.strokes"}, // empty strokes
        {signature({{{5, 5}}}), "signature.strokes"},                     // a single tap is no signature
        {signature({{{5, 5}, {"a", 1}}}), "signature.strokes"},
        {signature({{{5, 5}, {5}}}), "signature.strokes"},
        {signature({{{5, 5}, {9000, 5}}}), "signature.strokes"},          // far outside the canvas
        {{{"strokes", {{{1, 1}, {2, 2}}}}, {"width", 0}, {"height", 10}}, "signature.width"},
        {{{"strokes", {{{1, 1}, {2, 2}}}}, {"width", 10}, {"height", 20000}}, "signature.height"},
        {{{"strokes", {{{1, 1}, {2, 2}}}}, {"width", 10}, {"height", 10}, {"colour", "red"}}, "signature.colour"},
    };
    for (const auto& c : cases) {
        auto s = consent::read_signature(c.value);
        ASSERT_FALSE(s.ok()) << c.value.dump();
        EXPECT_EQ(s.error().code, ErrorCode::InvalidInput);
        EXPECT_EQ(s.error().field, c.field) << c.value.dump();
        EXPECT_EQ(s.error().message.rfind(c.field, 0), 0u) << s.error().message;
    }
}

TEST(Signature, LimitsThePoints) {
    Json stroke = Json::array();
    for (std::size_t i = 0; i <= consent::max_points; ++i) stroke.push_back({1, 1});
    auto s = consent::read_signature(signature(Json::array({stroke})));
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.error().message.find("50000"), std::string::npos);
}
