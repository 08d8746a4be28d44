#pragma once
// Sessions on routes with RouteOptions::requires_session (the first middleware, in front of
// idempotency so that keys are scoped by the account):
//   no cookie, an unknown, forged or expired one  -> 401 (and the cookie is cleared)
//   POST/PUT/PATCH/DELETE without the session's X-CSRF-Token -> 403, logged
//   must_change_password, unless the route allows it -> 403 password_change_required
//   a facility requires two-factor, not yet on, unless the route allows it -> 403 forbidden
// then RequestContext::auth() and principal() are set and the request goes on. Routes without
// requires_session pass untouched (no session is read for them).

#include "http/middleware.hpp"

namespace mimamori::http {

class SessionMiddleware final : public Middleware {
public:
    Response handle(const Request& request, RequestContext& context, const Next& next) override;
};

} // namespace mimamori::http
