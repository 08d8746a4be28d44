#include "mimamori/common/content_disposition.hpp"

#include <algorithm>

#include "mimamori/common/encoding.hpp"

namespace mimamori::http {
namespace {

bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

bool plain(char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x20 && u < 0x7F && c != '"' && c != '\\' && c != '/' && c != '%' && c != ';';
}

} // namespace

std::string ascii_fallback_name(std::string_view filename) {
    std::string out;
    for (char c : filename) {
        const char mapped = plain(c) ? c : '_';
        // Squeeze runs of '_' and spaces, and start with neither.
        const bool filler = mapped == '_' || mapped == ' ';
        if (filler && (out.empty() || out.back() == '_' || out.back() == ' ')) {
            if (!out.empty() && mapped == ' ' && out.back() == '_') out.back() = ' ';
            continue;
        }
        out += mapped;
    }
    while (!out.empty() && (out.back() == ' ' || out.back() == '_')) out.pop_back();
    // A stem with no letter or digit says nothing: call it "file", keeping the extension.
    const std::size_t dot = out.rfind('.');
    const std::string_view stem = std::string_view(out).substr(0, dot == std::string::npos ? out.size() : dot);
    if (std::none_of(stem.begin(), stem.end(), is_alnum))
        out = "file" + (dot == std::string::npos ? std::string() : out.substr(dot));
    return out;
}

std::string content_disposition(Disposition disposition, std::string_view filename) {
    std::string out = disposition == Disposition::Attachment ? "attachment" : "inline";
    const std::string fallback = ascii_fallback_name(filename);
    out += "; filename=\"" + fallback + "\"";
    if (fallback != filename) out += "; filename*=UTF-8''" + encoding::percent_encode(filename);
    return out;
}

} // namespace mimamori::http
