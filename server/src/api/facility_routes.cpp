// Facilities (secretariat administrator; the security policy also the facility's manager):
//   GET /api/v1/facilities?q=&type=&status=        POST /api/v1/facilities
//   GET|PUT|DELETE /api/v1/facilities/{id}          POST /api/v1/facilities/{id}/representative/reinvite
//   PUT /api/v1/facilities/{id}/security
// Each handler: permission through http::authorize (perm::decide), the service, an access-log
// entry for the read or write.
#include "api/master_routes.hpp"
#include "api/routes.hpp"
#include "http/auth.hpp"
#include "http/json_body.hpp"
#include "services/facilities.hpp"
#include "services/services.hpp"

namespace mimamori::api {

using http::Request;
using http::RequestContext;
using http::Response;

namespace {

services::AuditRecord record(std::string action, std::int64_t id) {
    return {.action = std::move(action), .target_type = "facility", .target_id = std::to_string(id)};
}

Result<Response> list(const Request& request, RequestContext& ctx) {
    if (auto ok = http::authorize(ctx, perm::Action::MenuFacilityList, {}, {"facility", ""}); !ok) return ok.error();
    services::FacilityQuery query{std::string(request.query_param("q").value_or("")),
                                  std::string(request.query_param("type").value_or("")),
                                  std::string(request.query_param("status").value_or(""))};
    auto facilities = services::list_facilities(ctx.tx(), query);
    if (!facilities) return facilities.error();
    Json items = Json::array();
    for (const auto& f : *facilities) items.push_back(services::to_json(f));
    ctx.audit({.action = "facility.list", .target_type = "facility",
               .detail = {{"q", query.q}, {"type", query.type}, {"status", query.status},
                          {"count", static_cast<std::int64_t>(items.size())}}});
    return Response::json(200, Json{{"facilities", std::move(items)}});
}

Result<Response> create(const Request& request, RequestContext& ctx) {
    if (auto ok = http::authorize(ctx, perm::Action::FacilityRegister, {}, {"facility", ""}); !ok) return ok.error();
    auto body = http::read_json_object(request);
    if (!body) return body.error();
    auto facility = services::register_facility(ctx.tx(), *body, inviter(ctx));
    if (!facility) return facility.error();
    ctx.audit(record("facility.create", facility->row.id));
    if (facility->row.representative)
        ctx.audit({.action = "staff.create", .target_type = "account",
                   .target_id = std::to_string(facility->row.representative->account_id),
                   .detail = {{"facility_id", facility->row.id}, {"manager", true}, {"invitation", "sent"}}});
    return Response::json(201, Json{{"facility", services::to_json(*facility)}});
}

Result<Response> read(const Request& request, RequestContext& ctx) {
    auto id = authorized_facility(request, ctx, perm::Action::FacilityView);
    if (!id) return id.error();
    auto facility = services::get_facility(ctx.tx(), *id);
    if (!facility) return facility.error();
    ctx.audit(record("facility.read", *id));
    return Response::json(200, services::to_json(*facility));
}

Result<Response> update(const Request& request, RequestContext& ctx) {
    auto id = authorized_facility(request, ctx, perm::Action::FacilityEdit);
    if (!id) return id.error();
    auto body = http::read_json_object(request);
    if (!body) return body.error();
    auto facility = services::update_facility(ctx.tx(), *id, *body);
    if (!facility) return facility.error();
    ctx.audit(record("facility.update", *id));
    return Response::json(200, services::to_json(*facility));
}

Result<Response> remove(const Request& request, RequestContext& ctx) {
    auto id = authorized_facility(request, ctx, perm::Action::FacilityDelete);
    if (!id) return id.error();
    if (auto deleted = services::delete_facility(ctx.tx(), *id); !deleted) return deleted.error();
    ctx.audit(record("facility.delete", *id));
    return no_content();
}

Result<Response> reinvite(const Request& request, RequestContext& ctx) {
    auto id = authorized_facility(request, ctx, perm::Action::FacilityRerequestRepresentative);
    if (!id) return id.error();
    auto expires_at = services::reinvite_representative(ctx.tx(), *id, inviter(ctx));
    if (!expires_at) return expires_at.error();
    ctx.audit(record("facility.reinvite_representative", *id));
    return reinvited(*expires_at);
}

Result<Response> security(const Request& request, RequestContext& ctx) {
    auto id = authorized_facility(request, ctx, perm::Action::FacilitySecurityPolicyEdit);
    if (!id) return id.error();
    auto body = http::read_json_object(request);
    if (!body) return body.error();
    auto facility = services::set_facility_security(ctx.tx(), *id, *body);
    if (!facility) return facility.error();
    auto entry = record("facility.security_update", *id);
    entry.detail = {{"require_two_factor", facility->row.require_two_factor}};
    ctx.audit(std::move(entry));
    return Response::json(200, services::to_json(*facility));
}

} // namespace

void add_facility_routes(http::Router& router) {
    router.add("GET", "/api/v1/facilities", list, k_signed_in);
    router.add("POST", "/api/v1/facilities", create, k_signed_in);
    router.add("GET", "/api/v1/facilities/:id", read, k_signed_in);
    router.add("PUT", "/api/v1/facilities/:id", update, k_signed_in);
    router.add("DELETE", "/api/v1/facilities/:id", remove, k_signed_in);
    router.add("POST", "/api/v1/facilities/:id/representative/reinvite", reinvite, k_signed_in);
    router.add("PUT", "/api/v1/facilities/:id/security", security, k_signed_in);
}

} // namespace mimamori::api
