#include "api/routes.hpp"

#include "embedded.hpp"
#include "http/context.hpp"
#include "http/json_body.hpp"
#include "mimamori/common/version.hpp"
#include "services/client_errors.hpp"
#include "services/health.hpp"

namespace mimamori::api {

using http::Request;
using http::RequestContext;
using http::Response;

void add_api_routes(http::Router& router) {
    add_health_routes(router);
    add_openapi_routes(router);
    add_client_error_routes(router);
    add_session_routes(router);
    add_me_routes(router);
    add_audit_routes(router);
    add_facility_routes(router);
    add_staff_routes(router);
    add_invitation_routes(router);
    add_record_routes(router);
    add_patient_routes(router);
    add_team_routes(router);
    add_consent_routes(router);
    add_family_routes(router);
    add_family_key_routes(router);
    add_family_space_routes(router);
    add_memo_routes(router);
    add_event_routes(router);
    add_fee_evidence_routes(router);
}

void add_health_routes(http::Router& router) {
    router.add("GET", "/api/v1/health", [](const Request&, RequestContext& context) -> Result<Response> {
        auto health = services::check_health(context.database());
        const char* state = health.database_ok ? "ok" : "unavailable";
        Json body = {{"status", state},
                     {"db", state},
                     {"schema_version", health.schema_version ? Json(*health.schema_version) : Json(nullptr)},
                     {"version", kVersion}};
        return Response::json(health.database_ok ? 200 : 503, body);
    });
}

std::string_view openapi_document() { return server::embedded_api_documents().front().content; }

void add_openapi_routes(http::Router& router) {
    router.add("GET", "/api/v1/openapi.json", [](const Request&, RequestContext&) -> Result<Response> {
        Response r;
        r.headers.set("Content-Type", "application/json; charset=utf-8");
        r.body = std::string(openapi_document());
        return r;
    });
}

void add_client_error_routes(http::Router& router) {
    router.add("POST", "/api/v1/client-errors", [](const Request& request, RequestContext& context) -> Result<Response> {
        auto body = http::read_json_object(request);
        if (!body) return body.error();
        auto id = services::report_client_error(context.tx(), *body, request.header("User-Agent").value_or(""));
        if (!id) return id.error();
        return Response::json(201, Json{{"id", *id}});
    });
}

} // namespace mimamori::api
