// The browser app's texts against the font it loads: every character of every UI text (i18n/ in
// both languages, the files and family layers' own tables, the vocabulary's labels) and of the
// demo data the app shows (assets/demo/*.json) is in the subset font. ImGui draws '?' for a code
// point outside the font's ranges: MIMAMORI_DEPS_DIR/font/glyph_ranges.inc, made with the font by
// tools/font/subset.py (run by tools/setup), which takes the characters of all of these.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "mimamori/common/text.hpp"

#include "source_files.hpp"

#include "family/family_text.hpp"
#include "files/files_text.hpp"
#include "i18n/i18n.hpp"
#include "vocabulary_text.hpp"

namespace mimamori::test {
namespace {

namespace fs = std::filesystem;

// The code points of the font as glyph_ranges.inc lists them: "0xFIRST, 0xLAST," pairs, ending
// in 0. Empty when the file is missing or not of that form (`problem` says why).
struct FontRanges {
    std::vector<std::pair<char32_t, char32_t>> ranges;
    std::string problem;

    bool has(char32_t cp) const {
        for (const auto& [first, last] : ranges)
            if (cp >= first && cp <= last) return true;
        return false;
    }
};

FontRanges parse_glyph_ranges(const std::string& text) {
    FontRanges font;
    std::vector<unsigned long> numbers;
    for (const std::string& item : list_items(text)) {
        char* end = nullptr;
        const unsigned long n = std::strtoul(item.c_str(), &end, 0);
        if (end == item.c_str() || item.find_first_not_of(" \t\r", static_cast<std::size_t>(end - item.c_str())) != std::string::npos) {
            font.problem = "not a number: \"" + item + "\"";
            return font;
        }
        numbers.push_back(n);
    }
    if (numbers.empty() || numbers.back() != 0 || numbers.size() % 2 != 1) {
        font.problem = "not a zero-ended list of ranges";
        return font;
    }
    for (std::size_t i = 0; i + 1 < numbers.size(); i += 2) {
        if (numbers[i] == 0 || numbers[i] > numbers[i + 1] || numbers[i + 1] > 0xFFFF) {
            font.problem = "a bad range at pair " + std::to_string(i / 2);
            return font;
        }
        font.ranges.emplace_back(static_cast<char32_t>(numbers[i]), static_cast<char32_t>(numbers[i + 1]));
    }
    return font;
}

const FontRanges& app_font() {
    static const FontRanges font = [] {
        if (!fs::exists(MIMAMORI_GLYPH_RANGES)) {
            FontRanges missing;
            missing.problem = std::string(MIMAMORI_GLYPH_RANGES) + " is missing: run tools/setup";
            return missing;
        }
        return parse_glyph_ranges(read_file(MIMAMORI_GLYPH_RANGES));
    }();
    return font;
}

std::string hex(char32_t cp) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
    return buf;
}

// The characters of `text` that `font` lacks, as "字 (U+5B57)" (control characters are layout).
std::vector<std::string> missing_characters(const FontRanges& font, std::string_view text) {
    std::vector<std::string> missing;
    if (!text::is_valid_utf8(text)) return {"(not UTF-8)"};
    for (std::size_t pos = 0; pos < text.size();) {
        const std::size_t start = pos;
        const char32_t cp = text::next_code_point(text, pos);
        if (cp >= 0x20 && !font.has(cp))
            missing.push_back(std::string(text.substr(start, pos - start)) + " (" + hex(cp) + ")");
    }
    return missing;
}

// Collects, for each text checked, what the font lacks ("where: 字 (U+5B57)").
class GlyphCheck {
public:
    explicit GlyphCheck(const FontRanges& font) : m_font(font) {}
    void check(const std::string& where, std::string_view text) {
        ++m_texts;
        for (const std::string& c : missing_characters(m_font, text)) m_missing.push_back(where + ": " + c);
    }
    int texts() const { return m_texts; }
    std::string report() const {
        std::string out;
        for (const std::string& m : m_missing) out += "  " + m + "\n";
        return out;
    }
    bool ok() const { return m_missing.empty(); }

private:
    const FontRanges& m_font;
    std::vector<std::string> m_missing;
    int m_texts = 0;
};

TEST(GlyphRanges, AreReadAsTheAppGivesThemToImGui) {
    const FontRanges font = parse_glyph_ranges("// a comment, 0x10\n0x0020, 0x007E,\n0x3042, 0x3042,\n0,\n");
    ASSERT_EQ(font.problem, "");
    EXPECT_TRUE(font.has(U'A'));
    EXPECT_TRUE(font.has(U'あ'));
    EXPECT_FALSE(font.has(U'い'));
    EXPECT_FALSE(font.has(0x1F));
    EXPECT_EQ(missing_characters(font, "Aあい\n"), std::vector<std::string>{"い (U+3044)"});
    EXPECT_EQ(missing_characters(font, "\xff"), std::vector<std::string>{"(not UTF-8)"});
}

TEST(GlyphRanges, RefuseWhatIsNotAListOfRanges) {
    EXPECT_NE(parse_glyph_ranges("").problem, "");
    EXPECT_NE(parse_glyph_ranges("0x20, 0x7E,\n").problem, "");           // not zero-ended
    EXPECT_NE(parse_glyph_ranges("0x20, 0x7E, 0x30,\n0,\n").problem, ""); // half a range
    EXPECT_NE(parse_glyph_ranges("0x7E, 0x20,\n0,\n").problem, "");       // backwards
    EXPECT_NE(parse_glyph_ranges("0x20, 0x20BB7,\n0,\n").problem, "");    // past ImWchar
    EXPECT_NE(parse_glyph_ranges("0x20, zz,\n0,\n").problem, "");
}

TEST(AppFont, HasJapaneseTextsUsualCharactersAndNotRareOnes) {
    const FontRanges& font = app_font();
    ASSERT_EQ(font.problem, "");
    EXPECT_TRUE(missing_characters(font, "みまもり 在宅医療・介護 ABC 123 髙﨑").empty());
    // Outside the 16-bit ImWchar the app's ImGui uses, and private use: never drawn.
    EXPECT_EQ(missing_characters(font, "𠮷野").size(), 1u);
    EXPECT_EQ(missing_characters(font, "\xee\x80\x80").size(), 1u); // U+E000
}

TEST(AppFont, HasEveryCharacterOfEveryUiText) {
    const FontRanges& font = app_font();
    ASSERT_EQ(font.problem, "");
    GlyphCheck check(font);
    for (const Lang lang : {Lang::Ja, Lang::En}) {
        const std::string language = lang == Lang::Ja ? "ja" : "en";
        for (const web::i18n::Entry& e : web::i18n::table(lang))
            check.check("i18n " + language + " message #" + std::to_string(static_cast<int>(e.msg)), e.text);
    }
    const auto layer = [&check](const std::string& name, const auto& table) {
        for (const auto& e : table) {
            check.check(name + " #" + std::to_string(static_cast<int>(e.key)) + " ja", e.ja);
            check.check(name + " #" + std::to_string(static_cast<int>(e.key)) + " en", e.en);
        }
    };
    layer("files", web::files::texts());
    layer("family", web::family::texts());
    for (const auto& labels : {web::profession_labels(), web::facility_type_labels(), web::plan_labels(),
                               web::team_role_labels(), web::patient_status_labels(), web::sex_labels()}) {
        for (const Label& l : labels) {
            check.check("label " + std::string(l.code) + " ja", l.ja);
            check.check("label " + std::string(l.code) + " en", l.en);
        }
    }
    EXPECT_GT(check.texts(), 1000);
    EXPECT_TRUE(check.ok()) << "characters the app's font lacks (add them to the font's source, "
                               "tools/font/subset.py, or reword):\n"
                            << check.report();
}

void check_json_strings(GlyphCheck& check, const std::string& where, const nlohmann::json& j) {
    if (j.is_string()) {
        check.check(where, j.get<std::string>());
    } else if (j.is_object()) {
        for (const auto& [key, value] : j.items()) check_json_strings(check, where + "." + key, value);
    } else if (j.is_array()) {
        for (std::size_t i = 0; i < j.size(); ++i) check_json_strings(check, where + "[" + std::to_string(i) + "]", j[i]);
    }
}

TEST(AppFont, HasEveryCharacterOfTheDemoData) {
    const FontRanges& font = app_font();
    ASSERT_EQ(font.problem, "");
    GlyphCheck check(font);
    int files = 0;
    for (const auto& entry : fs::directory_iterator(MIMAMORI_DEMO_DIR)) {
        if (entry.path().extension() != ".json") continue;
        ++files;
        const auto j = nlohmann::json::parse(read_file(entry.path()), nullptr, false);
        ASSERT_FALSE(j.is_discarded()) << entry.path();
        check_json_strings(check, entry.path().filename().string(), j);
    }
    EXPECT_GE(files, 4);
    EXPECT_GT(check.texts(), 100);
    EXPECT_TRUE(check.ok()) << "characters of the demo data the app's font lacks:\n" << check.report();
}

} // namespace
} // namespace mimamori::test
