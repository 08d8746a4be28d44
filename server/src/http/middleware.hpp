#pragma once
// Middleware: code that runs around every routed handler, in order, each deciding to answer
// itself or to pass the request on. The server's chain (server.cpp) is
//     idempotency -> handler
// and the sign-in issue puts its session and CSRF checks in front of idempotency (keys are scoped
// by the signed-in account, so the session must be known first), reading RouteOptions from
// context.route(). Errors the layer itself raises (404, 405, 413, 503 while draining ...) do not
// pass through middleware.

#include <functional>

#include "http/context.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace mimamori::http {

using Next = std::function<Response(const Request& request, RequestContext& context)>;

class Middleware {
public:
    virtual ~Middleware() = default;
    virtual Response handle(const Request& request, RequestContext& context, const Next& next) = 0;
};

} // namespace mimamori::http
