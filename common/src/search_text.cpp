#include "mimamori/common/search_text.hpp"

#include <algorithm>

#include "mimamori/common/kana.hpp"
#include "mimamori/common/text.hpp"

namespace mimamori::search {
namespace {

bool is_space(char32_t c) {
    return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == U'\v' || c == U'\f' || c == 0x00A0 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

// Characters that end a run of word characters (see the header); white space included.
bool is_separator(char32_t c) {
    if (is_space(c)) return true;
    if (c < 0x80) return !((c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || (c >= U'0' && c <= U'9'));
    switch (c) {
    case 0x00A1: case 0x00A7: case 0x00AB: case 0x00B6: case 0x00B7: case 0x00BB: case 0x00BF:
    case 0x30A0: case 0x30FB: case 0xFF5F: case 0xFF60: case 0xFFFD:
        return true;
    default: break;
    }
    if (c >= 0x2000 && c <= 0x206F) return true; // general punctuation: dashes, quotes, …, ※
    if (c >= 0x3000 && c <= 0x303F) // CJK punctuation and brackets, but not the marks inside words
        return c != 0x3005 && c != 0x3006 && c != 0x3007 && c != 0x303B && c != 0x303C; // 々 〆 〇 〻 〼
    return false;
}

std::vector<char32_t> code_points(std::string_view s) {
    std::vector<char32_t> out;
    out.reserve(s.size());
    for (std::size_t pos = 0; pos < s.size();) out.push_back(text::next_code_point(s, pos));
    return out;
}

void add_bigrams(const std::vector<char32_t>& cps, std::vector<std::string>& out) {
    for (std::size_t i = 0; i + 1 < cps.size(); ++i) {
        if (is_separator(cps[i]) || is_separator(cps[i + 1])) continue;
        std::string pair;
        text::append_utf8(pair, cps[i]);
        text::append_utf8(pair, cps[i + 1]);
        out.push_back(std::move(pair));
    }
}

void sort_unique(std::vector<std::string>& v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
}

} // namespace

std::string normalise(std::string_view input) {
    const std::string kana_folded = kana::compose_voicing_marks(kana::half_width_to_full_width_katakana(input));
    std::string out;
    out.reserve(kana_folded.size());
    bool pending_space = false;
    for (std::size_t pos = 0; pos < kana_folded.size();) {
        char32_t c = text::next_code_point(kana_folded, pos);
        if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;
        if (c >= U'A' && c <= U'Z') c += U'a' - U'A';
        if (is_space(c)) {
            pending_space = !out.empty();
            continue;
        }
        if (pending_space) out += ' ';
        pending_space = false;
        text::append_utf8(out, c);
    }
    return out;
}

std::vector<std::string> bigrams(std::string_view normalised) {
    std::vector<std::string> out;
    add_bigrams(code_points(normalised), out);
    sort_unique(out);
    return out;
}

std::vector<std::string> index_bigrams(std::string_view text) { return bigrams(normalise(text)); }

Result<Query> parse_query(std::string_view input, std::string_view field) {
    const std::string normalised = normalise(input);
    const auto invalid = [&](const std::string& message) {
        return Error::invalid(std::string(field), std::string(field) + " " + message);
    };
    if (normalised.empty()) return invalid("is required");
    if (text::length(normalised) > max_query_chars)
        return invalid("must be at most " + std::to_string(max_query_chars) + " characters");
    Query query;
    std::size_t start = 0;
    while (start <= normalised.size()) {
        const std::size_t space = std::min(normalised.find(' ', start), normalised.size());
        std::string term = normalised.substr(start, space - start);
        start = space + 1;
        if (std::find(query.terms.begin(), query.terms.end(), term) == query.terms.end())
            query.terms.push_back(std::move(term));
    }
    if (query.terms.size() > max_query_terms)
        return invalid("must have at most " + std::to_string(max_query_terms) + " words");
    for (const auto& term : query.terms) {
        const std::size_t before = query.bigrams.size();
        add_bigrams(code_points(term), query.bigrams);
        if (query.bigrams.size() == before)
            return invalid(query.terms.size() == 1 ? "must be at least 2 characters"
                                                   : "must be at least 2 characters in each word: " + term);
    }
    sort_unique(query.bigrams);
    return query;
}

bool matches(std::string_view normalised, const Query& query) {
    return std::all_of(query.terms.begin(), query.terms.end(),
                       [&](const std::string& term) { return normalised.find(term) != std::string_view::npos; });
}

} // namespace mimamori::search
