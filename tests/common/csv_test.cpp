#include <gtest/gtest.h>

#include "mimamori/common/csv.hpp"

namespace csv = mimamori::csv;
using mimamori::ErrorCode;

namespace {

const std::string bom = "\xEF\xBB\xBF";

std::vector<csv::Row> parse_ok(std::string_view text, const csv::ParseOptions& options = {}) {
    auto r = csv::parse(text, options);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? *r : std::vector<csv::Row>{};
}

std::string parse_error(std::string_view text, const csv::ParseOptions& options = {}) {
    auto r = csv::parse(text, options);
    EXPECT_FALSE(r.ok()) << text;
    if (r.ok()) return {};
    EXPECT_EQ(r.error().code, ErrorCode::InvalidInput);
    return r.error().message;
}

} // namespace

TEST(CsvWriter, ExcelConventionsByteForByte) {
    csv::Writer w;
    w.row({"氏名", "フリガナ", "職種"});
    w.row({"山田 太郎", "ヤマダ タロウ", "看護師"});
    EXPECT_EQ(w.str(), bom + "氏名,フリガナ,職種\r\n山田 太郎,ヤマダ タロウ,看護師\r\n");
}

TEST(CsvWriter, QuotesOnlyWhenNeeded) {
    EXPECT_EQ(csv::encode_field("plain"), "plain");
    EXPECT_EQ(csv::encode_field(""), "");
    EXPECT_EQ(csv::encode_field("a,b"), "\"a,b\"");
    EXPECT_EQ(csv::encode_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    EXPECT_EQ(csv::encode_field("line1\r\nline2"), "\"line1\r\nline2\"");
    EXPECT_EQ(csv::encode_field("line1\nline2"), "\"line1\nline2\"");
    EXPECT_EQ(csv::encode_field("a\rb"), "\"a\rb\"");
    EXPECT_EQ(csv::encode_field(" leading"), "\" leading\"");
    EXPECT_EQ(csv::encode_field("trailing "), "\"trailing \"");
    EXPECT_EQ(csv::encode_field("in side"), "in side");
    EXPECT_EQ(csv::encode_field("全角　スペース"), "全角　スペース");
}

TEST(CsvWriter, GuardsFieldsASpreadsheetWouldEvaluate) {
    EXPECT_EQ(csv::encode_field("=1+2"), "'=1+2");
    EXPECT_EQ(csv::encode_field("+81 776"), "'+81 776");
    EXPECT_EQ(csv::encode_field("-5"), "'-5");
    EXPECT_EQ(csv::encode_field("@SUM(A1)"), "'@SUM(A1)");
    EXPECT_EQ(csv::encode_field("\tx"), "'\tx");        // the tab is no longer leading: no quotes
    EXPECT_EQ(csv::encode_field("\rx"), "\"'\rx\"");
    EXPECT_EQ(csv::encode_field("=HYPERLINK(\"http://x\",\"y\")"), "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    EXPECT_EQ(csv::encode_field("=A1,B1"), "\"'=A1,B1\"");
    EXPECT_EQ(csv::encode_field("'=x"), "''=x");  // keeps the guard reversible
    EXPECT_EQ(csv::encode_field("'quoted"), "'quoted");
    EXPECT_EQ(csv::encode_field("a=b"), "a=b");   // only the first character matters
    EXPECT_EQ(csv::encode_field("=1", /*guard_formulas=*/false), "=1");
}

TEST(CsvWriter, InvalidUtf8BecomesReplacementCharacters) {
    EXPECT_EQ(csv::encode_field("a\xff" "b"), "a\xEF\xBF\xBD" "b");
}

TEST(CsvWriter, OptionsAndVectorRows) {
    csv::Writer w({.byte_order_mark = false, .guard_formulas = false});
    w.row(std::vector<std::string>{"=1", "x"});
    w.row(std::vector<std::string>{});
    EXPECT_EQ(w.take(), "=1,x\r\n\r\n");
}

TEST(CsvParser, SimpleRecordsWithAndWithoutFinalLineEnd) {
    EXPECT_EQ(parse_ok("a,b\r\nc,d\r\n"), (std::vector<csv::Row>{{"a", "b"}, {"c", "d"}}));
    EXPECT_EQ(parse_ok("a,b\r\nc,d"), (std::vector<csv::Row>{{"a", "b"}, {"c", "d"}}));
    EXPECT_TRUE(parse_ok("").empty());
    EXPECT_TRUE(parse_ok(bom).empty());
    EXPECT_EQ(parse_ok("a,,\r\n,,"), (std::vector<csv::Row>{{"a", "", ""}, {"", "", ""}}));
    EXPECT_EQ(parse_ok(" a , b "), (std::vector<csv::Row>{{" a ", " b "}})); // spaces are data
}

TEST(CsvParser, QuotedFieldsWithCommasQuotesAndLineBreaks) {
    const auto rows = parse_ok("\"a,b\",\"say \"\"hi\"\"\",\"two\r\nlines\",\"\"\r\nx,y,z,w\r\n");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0], (csv::Row{"a,b", "say \"hi\"", "two\r\nlines", ""}));
    EXPECT_EQ(rows[1], (csv::Row{"x", "y", "z", "w"}));
}

