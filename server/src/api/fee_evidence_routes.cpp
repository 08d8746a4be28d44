// Fee-rule evidence (issue 5, DESIGN.md §6), for a facility's own staff (FeeEvidenceView):
//   GET /api/v1/facilities/{id}/fee-evidence/home-care?month=YYYY-MM[&patient_id=][&lang=ja|en]
//        在宅医療情報連携加算: per patient, whether each condition holds and why not (JSON)
//   GET /api/v1/facilities/{id}/fee-evidence/home-care.csv?month=...[&lang=][&encoding=]
//   GET /api/v1/facilities/{id}/fee-evidence/cooperation?month=...[&lang=]
//        協力医療機関連携加算 (nursing homes): the residents lacking this month's record (JSON)
//   GET /api/v1/facilities/{id}/fee-evidence/cooperation.csv?month=...
//   GET|PUT /api/v1/facilities/{id}/special-relationships   特別の関係 ({"facility_ids":[...]};
//        PUT by the facility's manager or the secretariat administrator)
// The CSV files are UTF-8 with a BOM and CRLF (or Shift_JIS, api/csv_download.hpp). Each patient
// in an answer is an access-log entry naming the patient.
#include <charconv>

#include "api/csv_download.hpp"
#include "api/master_routes.hpp"
#include "api/patient_guard.hpp"
#include "api/routes.hpp"
#include "http/auth.hpp"
#include "http/json_body.hpp"
#include "services/fee_evidence.hpp"

namespace mimamori::api {

using http::Request;
using http::RequestContext;
using http::Response;

namespace {

Result<std::int64_t> evidence_facility(const Request& request, RequestContext& ctx, perm::Action action) {
    auto id = http::path_id(request, "id");
    if (!id) return id.error();
    if (auto ok = http::authorize(ctx, action, facility_target(*id), {"facility", std::to_string(*id)}); !ok)
        return ok.error();
    return *id;
}

Result<YearMonth> month_of(const Request& request) {
    auto text = request.query_param("month");
    if (!text || text->empty()) return Error::invalid("month", "month is required (YYYY-MM)");
    return parse_year_month(*text, "month");
}

Result<Lang> lang_of(const Request& request) {
    auto text = request.query_param("lang").value_or("ja");
    if (text == "ja") return Lang::Ja;
    if (text == "en") return Lang::En;
    return Error::invalid("lang", "lang must be ja or en");
}

void audit_evidence(RequestContext& ctx, const std::string& action, std::int64_t facility_id, const YearMonth& month,
                    const std::vector<std::int64_t>& patients) {
    for (auto p : patients) {
        auto entry = patient_entry(action, p);
        entry.detail = {{"facility_id", facility_id}, {"month", month.to_string()}};
        ctx.audit(std::move(entry));
    }
}

// The home-care report of the request, audited.
Result<services::HomeCareReport> home_care(const Request& request, RequestContext& ctx, const std::string& action) {
    auto facility = evidence_facility(request, ctx, perm::Action::FeeEvidenceView);
    if (!facility) return facility.error();
    auto month = month_of(request);
    if (!month) return month.error();
    std::optional<std::int64_t> patient;
    if (auto text = request.query_param("patient_id"); text && !text->empty()) {
        std::int64_t id = 0;
        auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), id);
        if (ec != std::errc{} || end != text->data() + text->size() || id <= 0)
            return Error::invalid("patient_id", "patient_id must be a positive whole number");
        patient = id;
    }
    auto report = services::home_care_report(ctx.tx(), *facility, *month, patient);
    if (!report) return report.error();
    std::vector<std::int64_t> ids;
    for (const auto& e : report->evaluations) ids.push_back(e.patient_id);
    audit_evidence(ctx, action, *facility, *month, ids);
    return report;
}

Result<services::CooperationEvidence> cooperation(const Request& request, RequestContext& ctx, const std::string& action) {
    auto facility = evidence_facility(request, ctx, perm::Action::FeeEvidenceView);
    if (!facility) return facility.error();
    auto month = month_of(request);
    if (!month) return month.error();
    auto evidence = services::cooperation_report(ctx.tx(), *facility, *month);
    if (!evidence) return evidence.error();
    std::vector<std::int64_t> ids;
    for (const auto& r : evidence->report.residents) ids.push_back(r.patient_id);
    audit_evidence(ctx, action, *facility, *month, ids);
    return evidence;
}

