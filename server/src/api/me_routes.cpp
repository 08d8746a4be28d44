// The signed-in person's own account: GET /api/v1/me, PUT /api/v1/me/password, and two-factor
// enrolment (POST /api/v1/me/two-factor, POST .../confirm, DELETE /api/v1/me/two-factor).
#include "api/account_json.hpp"
#include "api/routes.hpp"
#include "http/auth.hpp"
#include "http/json_body.hpp"
#include "repositories/account_repository.hpp"
#include "services/family_keys.hpp"
#include "services/own_account.hpp"
#include "services/services.hpp"
#include "services/two_factor.hpp"

namespace mimamori::api {

using http::Request;
using http::RequestContext;
using http::Response;

namespace {

// The body's string fields `names`, in order; an error naming the first missing or mistyped one.
Result<std::vector<std::string>> string_fields(const Json& body, std::initializer_list<std::string_view> names) {
    if (auto known = json::reject_unknown_keys(body, names); !known) return known.error();
    std::vector<std::string> out;
    for (auto name : names) {
        auto value = json::get_string(body, name);
        if (!value) return value.error();
        if (value->size() > 4096) return Error::invalid(std::string(name), std::string(name) + " is too long");
        out.push_back(std::move(*value));
    }
    return out;
}

Result<std::vector<std::string>> string_fields(const Request& request, std::initializer_list<std::string_view> names) {
    auto body = http::read_json_object(request);
    if (!body) return body.error();
    return string_fields(*body, names);
}

Response no_content() {
    Response r;
    r.status = 204;
    return r;
}

std::string own_id(const RequestContext& ctx) { return std::to_string(http::signed_in(ctx).account.id); }

Result<Response> get_me(const Request&, RequestContext& ctx) {
    auto r = Response::json(200, me_json(http::signed_in(ctx)));
    r.headers.set("Cache-Control", "no-store");
    return r;
}

Result<Response> change_password(const Request& request, RequestContext& ctx) {
    auto body = http::read_json_object(request);
    if (!body) return body.error();
    // The family space's password wrap under the new password (issue 6), stored with the change.
    std::optional<Json> family_key_wrap;
    if (auto it = body->find("family_key_wrap"); it != body->end()) {
        if (!it->is_null()) family_key_wrap = *it;
        body->erase(it);
    }
    auto fields = string_fields(*body, {"current_password", "new_password"});
    if (!fields) return fields.error();
    const auto& who = http::signed_in(ctx);
    const std::string& current = (*fields)[0];
    const std::string& next = (*fields)[1];
    auto& services = ctx.services();
    auto audit_failure = [&](const std::string& reason) {
        ctx.audit({.action = "account.password_change", .target_type = "account", .target_id = own_id(ctx),
                   .result = "failed", .detail = {{"reason", reason}}});
    };
    if (auto ok = services::verify_own_password(services, ctx.database(), who, current, "current_password"); !ok) {
        audit_failure("current_password");
        return ok.error();
    }
    if (auto refused = password_rule_error("new_password", next, services::password_context(who))) {
        audit_failure("password_rules");
        return *refused;
    }
    if (next == current) {
        audit_failure("unchanged");
        return Error::invalid("new_password", "choose a password different from the current one");
    }
    if (family_key_wrap) {
        if (auto stored = services::store_password_wrap(ctx.tx(), who.account.id, *family_key_wrap, "family_key_wrap");
            !stored) {
            audit_failure("family_key_wrap");
            return stored.error();
        }
    }
    services::set_own_password(services, ctx.tx(), who, next);
    ctx.audit({.action = "account.password_change", .target_type = "account", .target_id = own_id(ctx),
               .detail = {{"family_key_wrap", family_key_wrap.has_value()}}});
    return no_content();
}

Result<Response> start_two_factor(const Request&, RequestContext& ctx) {
    const auto& who = http::signed_in(ctx);
    auto enrolment = services::start_two_factor(ctx.tx(), ctx.services().secret_key, who.account);
    if (!enrolment) return enrolment.error();
    ctx.audit({.action = "account.two_factor_start", .target_type = "account", .target_id = own_id(ctx)});
    auto r = Response::json(200, Json{{"secret_base32", enrolment->secret_base32},
                                      {"otpauth_uri", enrolment->otpauth_uri},
                                      {"qr_svg", enrolment->qr_svg}});
    r.headers.set("Cache-Control", "no-store");
    return r;
}

Result<Response> confirm_two_factor(const Request& request, RequestContext& ctx) {
    auto fields = string_fields(request, {"code"});
    if (!fields) return fields.error();
    const auto& who = http::signed_in(ctx);
    auto codes = services::confirm_two_factor(ctx.tx(), ctx.services().secret_key, who.account.id, (*fields)[0]);
    if (!codes) return codes.error();
    ctx.audit({.action = "account.two_factor_enable", .target_type = "account", .target_id = own_id(ctx)});
    auto r = Response::json(200, Json{{"recovery_codes", *codes}});
    r.headers.set("Cache-Control", "no-store");
    return r;
}

Result<Response> disable_two_factor(const Request& request, RequestContext& ctx) {
    auto fields = string_fields(request, {"password", "code"});
    if (!fields) return fields.error();
    const auto& who = http::signed_in(ctx);
    auto& services = ctx.services();
    if (auto ok = services::verify_own_password(services, ctx.database(), who, (*fields)[0], "password"); !ok)
        return ok.error();
    if (auto off = services::disable_two_factor(ctx.tx(), services.secret_key, who, (*fields)[1]); !off)
        return off.error();
    // Without two-factor sign-in the stricter rules apply: a password chosen under the shorter
    // minimum must be changed now.
    bool weak = !password::violations((*fields)[0], {who.account.login, false}).empty();
    if (weak) repositories::set_must_change_password(ctx.tx(), who.account.id, true);
    ctx.audit({.action = "account.two_factor_disable", .target_type = "account", .target_id = own_id(ctx),
               .detail = {{"must_change_password", weak}}});
    return no_content();
}

// Every route here is about the caller's own account.
http::Handler own(Result<Response> (*handler)(const Request&, RequestContext&)) {
    return [handler](const Request& request, RequestContext& ctx) -> Result<Response> {
        if (auto ok = http::authorize(ctx, perm::Action::OwnAccountManage, {}, {"account", own_id(ctx)}); !ok)
            return ok.error();
        return handler(request, ctx);
    };
}

} // namespace

void add_me_routes(http::Router& router) {
    const http::RouteOptions setup{.requires_session = true, .allowed_before_password_change = true,
                                   .allowed_before_two_factor = true};
    router.add("GET", "/api/v1/me", own(get_me), setup);
    router.add("PUT", "/api/v1/me/password", own(change_password), setup);
    http::RouteOptions two_factor{.requires_session = true, .allowed_before_two_factor = true};
    router.add("POST", "/api/v1/me/two-factor", own(start_two_factor), two_factor);
    router.add("POST", "/api/v1/me/two-factor/confirm", own(confirm_two_factor), two_factor);
    router.add("DELETE", "/api/v1/me/two-factor", own(disable_two_factor), two_factor);
}

} // namespace mimamori::api
