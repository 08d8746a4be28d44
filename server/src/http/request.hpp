#pragma once
// An HTTP request as handlers see it: read and framed by RequestReader, its target split and
// decoded by parse_target(), its path parameters filled by the Router.

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/headers.hpp"
#include "http/stream.hpp"
#include "mimamori/common/result.hpp"

namespace mimamori::http {

struct Route;

enum class Version { Http10, Http11 };

using NameValues = std::vector<std::pair<std::string, std::string>>;

struct Request {
    std::string method;          // as sent ("GET", "POST"...): methods are case-sensitive
    std::string target;          // the request-target as sent: path and query
    Version version = Version::Http11;
    Headers headers;
    std::string body;
    std::string client_address;  // the peer's IP address

    // Set by parse_target(): the path without the query, its percent-decoded segments
    // ("/api/v1/x" -> "api", "v1", "x") and the decoded query parameters.
    std::string path;
    std::vector<std::string> segments;
    NameValues query;

    // Set by the router: the values of the route's ":name" segments.
    NameValues params;

    // Set by the Dispatcher the first time it needs the route (the body plan, before the body is
    // read): the target parsed and the route matched once, for the body plan, the read cache's
    // freshness wait and the route itself. `route` is null when no route matches or the target
    // is bad (handle() then answers 404, 405, the web bundle or the target's error).
    bool routed = false;
    const Route* route = nullptr;

    // A route with RouteOptions::streamed_body is called twice. First with the head alone
    // (`body_follows`, `body` empty): it answers Response::read_body(sink) to receive the body,
    // or anything else to refuse it unread (the connection then closes after the answer). Then,
    // once the whole body has gone into the sink, with `body_sink` set to that sink.
    bool body_follows = false;
    std::shared_ptr<BodySink> body_sink;

    // Set by the Dispatcher when it waits, without a thread, for the read cache to be as fresh
    // as the request before running its route (Response::again): when the request was taken up.
    std::optional<std::chrono::steady_clock::time_point> taken_up_at;

    // Splits and decodes `target`. Fails (InvalidInput) on a target that is not a path, on bad
    // percent-encoding, and on a segment that decodes to something holding '/' or NUL.
    Status parse_target();

    std::optional<std::string_view> header(std::string_view name) const { return headers.get(name); }
    std::optional<std::string_view> query_param(std::string_view name) const;
    std::optional<std::string_view> path_param(std::string_view name) const;
    // The value of a cookie from the Cookie header (RFC 6265 §5.4: "a=1; b=2"), where it is in
    // the header (valid while the request is).
    std::optional<std::string_view> cookie(std::string_view name) const;

    bool is_head() const { return method == "HEAD"; }
    // POST, PUT, PATCH and DELETE: the requests that change state, which may carry an
    // Idempotency-Key and (next issue) need a CSRF token.
    bool is_state_changing() const;
    // Under /api/: answered by routes; everything else is the web bundle.
    bool is_api() const;
};

// True for the methods that change state (see Request::is_state_changing).
bool is_state_changing_method(std::string_view method);

// Percent-decodes `s`; `plus_is_space` for query strings (application/x-www-form-urlencoded).
// std::nullopt on a malformed escape.
std::optional<std::string> percent_decode(std::string_view s, bool plus_is_space);

} // namespace mimamori::http
