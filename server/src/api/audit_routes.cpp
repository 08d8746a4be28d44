// GET /api/v1/audit: the access log for secretariat administrators (itself logged).
#include "api/routes.hpp"
#include "http/auth.hpp"
#include "services/audit_search.hpp"

namespace mimamori::api {

using http::Request;
using http::RequestContext;
using http::Response;

namespace {

Json entry_json(const audit::Entry& e) {
    auto optional_id = [](const std::optional<std::int64_t>& id) { return id ? Json(*id) : Json(nullptr); };
    return {{"id", e.sequence},
            {"at", audit::format_time(e.time_us)},
            {"actor_account_id", optional_id(e.actor_account_id)},
            {"actor_login", e.actor_login},
            {"action", e.action},
            {"target_type", e.target_type},
            {"target_id", e.target_id},
            {"patient_id", optional_id(e.patient_id)},
            {"client_address", e.client_address},
            {"result", e.result},
            {"detail", e.detail}};
}

std::optional<std::string> param(const Request& request, std::string_view name) {
    auto value = request.query_param(name);
    return value ? std::optional<std::string>(*value) : std::nullopt;
}

} // namespace

void add_audit_routes(http::Router& router) {
    router.add(
        "GET", "/api/v1/audit",
        [](const Request& request, RequestContext& ctx) -> Result<Response> {
            if (auto ok = http::authorize(ctx, perm::Action::AuditLogView, {}, {"audit_log", ""}); !ok) return ok.error();
            services::AuditQuery q{param(request, "from"),       param(request, "to"),     param(request, "actor"),
                                   param(request, "patient_id"), param(request, "action"), param(request, "result"),
                                   param(request, "before_id"),  param(request, "limit")};
            auto page = services::search_audit(ctx.tx(), q);
            if (!page) return page.error();
            Json filters = Json::object();
            for (const auto& [name, value] : request.query) filters[name] = value;
            ctx.audit({.action = "audit.read", .target_type = "audit_log", .detail = {{"filters", filters}}});
            Json entries = Json::array();
            for (const auto& s : page->entries) entries.push_back(entry_json(s.entry));
            return Response::json(200, Json{{"entries", entries},
                                            {"next_before_id", page->next_before_id ? Json(*page->next_before_id)
                                                                                    : Json(nullptr)}});
        },
        {.requires_session = true});
}

} // namespace mimamori::api
