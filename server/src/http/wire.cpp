#include "http/wire.hpp"

#include <charconv>
#include <chrono>
#include <cstdio>
#include <ctime>

namespace mimamori::http {
namespace {

constexpr std::string_view k_csp =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
    "img-src 'self' blob: data:; media-src 'self' blob:; connect-src 'self'; font-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
// Camera and microphone stay available to the app itself for the video calls to come.
constexpr std::string_view k_permissions =
    "camera=(self), microphone=(self), display-capture=(self), geolocation=(), payment=(), usb=()";

// The IMF-fixdate of now, formatted once a second per thread.
std::string_view http_date() {
    thread_local std::time_t cached_second = 0;
    thread_local char text[40] = {};
    std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    if (now != cached_second) {
        std::tm tm{};
        gmtime_r(&now, &tm);
        std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &tm);
        cached_second = now;
    }
    return text;
}

// A header value must never end the head early (response splitting): CR, LF and NUL become
// spaces. Names come from code, but are checked the same way.
void append_field(std::string& out, std::string_view name, std::string_view value) {
    out.append(name);
    out.append(": ");
    const std::size_t start = out.size();
    out.append(value);
    for (std::size_t i = start; i < out.size(); ++i)
        if (out[i] == '\r' || out[i] == '\n' || out[i] == '\0') out[i] = ' ';
    out.append("\r\n");
}

void append_number(std::string& out, std::uint64_t n);

void append_field_number(std::string& out, std::string_view name, std::uint64_t value) {
    out.append(name);
    out.append(": ");
    append_number(out, value);
    out.append("\r\n");
}

} // namespace

bool status_has_body(int status) { return status >= 200 && status != 204 && status != 304; }

std::string chunk_frame(std::string_view bytes) {
    char size[24];
    int n = std::snprintf(size, sizeof size, "%zx\r\n", bytes.size());
    std::string out;
    out.reserve(static_cast<std::size_t>(n) + bytes.size() + 2);
    out.append(size, static_cast<std::size_t>(n));
    out.append(bytes);
    out.append("\r\n");
    return out;
}

void add_standard_headers(Headers& headers, bool api) {
    headers.set_default("Content-Security-Policy", std::string(k_csp));
    headers.set_default("X-Content-Type-Options", "nosniff");
    headers.set_default("Referrer-Policy", "no-referrer");
    headers.set_default("X-Frame-Options", "DENY");
    headers.set_default("Cross-Origin-Opener-Policy", "same-origin");
    headers.set_default("Permissions-Policy", std::string(k_permissions));
    if (api) headers.set_default("Cache-Control", "no-store");
}

namespace {

// The standard headers (add_standard_headers), in that order: added after the response's own
// fields when it sets none of the name.
struct Standard {
    std::string_view name, value;
    bool api_only;
};
constexpr Standard k_standard[] = {
    {"Content-Security-Policy", k_csp, false},
    {"X-Content-Type-Options", "nosniff", false},
    {"Referrer-Policy", "no-referrer", false},
    {"X-Frame-Options", "DENY", false},
    {"Cross-Origin-Opener-Policy", "same-origin", false},
    {"Permissions-Policy", k_permissions, false},
    {"Cache-Control", "no-store", true},
};

void append_number(std::string& out, std::uint64_t n) {
    char digits[24];
    auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
    out.append(digits, static_cast<std::size_t>(end - digits));
}

// The head as add_standard_headers() on a copy of the response's headers would make it, without
// the copy: a page's head is written for every request.
std::string head_reserving(const Response& response, const Framing& framing, std::size_t body_bytes) {
    const Headers& headers = response.headers;
    std::string out;
    out.reserve(1024 + body_bytes);
    out.append("HTTP/1.1 ");
    append_number(out, static_cast<std::uint64_t>(response.status));
    out.push_back(' ');
    out.append(reason_phrase(response.status));
    out.append("\r\n");
    append_field(out, "Date", http_date());
    for (const auto& [name, value] : headers.fields()) {
        if (iequals(name, "Content-Length") || iequals(name, "Connection") || iequals(name, "Date") ||
            iequals(name, "Transfer-Encoding"))
            continue;
        append_field(out, name, value);
    }
    for (const auto& standard : k_standard) {
        if (standard.api_only && !framing.api) continue;
        if (!headers.has(standard.name)) append_field(out, standard.name, standard.value);
    }
    if (status_has_body(response.status)) {
        if (!response.stream) {
            append_field_number(out, "Content-Length", response.omitted_body_length.value_or(response.body_size()));
        } else if (response.stream->length) {
            append_field_number(out, "Content-Length", *response.stream->length);
        } else if (!framing.head_request) {
            append_field(out, "Transfer-Encoding", "chunked");
        }
    }
    append_field(out, "Connection", framing.keep_alive ? "keep-alive" : "close");
    out.append("\r\n");
    return out;
}

bool body_follows_head(const Response& response, const Framing& framing) {
    return !framing.head_request && status_has_body(response.status) && !response.stream;
}

constexpr std::size_t k_body_apart_bytes = 8 * 1024;

} // namespace

std::string serialize_head(const Response& response, const Framing& framing) {
    return head_reserving(response, framing, 0);
}

bool sends_body_apart(const Response& response, const Framing& framing) {
    return body_follows_head(response, framing) && (response.shared_body || response.body.size() >= k_body_apart_bytes);
}

std::string serialize(const Response& response, const Framing& framing) {
    bool body = body_follows_head(response, framing);
    std::string out = head_reserving(response, framing, body ? response.body_size() : 0);
    if (body && response.shared_body) {
        for (auto piece : response.shared_body->pieces) out.append(piece);
    } else if (body) {
        out.append(response.body);
    }
    return out;
}

} // namespace mimamori::http
