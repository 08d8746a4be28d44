#pragma once
// The permission guard every handler of a signed-in route uses. The pattern, for the routes of
// any resource (perm::decide is THE permission function; a handler never decides by itself):
//
//   router.add("GET", "/api/v1/facilities/:id",
//       [](const Request& request, RequestContext& ctx) -> Result<Response> {
//           auto id = http::path_id(request, "id");                 // 400 when not an id
//           if (!id) return id.error();
//           perm::Target target{.facility_id = *id};
//           if (auto ok = http::authorize(ctx, perm::Action::FacilityView, target,
//                                         {"facility", std::to_string(*id)}); !ok)
//               return ok.error();                                  // 403, "denied" logged
//           auto facility = services::find_facility(ctx.tx(), *id); // service -> repository
//           if (!facility) return facility.error();                 // 404 ...
//           ctx.audit({.action = "facility.read", .target_type = "facility",
//                      .target_id = std::to_string(*id)});          // one entry per access
//           return Response::json(200, to_json(*facility));
//       },
//       {.requires_session = true});
//
// - requires_session: the session middleware has loaded ctx.auth() (account, affiliations,
//   session, perm::Principal) and checked X-CSRF-Token on POST/PUT/PATCH/DELETE.
// - authorize() loads nothing: put the facts decide() needs into the Target first (the facility
//   of a staff member, the patient's facilities and team membership ...).
// - ctx.audit() for every read or write of master or patient data, with patient_id whenever a
//   patient's information is touched. The layer fills in actor, client address and time; if the
//   request ends in an error its "ok" entries are recorded as "failed"; entries are appended
//   before the request's transaction commits and before the answer leaves (context.hpp).
// - Use ctx.tx() for the request's reads and writes (one transaction, committed on success).

#include <cstdint>
#include <string>
#include <string_view>

#include "http/context.hpp"
#include "http/request.hpp"
#include "mimamori/common/permissions.hpp"
#include "mimamori/common/result.hpp"

namespace mimamori::http {

// What a denial entry in the access log names as the target.
struct AuditTarget {
    std::string type; // "facility", "account", "patient" ...
    std::string id;
};

// Decides `action` on `target` for the signed-in principal with perm::decide. Denied: a
// Forbidden error carrying decide()'s reason, and an access-log entry (action =
// perm::to_string(action), result "denied", the reason in detail, target.patient_id as the
// patient). No session (a route without requires_session): Unauthenticated.
Status authorize(RequestContext& context, perm::Action action, const perm::Target& target = {},
                 const AuditTarget& what = {});

// The signed-in account of a requires_session route (asserts that there is one).
const services::SignedIn& signed_in(const RequestContext& context);

// The path parameter `name` as a positive 64-bit id; InvalidInput naming it otherwise.
Result<std::int64_t> path_id(const Request& request, std::string_view name);

} // namespace mimamori::http
