#include "http/session_middleware.hpp"

#include "http/router.hpp"
#include "mimamori/common/crypto.hpp"
#include "services/read_cache.hpp"
#include "services/services.hpp"

namespace mimamori::http {
namespace {

Response unauthenticated(std::string message) {
    auto r = Response::error(Error::make(ErrorCode::Unauthenticated, std::move(message)));
    r.headers.add("Set-Cookie", services::Sessions::clearing_cookie_header());
    return r;
}

} // namespace

Response SessionMiddleware::handle(const Request& request, RequestContext& context, const Next& next) {
    const Route& route = context.route();
    if (!route.options.requires_session) return next(request, context);

    auto cookie = request.cookie(services::Sessions::cookie_name);
    if (!cookie || cookie->empty()) return unauthenticated("sign in first");
    auto found = context.services().sessions.authenticate(context.database(), *cookie,
                                                                  *context.services().read_cache, context.started_at());
    if (found.state == services::Sessions::State::Expired)
        return unauthenticated("your session has ended; sign in again");
    if (found.state != services::Sessions::State::Valid) return unauthenticated("sign in first");
    const services::SignedIn& who = *found.signed_in;

    if (route.state_changing()) {
        auto given = request.header("X-CSRF-Token").value_or("");
        if (request.headers.count("X-CSRF-Token") != 1 ||
            !crypto::constant_time_equal(as_bytes(given), as_bytes(who.session.csrf_token))) {
            context.audit({.action = "csrf.check",
                           .target_type = "route",
                           .target_id = request.method + " " + route.pattern,
                           .result = "denied",
                           .detail = {{"reason", given.empty() ? "missing" : "wrong"}},
                           .actor = services::AuditRecord::Actor{who.account.id, who.account.login}});
            return Response::error(Error::make(ErrorCode::Forbidden, "missing or wrong CSRF token"));
        }
    }
    if (who.account.must_change_password && !route.options.allowed_before_password_change)
        return Response::error(
            Error::make(ErrorCode::PasswordChangeRequired, "change your initial password first"));
    if (who.two_factor_required() && !who.account.two_factor_enabled && !route.options.allowed_before_two_factor)
        return Response::error(Error::make(
            ErrorCode::Forbidden, "a facility of yours requires two-factor sign-in: turn it on first"));

    context.set_principal(std::to_string(who.account.id));
    context.set_auth(std::move(found.signed_in));
    return next(request, context);
}

} // namespace mimamori::http