TEST(CsvParser, SkipsTheByteOrderMark) {
    EXPECT_EQ(parse_ok(bom + "名前\r\n山田\r\n"), (std::vector<csv::Row>{{"名前"}, {"山田"}}));
}

TEST(CsvParser, RoundTripsWhatTheWriterWrites) {
    const std::vector<csv::Row> rows = {
        {"id", "name", "memo"},
        {"1", "山田 太郎", "line1\r\nline2, with \"quotes\""},
        {"2", " spaced ", "=1+2"},
        {"3", "-5", "'=already"},
        {"4", "", "@home"},
    };
    csv::Writer w;
    for (const auto& row : rows) w.row(row);
    EXPECT_EQ(parse_ok(w.str(), {.restore_guarded_fields = true}), rows);
    // Without restoring, the guard is visible, as it is in Excel.
    EXPECT_EQ(parse_ok(w.str())[2][2], "'=1+2");
}

TEST(CsvParser, RejectsAQuoteInAnUnquotedField) {
    const std::string message = parse_error("a,b\r\nc,d\"e\r\n");
    EXPECT_NE(message.find("line 2"), std::string::npos) << message;
    EXPECT_NE(message.find("quote inside an unquoted field"), std::string::npos) << message;
}

TEST(CsvParser, RejectsTextAfterAClosingQuote) {
    EXPECT_NE(parse_error("\"a\"b,c").find("after the closing quote"), std::string::npos);
    EXPECT_FALSE(csv::parse("\"a\" ,c").ok());
}

TEST(CsvParser, RejectsAnUnterminatedQuotedField) {
    const std::string message = parse_error("a,b\r\n\"c\r\n\r\nd");
    EXPECT_NE(message.find("line 2"), std::string::npos) << message; // where the quote opened
    EXPECT_NE(message.find("not closed"), std::string::npos) << message;
    EXPECT_FALSE(csv::parse("\"").ok());
    EXPECT_FALSE(csv::parse("\"abc\"\"").ok());
}

TEST(CsvParser, LineEndsAreCrlfUnlessLfIsAllowed) {
    EXPECT_NE(parse_error("a,b\nc,d\n").find("LF alone"), std::string::npos);
    EXPECT_NE(parse_error("a,b\rc,d").find("CR not followed by LF"), std::string::npos);
    EXPECT_EQ(parse_ok("a,b\nc,d\n", {.allow_bare_lf = true}), (std::vector<csv::Row>{{"a", "b"}, {"c", "d"}}));
    EXPECT_FALSE(csv::parse("a,b\rc,d", {.allow_bare_lf = true}).ok());
}

TEST(CsvParser, RejectsRecordsOfDifferentLengths) {
    const std::string message = parse_error("a,b,c\r\n1,2,3\r\n4,5\r\n");
    EXPECT_NE(message.find("line 3"), std::string::npos) << message;
    EXPECT_NE(message.find("2 fields, the first has 3"), std::string::npos) << message;
    // Line numbers count the physical lines of quoted line breaks.
    EXPECT_NE(parse_error("a,b\r\n\"x\r\ny\",z\r\nshort\r\n").find("line 4"), std::string::npos);
    EXPECT_EQ(parse_ok("a,b\r\nc\r\n", {.require_equal_field_counts = false}).size(), 2u);
    // An empty line is a record of one empty field, so it counts too.
    EXPECT_FALSE(csv::parse("a,b\r\n\r\nc,d\r\n").ok());
}

TEST(CsvParser, RejectsTextThatIsNotUtf8) {
    // "山田" in Shift_JIS: what Excel's plain "CSV" format saves.
    const std::string message = parse_error("\x8E\x52\x93\x63,x\r\n");
    EXPECT_NE(message.find("UTF-8"), std::string::npos) << message;
}

TEST(CsvParser, RestoresOnlyTheWritersGuard) {
    const csv::ParseOptions restore{.restore_guarded_fields = true};
    EXPECT_EQ(parse_ok("'=1,'-2,''=3,'abc,'", restore), (std::vector<csv::Row>{{"=1", "-2", "'=3", "'abc", "'"}}));
}
