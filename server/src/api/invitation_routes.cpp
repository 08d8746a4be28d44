// Invitation links, used without a session (the invited person has none yet):
//   GET /api/v1/invitations/{token}          what the invitation page shows; 410 when not usable
//   POST /api/v1/invitations/{token}/accept  {"password"}: the account becomes active and is
//                                            signed in (the answer of a sign-in)
#include "api/account_json.hpp"
#include "api/master_routes.hpp"
#include "api/routes.hpp"
#include "http/auth.hpp"
#include "http/json_body.hpp"
#include "mimamori/common/japan_time.hpp"
#include "services/services.hpp"

namespace mimamori::api {

using http::Request;
using http::RequestContext;
using http::Response;

namespace {

std::string token_of(const Request& request) { return std::string(request.path_param("token").value_or("")); }

services::AuditRecord record(std::string action, std::int64_t account_id) {
    return {.action = std::move(action), .target_type = "account",
            .target_id = account_id ? std::to_string(account_id) : std::string()};
}

Result<Response> read(const Request& request, RequestContext& ctx) {
    auto view = services::view_invitation(ctx.tx(), token_of(request));
    ctx.audit(record("invitation.read", view ? view->account_id : 0)); // "failed" when gone
    if (!view) return view.error();
    Response r = Response::json(200, Json{{"name", view->name},
                                          {"login", view->login},
                                          {"facility_name", view->facility_name},
                                          {"purpose", view->purpose},
                                          {"expires_at", japan_iso8601(view->expires_at)}});
    r.headers.set("Cache-Control", "no-store");
    return r;
}

Result<Response> accept(const Request& request, RequestContext& ctx) {
    auto body = http::read_json_object(request);
    if (!body) return body.error();
    if (auto known = json::reject_unknown_keys(*body, {"password"}); !known) return known.error();
    auto password = json::get_string(*body, "password");
    if (!password) return password.error();

    const std::string token = token_of(request);
    auto view = services::view_invitation(ctx.tx(), token);
    auto entry = record("invitation.accept", view ? view->account_id : 0);
    if (view) entry.actor = services::AuditRecord::Actor{view->account_id, view->login}; // who holds the link
    ctx.audit(std::move(entry));
    if (!view) return view.error();
    // The rule broken, by its code, for the app's checklist (the same answer as a password change).
    if (auto refused = password_rule_error("password", *password, {view->login, false})) return *refused;

    auto& services = ctx.services();
    auto account_id = services::accept_invitation(ctx.tx(), token, *password,
                                                  [&](std::string_view p) { return services.passwords.hash(p); });
    if (!account_id) return account_id.error();
    ctx.audit({.action = "session.create", .target_type = "account", .target_id = std::to_string(*account_id),
               .detail = {{"via", "invitation"}},
               .actor = services::AuditRecord::Actor{*account_id, view->login}});
    return start_session(ctx, *account_id);
}

} // namespace

void add_invitation_routes(http::Router& router) {
    router.add("GET", "/api/v1/invitations/:token", read);
    router.add("POST", "/api/v1/invitations/:token/accept", accept, {.never_store_answer = true});
}

} // namespace mimamori::api
