#include "api/patient_guard.hpp"

#include "http/auth.hpp"

namespace mimamori::api {

Result<AuthorizedPatient> authorize_patient(http::RequestContext& ctx, std::int64_t id,
                                            std::initializer_list<perm::Action> actions) {
    const auto& principal = http::signed_in(ctx).principal;
    auto loaded = services::load_patient_target(ctx.tx(), id, principal);
    AuthorizedPatient out{id, loaded.value_or(services::unknown_patient_target(id))};
    bool allowed = false;
    for (auto it = actions.begin(); it != actions.end() && !allowed; ++it) {
        if (std::next(it) != actions.end()) {
            allowed = perm::decide(principal, *it, out.target).allowed;
            continue;
        }
        if (auto ok = http::authorize(ctx, *it, out.target, {"patient", std::to_string(id)}); !ok)
            return ok.error();
        allowed = true;
    }
    if (!loaded) return Error::make(ErrorCode::NotFound, "no such patient");
    return out;
}

Result<AuthorizedPatient> authorized_patient(const http::Request& request, http::RequestContext& ctx,
                                             std::initializer_list<perm::Action> actions, std::string_view param) {
    auto id = http::path_id(request, param);
    if (!id) return id.error();
    return authorize_patient(ctx, *id, actions);
}

Result<AuthorizedTeam> authorized_team(const http::Request& request, http::RequestContext& ctx, perm::Action action) {
    auto id = http::path_id(request, "id");
    if (!id) return id.error();
    AuthorizedTeam out{*id, services::team_access(ctx.tx(), http::signed_in(ctx).principal, *id)};
    if (auto ok = http::authorize(ctx, action, out.access.target, {"team", std::to_string(*id)}); !ok)
        return ok.error();
    if (!out.access.exists) return Error::make(ErrorCode::NotFound, "no such care team");
    return out;
}

services::AuditRecord patient_entry(std::string action, std::int64_t patient_id, std::string target_type,
                                    std::string target_id) {
    if (target_id.empty() && target_type == "patient") target_id = std::to_string(patient_id);
    return {.action = std::move(action), .target_type = std::move(target_type), .target_id = std::move(target_id),
            .patient_id = patient_id};
}

perm::Target own_facilities_target(const http::RequestContext& ctx) {
    perm::Target target;
    for (const auto& a : http::signed_in(ctx).principal.affiliations) target.patient_facility_ids.push_back(a.facility_id);
    return target;
}

} // namespace mimamori::api
