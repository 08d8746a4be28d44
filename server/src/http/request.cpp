#include "http/request.hpp"

namespace mimamori::http {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::optional<std::string_view> find_value(const NameValues& list, std::string_view name) {
    for (const auto& [n, v] : list)
        if (n == name) return std::string_view(v);
    return std::nullopt;
}

Error bad_target(std::string message) { return Error::make(ErrorCode::InvalidInput, std::move(message)); }

} // namespace

std::optional<std::string> percent_decode(std::string_view s, bool plus_is_space) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c == '%') {
            if (i + 2 >= s.size()) return std::nullopt;
            int hi = hex_value(s[i + 1]);
            int lo = hex_value(s[i + 2]);
            if (hi < 0 || lo < 0) return std::nullopt;
            out.push_back(static_cast<char>(hi * 16 + lo));
            i += 2;
        } else if (c == '+' && plus_is_space) {
            out.push_back(' ');
        } else {
            out.push_back(c);
        }
    }
    return out;
}

Status Request::parse_target() {
    std::string_view t = target;
    if (t.empty() || t.front() != '/') return bad_target("the request target must be a path");
    auto question = t.find('?');
    std::string_view raw_path = t.substr(0, question);
    std::string_view raw_query = question == std::string_view::npos ? std::string_view{} : t.substr(question + 1);
    if (auto hash = raw_query.find('#'); hash != std::string_view::npos) raw_query = raw_query.substr(0, hash);

    path.assign(raw_path);
    segments.clear();
    std::string_view rest = raw_path.substr(1);
    while (true) {
        auto slash = rest.find('/');
        auto decoded = percent_decode(rest.substr(0, slash), false);
        if (!decoded) return bad_target("the request path has a malformed percent-encoding");
        if (decoded->find('/') != std::string::npos || decoded->find('\0') != std::string::npos)
            return bad_target("the request path has an encoded '/' or NUL");
        segments.push_back(std::move(*decoded));
        if (slash == std::string_view::npos) break;
        rest.remove_prefix(slash + 1);
    }

    query.clear();
    while (!raw_query.empty()) {
        auto amp = raw_query.find('&');
        std::string_view pair = raw_query.substr(0, amp);
        raw_query = amp == std::string_view::npos ? std::string_view{} : raw_query.substr(amp + 1);
        if (pair.empty()) continue;
        auto eq = pair.find('=');
        auto name = percent_decode(pair.substr(0, eq), true);
        auto value = percent_decode(eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1), true);
        if (!name || !value) return bad_target("the query string has a malformed percent-encoding");
        query.emplace_back(std::move(*name), std::move(*value));
    }
    return {};
}

std::optional<std::string_view> Request::query_param(std::string_view name) const { return find_value(query, name); }

std::optional<std::string_view> Request::path_param(std::string_view name) const { return find_value(params, name); }

std::optional<std::string_view> Request::cookie(std::string_view name) const {
    for (const auto& [field, text] : headers.fields()) {
        if (!iequals(field, "Cookie")) continue;
        std::string_view line = text;
        while (!line.empty()) {
            auto semi = line.find(';');
            std::string_view pair = trim_ows(line.substr(0, semi));
            line = semi == std::string_view::npos ? std::string_view{} : line.substr(semi + 1);
            auto eq = pair.find('=');
            if (eq == std::string_view::npos || trim_ows(pair.substr(0, eq)) != name) continue;
            std::string_view value = trim_ows(pair.substr(eq + 1));
            if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
            return value;
        }
    }
    return std::nullopt;
}

bool is_state_changing_method(std::string_view method) {
    return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

bool Request::is_state_changing() const { return is_state_changing_method(method); }

bool Request::is_api() const { return path == "/api" || path.starts_with("/api/"); }

} // namespace mimamori::http
