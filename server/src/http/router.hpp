#pragma once
// Routes: a method and a path pattern to a handler. Patterns are literal segments, ":name"
// (exactly one segment, available as request.path_param("name")) and a last "*name" (the rest of
// the path). A path that matches with another method is a 405 with Allow, else a 404.

#include <deque>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/request.hpp"
#include "http/response.hpp"
#include "mimamori/common/result.hpp"

namespace mimamori::http {

class RequestContext;

// A handler parses the request, calls a service and maps its result to a Response; an Error
// becomes the JSON error with the status of its code.
using Handler = std::function<Result<Response>(const Request& request, RequestContext& context)>;

// What middleware reads to treat a route (see middleware.hpp and session_middleware.hpp).
struct RouteOptions {
    // Without a valid session the answer is 401; with one, RequestContext::auth() is set and a
    // state-changing request needs the session's X-CSRF-Token.
    bool requires_session = false;
    // Usable by a session that must first change its initial password (else 403
    // password_change_required) ...
    bool allowed_before_password_change = false;
    // ... or whose facility requires two-factor sign-in it has not turned on yet (else 403).
    bool allowed_before_two_factor = false;
    // Answers that carry a new session (sign-in, accepting an invitation) are never stored for an
    // Idempotency-Key replay: the database keeps no session token in the clear. The key is
    // accepted and the request simply runs again (a second sign-in is harmless).
    bool never_store_answer = false;
    // The largest body this route accepts; none: the server's --max-body-bytes. A Content-Length
    // over it is refused with 413 before the route runs.
    std::optional<std::size_t> max_body_bytes = std::nullopt;
    // The body is consumed in pieces by a BodySink instead of being read whole into memory
    // (Request::body_follows describes the two calls the handler gets).
    bool streamed_body = false;
    // The route only reads (its access-log entries aside) and its reads need no common snapshot:
    // its statements run without BEGIN and COMMIT, each committed on its own -- two round trips
    // fewer for a hot read (the timeline page). Never for a route that writes.
    bool autocommit = false;
};

struct Route {
    std::string method;
    std::string pattern; // "/api/v1/patients/:id"
    Handler handler;
    RouteOptions options;
    std::vector<std::string> segments; // the pattern split at '/'

    // POST, PUT, PATCH, DELETE: may carry an Idempotency-Key; (later) need a CSRF token.
    bool state_changing() const { return is_state_changing_method(method); }
};

class Router {
public:
    struct Match {
        const Route* route = nullptr;
        NameValues params;
        std::vector<std::string> allowed; // when no route has the method: the path's methods
    };

    // Registers a route. Registering the same method and pattern twice, or a pattern that is
    // not a path, is a programming error (std::logic_error).
    void add(std::string method, std::string pattern, Handler handler, RouteOptions options = {});

    // The best route for the decoded path segments: literal segments win over parameters.
    // HEAD falls back to the GET route.
    Match match(std::string_view method, const std::vector<std::string>& segments) const;

    const std::deque<Route>& routes() const { return m_routes; }

private:
    std::deque<Route> m_routes; // a deque keeps Route addresses stable
};

} // namespace mimamori::http
