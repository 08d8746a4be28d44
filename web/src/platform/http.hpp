#pragma once
// HTTP from the app, never blocking: send() returns at once and the callback runs later on the
// main thread, through main_queue, at the start of a frame. Screens do not call this directly:
// api/api_client.hpp wraps it into typed requests whose status they poll.

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mimamori/common/result.hpp"

namespace mimamori::web::http {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct Request {
    std::string method = "GET";
    std::string url;          // relative to the page, e.g. "api/v1/health"
    std::string body;         // sent for methods other than GET and HEAD
    std::string content_type; // e.g. "application/json"; empty: none
    Headers headers;          // more request headers (X-CSRF-Token, Idempotency-Key)
};

struct Response {
    int status = 0;   // the HTTP status, any value (4xx and 5xx are responses, not failures)
    std::string body; // the bytes as received (text or binary)
    Headers headers;  // the response headers the browser exposes, names in lower case

    // The value of header `name` (lower case), or empty when it was not sent.
    std::string_view header(std::string_view name) const {
        for (const auto& [key, value] : headers) {
            if (key == name) return value;
        }
        return {};
    }
};

// The outcome: a Response, or an Unavailable error when no response came (network down, server
// unreachable, request aborted).
using Callback = std::function<void(Result<Response>)>;

void send(Request request, Callback on_done);

// Headers as they cross the JavaScript boundary: "name\nvalue\n" pairs (neither may hold a line
// break in HTTP).
Headers decode_headers(std::string_view text);

// Requests sent and not yet answered.
int in_flight();

} // namespace mimamori::web::http
