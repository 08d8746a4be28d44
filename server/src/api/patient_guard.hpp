#pragma once
// The guard of every route that touches a patient's data (issue 4 on): the facts come from
// services::load_patient_target() -- THE loader of membership, consent and lock -- and the decision
// from perm::decide through http::authorize. An id that names no patient is refused like one the
// caller may not see (403), so ids cannot be probed; only the secretariat administrator, whom
// decide() allows, learns that it does not exist (404).

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include "http/auth.hpp"
#include "http/context.hpp"
#include "http/request.hpp"
#include "mimamori/common/permissions.hpp"
#include "services/audit_log.hpp"
#include "services/patient_access.hpp"

namespace mimamori::api {

struct AuthorizedPatient {
    std::int64_t id = 0;
    perm::Target target; // the facts it was allowed on
};

// Patient `id`, once one of `actions` is allowed for it. A refusal names the last action in the
// access log (list the one that best describes the request last).
Result<AuthorizedPatient> authorize_patient(http::RequestContext& ctx, std::int64_t id,
                                            std::initializer_list<perm::Action> actions);
// The same for the path parameter `param`.
Result<AuthorizedPatient> authorized_patient(const http::Request& request, http::RequestContext& ctx,
                                             std::initializer_list<perm::Action> actions, std::string_view param = "id");

// The row that `find(tx, id)` gives for the path's id (a consent record, a family account: any
// row with a patient_id), once `action` on its patient is allowed. An id that names no row is
// refused like an unknown patient: 403, or for the secretariat administrator (whom decide()
// allows on an empty target) 404 with `missing` ("no such ...").
template <class Find>
auto authorized_patient_row(const http::Request& request, http::RequestContext& ctx, perm::Action action,
                            std::string_view target_type, std::string_view missing, Find find)
    -> Result<typename decltype(find(ctx.tx(), std::int64_t{}))::value_type> {
    auto id = http::path_id(request, "id");
    if (!id) return id.error();
    auto row = find(ctx.tx(), *id);
    if (!row) {
        if (auto ok = http::authorize(ctx, action, {}, {std::string(target_type), std::to_string(*id)}); !ok)
            return ok.error();
        return Error::make(ErrorCode::NotFound, std::string(missing));
    }
    if (auto ok = authorize_patient(ctx, row->patient_id, {action}); !ok) return ok.error();
    return std::move(*row);
}

// Care team `id` (services::team_access(): its patient's facts when linked), once `action` is
// allowed; 403 for an unknown id as above.
struct AuthorizedTeam {
    std::int64_t id = 0;
    services::TeamAccess access;
};
Result<AuthorizedTeam> authorized_team(const http::Request& request, http::RequestContext& ctx, perm::Action action);

// An access-log entry about a patient (patient_id set, as every patient access must be).
services::AuditRecord patient_entry(std::string action, std::int64_t patient_id, std::string target_type = "patient",
                                    std::string target_id = "");

// A target for list routes: the facilities of the signed-in account, so that decide() says
// whether the account may see such a list at all (each row is then decided on its own facts).
perm::Target own_facilities_target(const http::RequestContext& ctx);

} // namespace mimamori::api
