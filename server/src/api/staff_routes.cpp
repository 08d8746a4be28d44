// Staff (StaffView for the list; a facility's manager or the secretariat administrator for the
// rest):
//   GET /api/v1/staff?facility_id=&q=&status=
//   POST /api/v1/facilities/{id}/staff
//   DELETE /api/v1/facilities/{id}/staff/{account_id}          (所属解除)
//   POST /api/v1/facilities/{id}/staff/{account_id}/reinvite   (スタッフ登録再依頼)
#include "api/master_routes.hpp"
#include "api/routes.hpp"
#include "http/auth.hpp"
#include "http/json_body.hpp"
#include "services/services.hpp"
#include "services/staff.hpp"

namespace mimamori::api {

using http::Request;
using http::RequestContext;
using http::Response;

namespace {

Result<Response> list(const Request& request, RequestContext& ctx) {
    auto facility_id = optional_query_id(request, "facility_id");
    if (!facility_id) return facility_id.error();
    // One facility's staff: StaffView for it. Everyone the user may see: the menu's permission,
    // and the service narrows the list by StaffView per facility.
    auto ok = *facility_id ? http::authorize(ctx, perm::Action::StaffView, facility_target(**facility_id),
                                             {"facility", std::to_string(**facility_id)})
                           : http::authorize(ctx, perm::Action::MenuStaffList, {}, {"account", ""});
    if (!ok) return ok.error();
    services::StaffQuery query{*facility_id, std::string(request.query_param("q").value_or("")),
                               std::string(request.query_param("status").value_or(""))};
    auto staff = services::list_staff(ctx.tx(), http::signed_in(ctx).principal, query);
    if (!staff) return staff.error();
    Json items = Json::array();
    for (const auto& s : *staff) items.push_back(services::to_json(s));
    ctx.audit({.action = "staff.list", .target_type = "facility",
               .target_id = *facility_id ? std::to_string(**facility_id) : "",
               .detail = {{"q", query.q}, {"status", query.status}, {"count", static_cast<std::int64_t>(items.size())}}});
    return Response::json(200, Json{{"staff", std::move(items)}});
}

Result<Response> create(const Request& request, RequestContext& ctx) {
    auto facility_id = authorized_facility(request, ctx, perm::Action::StaffRegister);
    if (!facility_id) return facility_id.error();
    auto body = http::read_json_object(request);
    if (!body) return body.error();
    auto staff = services::register_staff(ctx.tx(), *facility_id, *body, inviter(ctx));
    if (!staff) return staff.error();
    ctx.audit({.action = "staff.create", .target_type = "account", .target_id = std::to_string(staff->id),
               .detail = {{"facility_id", *facility_id}, {"manager", !staff->affiliations.empty() && staff->affiliations[0].manager},
                          {"invitation", "sent"}}});
    return Response::json(201, Json{{"staff", services::to_json(*staff)}});
}

Result<Response> unaffiliate(const Request& request, RequestContext& ctx) {
    auto facility_id = authorized_facility(request, ctx, perm::Action::StaffUnaffiliate);
    if (!facility_id) return facility_id.error();
    auto account_id = http::path_id(request, "account_id");
    if (!account_id) return account_id.error();
    if (auto done = services::unaffiliate_staff(ctx.tx(), *facility_id, *account_id); !done) return done.error();
    ctx.audit({.action = "staff.unaffiliate", .target_type = "account", .target_id = std::to_string(*account_id),
               .detail = {{"facility_id", *facility_id}}});
    return no_content();
}

Result<Response> reinvite(const Request& request, RequestContext& ctx) {
    auto facility_id = authorized_facility(request, ctx, perm::Action::StaffResendInvitation);
    if (!facility_id) return facility_id.error();
    auto account_id = http::path_id(request, "account_id");
    if (!account_id) return account_id.error();
    auto expires_at = services::reinvite_staff(ctx.tx(), *facility_id, *account_id, inviter(ctx));
    if (!expires_at) return expires_at.error();
    ctx.audit({.action = "staff.reinvite", .target_type = "account", .target_id = std::to_string(*account_id),
               .detail = {{"facility_id", *facility_id}}});
    return reinvited(*expires_at);
}

} // namespace

void add_staff_routes(http::Router& router) {
    router.add("GET", "/api/v1/staff", list, k_signed_in);
    router.add("POST", "/api/v1/facilities/:id/staff", create, k_signed_in);
    router.add("DELETE", "/api/v1/facilities/:id/staff/:account_id", unaffiliate, k_signed_in);
    router.add("POST", "/api/v1/facilities/:id/staff/:account_id/reinvite", reinvite, k_signed_in);
}

} // namespace mimamori::api
