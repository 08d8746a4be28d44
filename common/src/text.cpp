#include "mimamori/common/text.hpp"

namespace mimamori::text {
namespace {

// Decodes one code point; returns false on malformed UTF-8.
bool decode(std::string_view s, std::size_t& pos, char32_t& out) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    const unsigned char b0 = byte(pos);
    std::size_t len = 0;
    char32_t cp = 0;
    char32_t min = 0;
    if (b0 < 0x80) { out = b0; ++pos; return true; }
    if ((b0 & 0xE0) == 0xC0) { len = 2; cp = b0 & 0x1Fu; min = 0x80; }
    else if ((b0 & 0xF0) == 0xE0) { len = 3; cp = b0 & 0x0Fu; min = 0x800; }
    else if ((b0 & 0xF8) == 0xF0) { len = 4; cp = b0 & 0x07u; min = 0x10000; }
    else return false;
    if (pos + len > s.size()) return false;
    for (std::size_t i = 1; i < len; ++i) {
        const unsigned char b = byte(pos + i);
        if ((b & 0xC0) != 0x80) return false;
        cp = (cp << 6) | (b & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    out = cp;
    pos += len;
    return true;
}

bool is_space(char32_t c) { return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == 0x3000; }

} // namespace

bool is_valid_utf8(std::string_view s) {
    std::size_t pos = 0;
    char32_t cp = 0;
    while (pos < s.size())
        if (!decode(s, pos, cp)) return false;
    return true;
}

char32_t next_code_point(std::string_view s, std::size_t& pos) {
    char32_t cp = 0;
    if (decode(s, pos, cp)) return cp;
    ++pos;
    return 0xFFFD;
}

std::size_t length(std::string_view s) {
    std::size_t n = 0;
    for (std::size_t pos = 0; pos < s.size(); ++n) next_code_point(s, pos);
    return n;
}

bool has_control_characters(std::string_view s, bool allow_newlines) {
    for (std::size_t pos = 0; pos < s.size();) {
        const char32_t c = next_code_point(s, pos);
        if (allow_newlines && (c == U'\n' || c == U'\r' || c == U'\t')) continue;
        if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F)) return true;
        if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) return true;
    }
    return false;
}

std::string trim(std::string_view s) {
    std::size_t begin = 0;
    std::size_t end = s.size();
    while (begin < end) {
        std::size_t p = begin;
        if (!is_space(next_code_point(s, p))) break;
        begin = p;
    }
    // Walk forward remembering where the last non-space character ended.
    std::size_t last_end = begin;
    for (std::size_t p = begin; p < end;) {
        if (!is_space(next_code_point(s, p))) last_end = p;
    }
    return std::string(s.substr(begin, last_end - begin));
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

std::string to_katakana(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t pos = 0; pos < s.size();) {
        char32_t c = next_code_point(s, pos);
        if (c >= 0x3041 && c <= 0x3096) c += 0x60;
        append_utf8(out, c);
    }
    return out;
}

std::string fold_fullwidth_ascii(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t pos = 0; pos < s.size();) {
        char32_t c = next_code_point(s, pos);
        if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;
        else if (c == 0x3000) c = U' ';
        append_utf8(out, c);
    }
    return out;
}

bool is_kana(std::string_view s) {
    for (std::size_t pos = 0; pos < s.size();) {
        const char32_t c = next_code_point(s, pos);
        const bool kana = (c >= 0x3041 && c <= 0x3096) || (c >= 0x30A1 && c <= 0x30FA) ||
                          c == 0x30FC /* ー */ || c == 0x30FB /* ・ */ || c == 0x309B || c == 0x309C ||
                          c == U' ' || c == 0x3000;
        if (!kana) return false;
    }
    return true;
}

} // namespace mimamori::text
