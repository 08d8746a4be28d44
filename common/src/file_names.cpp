#include "mimamori/common/file_names.hpp"

#include <array>

#include "mimamori/common/kana.hpp"
#include "mimamori/common/text.hpp"

namespace mimamori::files {
namespace {

constexpr std::size_t max_extension_bytes = 16;

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = lower(c);
    return out;
}

bool is_device_name(std::string_view stem) {
    static constexpr std::array<std::string_view, 4> plain = {"con", "prn", "aux", "nul"};
    const std::string s = lower_ascii(stem);
    for (auto p : plain)
        if (s == p) return true;
    return s.size() == 4 && (s.starts_with("com") || s.starts_with("lpt")) && s[3] >= '1' && s[3] <= '9';
}

// Where the extension's dot is, or npos.
std::size_t extension_dot(std::string_view name) {
    const std::size_t dot = name.rfind('.');
    if (dot == std::string_view::npos || dot == 0 || name.size() - dot - 1 > max_extension_bytes ||
        dot + 1 == name.size())
        return std::string_view::npos;
    return dot;
}

// The longest prefix of `s` that is at most `bytes` long and ends on a character boundary.
std::string_view utf8_prefix(std::string_view s, std::size_t bytes) {
    if (s.size() <= bytes) return s;
    std::size_t end = bytes;
    while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
    return s.substr(0, end);
}

Error refuse(std::string_view field, const std::string& why) {
    return Error::invalid(std::string(field), std::string(field) + " " + why);
}

} // namespace

std::string extension(std::string_view name) {
    const std::size_t dot = extension_dot(name);
    return dot == std::string_view::npos ? std::string() : lower_ascii(name.substr(dot + 1));
}

Result<std::string> clean_file_name(std::string_view name, std::string_view field) {
    if (!text::is_valid_utf8(name)) return refuse(field, "is not valid UTF-8 text");
    if (name.find('/') != std::string_view::npos || name.find('\\') != std::string_view::npos)
        return refuse(field, "must be a file name, not a path (it contains / or \\)");
    if (text::has_control_characters(name)) return refuse(field, "must not contain control characters");

    std::string s = text::trim(kana::compose_voicing_marks(name));
    std::size_t begin = 0;
    while (begin < s.size() && (s[begin] == '.' || s[begin] == ' ')) ++begin;
    std::size_t end = s.size();
    while (end > begin && (s[end - 1] == '.' || s[end - 1] == ' ')) --end;
    s = text::trim(s.substr(begin, end - begin));
    if (s.empty()) return refuse(field, "is empty");

    for (char& c : s)
        if (c == '<' || c == '>' || c == ':' || c == '"' || c == '|' || c == '?' || c == '*') c = '_';

    const std::size_t dot = extension_dot(s);
    std::string stem = s.substr(0, dot == std::string::npos ? s.size() : dot);
    std::string ext = dot == std::string::npos ? std::string() : s.substr(dot);
    // "CON.txt" opens the console on Windows; "con.tar.gz" too (the stem before the first dot).
    if (is_device_name(std::string_view(stem).substr(0, stem.find('.')))) stem = "_" + stem;
    if (stem.size() + ext.size() > max_file_name_bytes) {
        stem = std::string(utf8_prefix(stem, max_file_name_bytes - ext.size()));
        while (!stem.empty() && (stem.back() == ' ' || stem.back() == '.')) stem.pop_back();
    }
    return stem + ext;
}

} // namespace mimamori::files