Result<Response> home_care_json(const Request& request, RequestContext& ctx) {
    auto lang = lang_of(request);
    if (!lang) return lang.error();
    auto report = home_care(request, ctx, "fee_evidence.home_care");
    if (!report) return report.error();
    return Response::json(200, services::home_care_json(*report, *lang));
}

Result<Response> home_care_csv(const Request& request, RequestContext& ctx) {
    auto lang = lang_of(request);
    if (!lang) return lang.error();
    auto report = home_care(request, ctx, "fee_evidence.home_care_csv");
    if (!report) return report.error();
    const std::string month = report->month.to_string();
    return csv_download(request, {fee::home_care_csv(report->evaluations, *lang, report->names),
                                  "home-care-evidence-" + std::to_string(report->clinic.id) + "-" + month + ".csv",
                                  "在宅医療情報連携加算_" + report->clinic.name + "_" + month + ".csv"});
}

Result<Response> cooperation_json(const Request& request, RequestContext& ctx) {
    auto lang = lang_of(request);
    if (!lang) return lang.error();
    auto evidence = cooperation(request, ctx, "fee_evidence.cooperation");
    if (!evidence) return evidence.error();
    return Response::json(200, services::cooperation_json(*evidence, *lang));
}

Result<Response> cooperation_csv(const Request& request, RequestContext& ctx) {
    auto lang = lang_of(request);
    if (!lang) return lang.error();
    auto evidence = cooperation(request, ctx, "fee_evidence.cooperation_csv");
    if (!evidence) return evidence.error();
    const std::string month = evidence->report.month.to_string();
    return csv_download(request, {fee::cooperation_csv(evidence->report, *lang, evidence->names),
                                  "cooperation-evidence-" + std::to_string(evidence->home.id) + "-" + month + ".csv",
                                  "協力医療機関連携加算_" + evidence->home.name + "_" + month + ".csv"});
}

Json special_json(db::Tx& tx, std::int64_t facility_id) {
    Json list = Json::array();
    for (const auto& f : repositories::facilities_named(tx, repositories::special_relationships(tx, facility_id)))
        list.push_back({{"id", f.id}, {"name", f.name}});
    return {{"facility_id", facility_id}, {"facilities", std::move(list)}};
}

Result<Response> special_read(const Request& request, RequestContext& ctx) {
    auto facility = evidence_facility(request, ctx, perm::Action::FeeEvidenceView);
    if (!facility) return facility.error();
    if (!repositories::fee_facility(ctx.tx(), *facility)) return Error::make(ErrorCode::NotFound, "no such facility");
    ctx.audit({.action = "facility.special_relationships.read", .target_type = "facility",
               .target_id = std::to_string(*facility)});
    return Response::json(200, special_json(ctx.tx(), *facility));
}

Result<Response> special_write(const Request& request, RequestContext& ctx) {
    auto facility = evidence_facility(request, ctx, perm::Action::SpecialRelationshipEdit);
    if (!facility) return facility.error();
    if (!repositories::fee_facility(ctx.tx(), *facility)) return Error::make(ErrorCode::NotFound, "no such facility");
    auto body = http::read_json_object(request);
    if (!body) return body.error();
    auto ids = services::set_special_relationships(ctx.tx(), *facility, *body, http::signed_in(ctx).account.id);
    if (!ids) return ids.error();
    ctx.audit({.action = "facility.special_relationships.update", .target_type = "facility",
               .target_id = std::to_string(*facility), .detail = {{"count", static_cast<std::int64_t>(ids->size())}}});
    return Response::json(200, special_json(ctx.tx(), *facility));
}

} // namespace

void add_fee_evidence_routes(http::Router& router) {
    router.add("GET", "/api/v1/facilities/:id/fee-evidence/home-care", home_care_json, k_signed_in);
    router.add("GET", "/api/v1/facilities/:id/fee-evidence/home-care.csv", home_care_csv, k_signed_in);
    router.add("GET", "/api/v1/facilities/:id/fee-evidence/cooperation", cooperation_json, k_signed_in);
    router.add("GET", "/api/v1/facilities/:id/fee-evidence/cooperation.csv", cooperation_csv, k_signed_in);
    router.add("GET", "/api/v1/facilities/:id/special-relationships", special_read, k_signed_in);
    router.add("PUT", "/api/v1/facilities/:id/special-relationships", special_write, k_signed_in);
}

} // namespace mimamori::api
