#include "mimamori/common/csv.hpp"

#include "mimamori/common/text.hpp"

namespace mimamori::csv {
namespace {

constexpr std::string_view bom = "\xEF\xBB\xBF";

bool is_formula_trigger(char c) { return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r'; }

// True for a value the guard applies to: any run of apostrophes (possibly none), then a trigger.
// Guarding values that already begin with apostrophes as well keeps the guard reversible.
bool needs_guard(std::string_view value) {
    const std::size_t first = value.find_first_not_of('\'');
    return first != std::string_view::npos && is_formula_trigger(value[first]);
}

bool needs_quotes(std::string_view value) {
    if (value.empty()) return false;
    if (value.find_first_of(",\"\r\n") != std::string_view::npos) return true;
    const auto space = [](char c) { return c == ' ' || c == '\t'; };
    return space(value.front()) || space(value.back());
}

std::string valid_utf8(std::string_view value) {
    if (text::is_valid_utf8(value)) return std::string(value);
    std::string out;
    for (std::size_t pos = 0; pos < value.size();) text::append_utf8(out, text::next_code_point(value, pos));
    return out;
}

Error error_at(std::size_t line, const std::string& message) {
    return Error::make(ErrorCode::InvalidInput, "CSV line " + std::to_string(line) + ": " + message);
}

} // namespace

std::string encode_field(std::string_view value, bool guard_formulas) {
    std::string field = valid_utf8(value);
    if (guard_formulas && needs_guard(field)) field.insert(0, 1, '\'');
    if (!needs_quotes(field)) return field;
    std::string quoted = "\"";
    for (const char c : field) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    quoted += '"';
    return quoted;
}

Writer::Writer(WriterOptions options) : m_options(options) {
    if (m_options.byte_order_mark) m_text = bom;
}

void Writer::row(std::span<const std::string_view> fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) m_text += ',';
        m_text += encode_field(fields[i], m_options.guard_formulas);
    }
    m_text += "\r\n";
}

void Writer::row(std::initializer_list<std::string_view> fields) {
    row(std::span<const std::string_view>(fields.begin(), fields.size()));
}

void Writer::row(const std::vector<std::string>& fields) {
    const std::vector<std::string_view> views(fields.begin(), fields.end());
    row(std::span<const std::string_view>(views));
}

Result<std::vector<Row>> parse(std::string_view text, const ParseOptions& options) {
    if (text.substr(0, bom.size()) == bom) text.remove_prefix(bom.size());
    if (!text::is_valid_utf8(text))
        return Error::make(ErrorCode::InvalidInput,
                           "the CSV file is not UTF-8: in Excel, save it as \"CSV UTF-8 (comma delimited)\"");

    std::vector<Row> rows;
    Row row;
    std::string field;
    std::size_t line = 1;
    std::size_t i = 0;
    const std::size_t n = text.size();

    // Ends the current field; then, at a line end or the end of the text, the current record.
    const auto end_field = [&] {
        if (options.restore_guarded_fields && field.size() >= 2 && field[0] == '\'' && needs_guard(std::string_view(field).substr(1)))
            field.erase(0, 1);
        row.push_back(std::move(field));
        field.clear();
    };
    // At text[i], after a field: a comma, a line end or the end. Returns an error message or "".
    const auto after_field = [&](bool& record_done) -> std::string {
        record_done = false;
        if (i == n) {
            record_done = true;
            return {};
        }
        const char c = text[i];
        if (c == ',') {
            ++i;
            return {};
        }
        if (c == '\r') {
            if (i + 1 < n && text[i + 1] == '\n') {
                i += 2;
                record_done = true;
                return {};
            }
            return "a CR not followed by LF: records end with CRLF";
        }
        if (c == '\n') {
            if (!options.allow_bare_lf) return "a line ends with LF alone: records end with CRLF";
            ++i;
            record_done = true;
            return {};
        }
        return "unexpected character after the closing quote: a quoted field must be followed by a comma or a line end";
    };

    while (i < n) {
        const std::size_t record_line = line;
        bool record_done = false;
        while (!record_done) {
            if (i < n && text[i] == '"') {
                const std::size_t opened = line;
                ++i;
                for (;;) {
                    if (i == n) return error_at(opened, "a quoted field is not closed: a closing quote is missing");
                    const char c = text[i++];
                    if (c == '"') {
                        if (i < n && text[i] == '"') {
                            field += '"';
                            ++i;
                            continue;
                        }
                        break;
                    }
                    if (c == '\n') ++line;
                    field += c;
                }
            } else {
                while (i < n && text[i] != ',' && text[i] != '\r' && text[i] != '\n') {
                    if (text[i] == '"')
                        return error_at(line, "a quote inside an unquoted field: enclose the field in quotes and "
                                              "double the quotes inside it");
                    field += text[i++];
                }
            }
            end_field();
            const std::string problem = after_field(record_done);
            if (!problem.empty()) return error_at(line, problem);
        }
        ++line;
        if (options.require_equal_field_counts && !rows.empty() && row.size() != rows.front().size())
            return error_at(record_line, "this record has " + std::to_string(row.size()) + " fields, the first has " +
                                             std::to_string(rows.front().size()));
        rows.push_back(std::move(row));
        row.clear();
    }
    return rows;
}

} // namespace mimamori::csv
