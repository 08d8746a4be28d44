#include "http/headers.hpp"

#include <algorithm>

namespace mimamori::http {
namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Splits "gzip;q=0.5" into the token and whether its q-value is zero.
bool token_matches(std::string_view item, std::string_view token) {
    std::string_view name = item;
    std::string_view params;
    if (auto semi = item.find(';'); semi != std::string_view::npos) {
        name = item.substr(0, semi);
        params = item.substr(semi + 1);
    }
    if (!iequals(trim_ows(name), token)) return false;
    while (!params.empty()) {
        auto next = params.find(';');
        std::string_view param = trim_ows(params.substr(0, next));
        params = next == std::string_view::npos ? std::string_view{} : params.substr(next + 1);
        if (param.size() >= 2 && lower(param[0]) == 'q' && param[1] == '=') {
            std::string_view q = trim_ows(param.substr(2));
            // "0", "0.", "0.0", "0.000": refused; anything else accepts.
            return !(q.size() >= 1 && q[0] == '0' &&
                     q.find_first_not_of("0.", 0) == std::string_view::npos);
        }
    }
    return true;
}

} // namespace

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == lower(y); });
}

std::string to_lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), lower);
    return out;
}

std::string_view trim_ows(std::string_view s) {
    auto first = s.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    auto last = s.find_last_not_of(" \t");
    return s.substr(first, last - first + 1);
}

std::optional<std::string_view> Headers::get(std::string_view name) const {
    for (const auto& [n, v] : m_fields)
        if (iequals(n, name)) return std::string_view(v);
    return std::nullopt;
}

bool Headers::has(std::string_view name) const { return get(name).has_value(); }

std::vector<std::string_view> Headers::all(std::string_view name) const {
    std::vector<std::string_view> out;
    for (const auto& [n, v] : m_fields)
        if (iequals(n, name)) out.emplace_back(v);
    return out;
}

std::size_t Headers::count(std::string_view name) const {
    return static_cast<std::size_t>(std::count_if(m_fields.begin(), m_fields.end(),
                                                  [&](const Field& f) { return iequals(f.first, name); }));
}

void Headers::add(std::string name, std::string value) {
    m_fields.emplace_back(std::move(name), std::move(value));
}

void Headers::set(std::string name, std::string value) {
    remove(name);
    add(std::move(name), std::move(value));
}

void Headers::set_default(std::string name, std::string value) {
    if (!has(name)) add(std::move(name), std::move(value));
}

void Headers::remove(std::string_view name) {
    std::erase_if(m_fields, [&](const Field& f) { return iequals(f.first, name); });
}

bool list_has_token(std::string_view value, std::string_view token) {
    while (!value.empty()) {
        auto comma = value.find(',');
        if (token_matches(value.substr(0, comma), token)) return true;
        if (comma == std::string_view::npos) break;
        value.remove_prefix(comma + 1);
    }
    return false;
}

} // namespace mimamori::http
