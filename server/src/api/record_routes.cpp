// The secretariat administrator's records besides the access log:
//   GET /api/v1/outbox                     the development outbox (and the SMTP queue's state)
//   GET /api/v1/staff.csv                  the staff list (Excel)
//   GET /api/v1/patients.csv               the patient list (with team size and consent state)
//   GET /api/v1/reports/fees.csv?year=Y    the fee report of a year
// CSV files take ?encoding=shift_jis (api/csv_download.hpp).
#include <charconv>

#include "api/csv_download.hpp"
#include "api/master_routes.hpp"
#include "api/routes.hpp"
#include "http/auth.hpp"
#include "mimamori/common/japan_time.hpp"
#include "services/exports.hpp"
#include "services/services.hpp"

namespace mimamori::api {

using http::Request;
using http::RequestContext;
using http::Response;

namespace {

constexpr std::int64_t k_outbox_messages = 200;

Result<Response> outbox(const Request&, RequestContext& ctx) {
    if (auto ok = http::authorize(ctx, perm::Action::OutboxView, {}, {"mail", ""}); !ok) return ok.error();
    Json messages = Json::array();
    for (const auto& m : ctx.services().outbox.list(ctx.tx(), k_outbox_messages))
        messages.push_back({{"id", m.id},
                            {"to", m.to},
                            {"subject", m.subject},
                            {"body", m.body},
                            {"created_at", japan_iso8601(m.created_at)},
                            {"sent_at", m.sent_at ? Json(japan_iso8601(*m.sent_at)) : Json(nullptr)},
                            {"status", m.status},
                            {"attempts", m.attempts},
                            {"last_error", m.last_error}});
    ctx.audit({.action = "outbox.read", .target_type = "mail",
               .detail = {{"count", static_cast<std::int64_t>(messages.size())}}});
    Response r = Response::json(200, Json{{"messages", std::move(messages)}});
    r.headers.set("Cache-Control", "no-store"); // may hold one-time links
    return r;
}

Result<Response> staff_csv(const Request& request, RequestContext& ctx) {
    if (auto ok = http::authorize(ctx, perm::Action::ExportStaffCsv, {}, {"account", ""}); !ok) return ok.error();
    const std::string today = japan_today();
    auto r = csv_download(request, {services::staff_csv(ctx.tx()), "staff-" + today + ".csv", "スタッフ一覧_" + today + ".csv"});
    ctx.audit({.action = "export.staff_csv", .target_type = "account"});
    return r;
}

Result<Response> patients_csv(const Request& request, RequestContext& ctx) {
    if (auto ok = http::authorize(ctx, perm::Action::ExportPatientCsv, {}, {"patient", ""}); !ok) return ok.error();
    const std::string today = japan_today();
    std::vector<std::int64_t> listed;
    auto r = csv_download(request, {services::patients_csv(ctx.tx(), listed), "patients-" + today + ".csv",
                                    "患者一覧_" + today + ".csv"});
    ctx.audit({.action = "export.patients_csv", .target_type = "patient",
               .detail = {{"count", static_cast<std::int64_t>(listed.size())}}});
    // The file names each patient: an access-log entry for each.
    for (auto id : listed)
        ctx.audit({.action = "export.patients_csv", .target_type = "patient", .target_id = std::to_string(id),
                   .patient_id = id});
    return r;
}

Result<Response> fees_csv(const Request& request, RequestContext& ctx) {
    if (auto ok = http::authorize(ctx, perm::Action::FeeReport, {}, {"facility", ""}); !ok) return ok.error();
    const auto text = request.query_param("year").value_or("");
    int year = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size())
        return Error::invalid("year", "year must be a year such as 2025");
    auto csv = services::fee_report_csv(ctx.tx(), year);
    if (!csv) return csv.error();
    const std::string y = std::to_string(year);
    auto r = csv_download(request, {std::move(*csv), "fees-" + y + ".csv", "利用料金_" + y + "年.csv"});
    ctx.audit({.action = "report.fees_csv", .target_type = "facility", .detail = {{"year", year}}});
    return r;
}

} // namespace

void add_record_routes(http::Router& router) {
    router.add("GET", "/api/v1/outbox", outbox, k_signed_in);
    router.add("GET", "/api/v1/staff.csv", staff_csv, k_signed_in);
    router.add("GET", "/api/v1/patients.csv", patients_csv, k_signed_in);
    router.add("GET", "/api/v1/reports/fees.csv", fees_csv, k_signed_in);
}

} // namespace mimamori::api
