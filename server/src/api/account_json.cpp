#include "api/account_json.hpp"

#include <stdexcept>

#include "repositories/account_repository.hpp"
#include "services/services.hpp"

namespace mimamori::api {
namespace {

Json optional_json(const auto& value) { return value ? Json(*value) : Json(nullptr); }

Json allowed_actions(const perm::Principal& principal) {
    Json out = Json::array();
    for (perm::Action action : perm::all_actions()) {
        bool allowed = static_cast<bool>(perm::decide(principal, action));
        for (const auto& a : principal.affiliations) {
            if (allowed) break;
            perm::Target own_facility;
            own_facility.facility_id = a.facility_id;
            allowed = static_cast<bool>(perm::decide(principal, action, own_facility));
        }
        if (allowed) out.push_back(std::string(perm::to_string(action)));
    }
    return out;
}

} // namespace

Json me_json(const services::SignedIn& who) {
    const auto& a = who.account;
    Json roles = Json::array();
    for (perm::Role role : perm::roles(who.principal)) roles.push_back(std::string(perm::to_string(role)));
    Json affiliations = Json::array();
    for (const auto& m : who.affiliations)
        affiliations.push_back({{"facility_id", m.facility_id},
                                {"facility_name", m.facility_name},
                                {"facility_type", m.facility_type},
                                {"manager", m.manager},
                                {"require_two_factor", m.require_two_factor}});
    return {{"account",
             {{"id", a.id},
              {"login", a.login},
              {"name", a.name},
              {"name_kana", a.name_kana},
              {"email", a.email},
              {"kind", a.kind},
              {"profession", optional_json(a.profession)},
              {"status", a.status},
              {"family_patient_id", optional_json(a.family_patient_id)}}},
            {"roles", roles},
            {"affiliations", affiliations},
            {"allowed_actions", allowed_actions(who.principal)},
            {"csrf_token", who.session.csrf_token},
            {"must_change_password", a.must_change_password},
            {"two_factor", {{"enabled", a.two_factor_enabled}, {"required", who.two_factor_required()}}},
            {"session", {{"kiosk", who.session.kiosk}, {"idle_timeout_seconds", who.session.idle_timeout.count()}}}};
}

Json signed_in_json(const services::SignedIn& who) {
    return {{"csrf_token", who.session.csrf_token}, {"me", me_json(who)}};
}

http::Response start_session(http::RequestContext& ctx, std::int64_t account_id, bool kiosk) {
    const auto& sessions = ctx.services().sessions;
    auto session = sessions.create(ctx.tx(), account_id, kiosk, ctx.client_address(), "");
    repositories::remember_sign_in_address(ctx.tx(), account_id, ctx.client_address());
    auto who = sessions.load(ctx.tx(), session.cookie_value);
    if (!who) throw std::runtime_error("a session just created cannot be read back (is the account active?)");
    auto r = http::Response::json(200, signed_in_json(*who));
    r.headers.add("Set-Cookie", services::Sessions::cookie_header(session));
    r.headers.set("Cache-Control", "no-store");
    return r;
}

std::optional<http::Response> password_rule_error(std::string_view field, std::string_view password,
                                                  const password::Context& context) {
    auto broken = password::violations(password, context);
    if (broken.empty()) return std::nullopt;
    Json body = json::error_body(Error::invalid(std::string(field), password::message(broken.front(), context)));
    body["error"]["rule"] = std::string(password::code(broken.front()));
    return http::Response::json(400, body);
}

} // namespace mimamori::api
