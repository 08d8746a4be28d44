#pragma once
// CSV as RFC 4180 defines it, written the way Excel (Japanese Windows included) opens correctly:
// UTF-8 with a byte order mark (without it Excel assumes Shift_JIS and garbles Japanese), CRLF
// line ends, and fields quoted when they hold a comma, a quote, CR or LF, or begin or end with
// white space (Excel keeps the spaces only when quoted). Shift_JIS/CP932 output is a conversion of
// this text done by the server (iconv), not here.
//
// Formula injection: a spreadsheet runs a cell that begins with = + - @ (and some versions TAB or
// CR) as a formula, so a name such as =HYPERLINK("http://evil","click") typed by one user would
// run on the secretariat's PC when it opens the export. The writer therefore puts an apostrophe
// before such a field (OWASP's advice): Excel shows the text instead of evaluating it. The price is
// a visible apostrophe before values such as "-5"; the parser can take it off again
// (ParseOptions::restore_guarded_fields) for the project's own imports and tests.

#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "mimamori/common/result.hpp"

namespace mimamori::csv {

struct WriterOptions {
    bool byte_order_mark = true;     // start the text with U+FEFF (EF BB BF)
    bool guard_formulas = true;      // prefix ' to fields that a spreadsheet would evaluate
};

// Builds a CSV text row by row.
class Writer {
public:
    explicit Writer(WriterOptions options = {});

    // Appends one record; the fields are UTF-8 (invalid sequences are written as U+FFFD).
    void row(std::span<const std::string_view> fields);
    void row(std::initializer_list<std::string_view> fields);
    void row(const std::vector<std::string>& fields);

    const std::string& str() const { return m_text; }
    std::string take() { return std::move(m_text); }

private:
    WriterOptions m_options;
    std::string m_text;
};

// One field as the writer puts it in the file: guarded if need be, then quoted if need be.
std::string encode_field(std::string_view value, bool guard_formulas = true);

using Row = std::vector<std::string>;

struct ParseOptions {
    bool allow_bare_lf = false;         // also accept LF alone as a line end (RFC 4180 says CRLF)
    bool require_equal_field_counts = true;
    bool restore_guarded_fields = false; // undo the writer's formula guard: "'=1" -> "=1"
};

// Parses a whole CSV text strictly by RFC 4180: records end with CRLF (the last one may not),
// fields are separated by commas, a quoted field may hold commas, doubled quotes and line breaks
// (kept as they are). A leading byte order mark is skipped. Errors (InvalidInput) give the line
// and say what to fix: text that is not UTF-8 (an Excel "CSV" saved as Shift_JIS), a quote inside
// an unquoted field, text after a closing quote, an unterminated quoted field, a bare CR or LF,
// records with different numbers of fields. An empty text has no records.
Result<std::vector<Row>> parse(std::string_view text, const ParseOptions& options = {});

} // namespace mimamori::csv
