// http.hpp in the browser: window.fetch (pre.js), answered through main_queue.

#include "platform/http.hpp"

#include <string>
#include <unordered_map>
#include <utility>

#include <emscripten/emscripten.h>

#include "platform/js_bridge.hpp"
#include "platform/main_queue.hpp"

namespace mimamori::web::http {
namespace {
int g_next_id = 1;
std::unordered_map<int, Callback> g_pending;

// Headers cross the JS boundary as "name\nvalue\n" pairs: neither may hold a line break in HTTP.
std::string encode_headers(const Headers& headers) {
    std::string out;
    for (const auto& [name, value] : headers) out += name + '\n' + value + '\n';
    return out;
}

} // namespace

Headers decode_headers(std::string_view text) {
    Headers headers;
    while (!text.empty()) {
        const auto name_end = text.find('\n');
        if (name_end == std::string_view::npos) break;
        const auto value_end = text.find('\n', name_end + 1);
        if (value_end == std::string_view::npos) break;
        headers.emplace_back(std::string(text.substr(0, name_end)),
                             std::string(text.substr(name_end + 1, value_end - name_end - 1)));
        text.remove_prefix(value_end + 1);
    }
    return headers;
}

void send(Request request, Callback on_done) {
    const int id = g_next_id++;
    g_pending.emplace(id, std::move(on_done));
    const std::string headers = encode_headers(request.headers);
    mimamori_js_fetch(id, request.method.c_str(), request.url.c_str(), request.body.data(), request.body.size(),
                      request.content_type.c_str(), headers.c_str());
}

int in_flight() { return static_cast<int>(g_pending.size()); }

} // namespace mimamori::web::http

extern "C" {

// status 0 with an error message: no response at all.
EMSCRIPTEN_KEEPALIVE void mimamori_web_fetch_done(int id, int status, const char* body, int length,
                                                 const char* headers, const char* error) {
    using namespace mimamori::web;
    auto it = http::g_pending.find(id);
    if (it == http::g_pending.end()) return;
    http::Callback callback = std::move(it->second);
    http::g_pending.erase(it);
    mimamori::Result<http::Response> result =
        status == 0 ? mimamori::Result<http::Response>(mimamori::Error::make(
                          mimamori::ErrorCode::Unavailable, std::string("no response: ") + error))
                    : mimamori::Result<http::Response>(
                          http::Response{status, std::string(body, static_cast<std::size_t>(length)),
                                         http::decode_headers(headers)});
    main_queue::post([callback = std::move(callback), result = std::move(result)]() mutable {
        callback(std::move(result));
    });
}

} // extern "C"
