// POST /api/v1/session (sign-in), DELETE /api/v1/session (sign-out), DELETE /api/v1/sessions
// (sign-out everywhere). See services/sign_in.hpp for the rules.
#include "api/account_json.hpp"
#include "api/routes.hpp"
#include "http/auth.hpp"
#include "http/json_body.hpp"
#include "services/services.hpp"

namespace mimamori::api {

using http::Request;
using http::RequestContext;
using http::Response;

namespace {

constexpr std::size_t k_max_login_bytes = 256;
constexpr std::size_t k_max_password_bytes = 4096;

Result<services::SignInInput> parse_sign_in(const Request& request) {
    auto body = http::read_json_object(request);
    if (!body) return body.error();
    if (auto known = json::reject_unknown_keys(*body, {"login", "password", "totp", "recovery_code", "kiosk"}); !known)
        return known.error();
    auto login = json::get_string(*body, "login");
    if (!login) return login.error();
    auto password = json::get_string(*body, "password");
    if (!password) return password.error();
    auto totp = json::get_optional_string(*body, "totp");
    if (!totp) return totp.error();
    auto recovery_code = json::get_optional_string(*body, "recovery_code");
    if (!recovery_code) return recovery_code.error();
    auto kiosk = json::get_optional_bool(*body, "kiosk");
    if (!kiosk) return kiosk.error();
    if (login->empty() || login->size() > k_max_login_bytes)
        return Error::invalid("login", "enter your login id (at most 256 characters)");
    if (password->empty() || password->size() > k_max_password_bytes)
        return Error::invalid("password", "enter your password (at most 4096 bytes)");
    services::SignInInput in;
    in.login = std::move(*login);
    in.password = std::move(*password);
    if (*totp && !(*totp)->empty()) in.totp = std::move(**totp);
    if (*recovery_code && !(*recovery_code)->empty()) in.recovery_code = std::move(**recovery_code);
    in.kiosk = kiosk->value_or(false);
    in.client_address = request.client_address;
    in.user_agent = std::string(request.header("User-Agent").value_or("")).substr(0, 512);
    return in;
}

Response no_content() {
    Response r;
    r.status = 204;
    return r;
}

} // namespace

void add_session_routes(http::Router& router) {
    router.add(
        "POST", "/api/v1/session",
        [](const Request& request, RequestContext& ctx) -> Result<Response> {
            auto in = parse_sign_in(request);
            if (!in) return in.error();
            auto& services = ctx.services();
            auto result = services.sign_in.attempt(services, ctx.database(), ctx.unit_of_work(), *in);
            ctx.audit(std::move(result.audit));
            if (result.error) {
                auto r = Response::error(*result.error);
                if (result.retry_after_seconds) r.headers.set("Retry-After", std::to_string(*result.retry_after_seconds));
                return r;
            }
            auto r = Response::json(200, signed_in_json(*result.signed_in));
            r.headers.add("Set-Cookie", services::Sessions::cookie_header(*result.session));
            r.headers.set("Cache-Control", "no-store");
            return r;
        },
        {.never_store_answer = true});

    router.add(
        "DELETE", "/api/v1/session",
        [](const Request&, RequestContext& ctx) -> Result<Response> {
            const auto& who = http::signed_in(ctx);
            ctx.services().sessions.end(ctx.tx(), who.session);
            ctx.audit({.action = "session.delete", .target_type = "account", .target_id = std::to_string(who.account.id)});
            auto r = no_content();
            r.headers.add("Set-Cookie", services::Sessions::clearing_cookie_header());
            return r;
        },
        {.requires_session = true, .allowed_before_password_change = true, .allowed_before_two_factor = true});

    router.add(
        "DELETE", "/api/v1/sessions",
        [](const Request&, RequestContext& ctx) -> Result<Response> {
            if (auto ok = http::authorize(ctx, perm::Action::OwnAccountManage); !ok) return ok.error();
            const auto& who = http::signed_in(ctx);
            ctx.services().sessions.end_all(ctx.tx(), who.account.id);
            ctx.audit({.action = "session.delete_all", .target_type = "account",
                       .target_id = std::to_string(who.account.id)});
            auto r = no_content();
            r.headers.add("Set-Cookie", services::Sessions::clearing_cookie_header());
            return r;
        },
        {.requires_session = true});
}

} // namespace mimamori::api
