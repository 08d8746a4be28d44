// Consent records (同意書必須, issue 4). Facts from services::load_patient_target() through
// api/patient_guard.hpp; a consent id that names no record is refused like a patient's.
//   GET|POST /api/v1/patients/{id}/consents     ConsentView / ConsentRecord
//   GET /api/v1/consents/{id}/text               the exact text signed (ConsentView)
//   GET /api/v1/consents/{id}/signature.svg      the drawn signature (ConsentView)
//   GET /api/v1/consents/{id}/document           the signed paper form (ConsentView)
//   POST /api/v1/consents/{id}/withdraw          ConsentWithdraw: the team becomes read-only
//   GET /api/v1/consents?state=                  every patient's state (ConsentOverview)
#include "api/master_routes.hpp"
#include "api/patient_guard.hpp"
#include "api/routes.hpp"
#include "http/auth.hpp"
#include "mimamori/common/content_disposition.hpp"
#include "http/json_body.hpp"
#include "mimamori/common/consent.hpp"
#include "repositories/consent_repository.hpp"
#include "services/consents.hpp"
#include "services/patients.hpp"

namespace mimamori::api {

using http::Request;
using http::RequestContext;
using http::Response;

namespace {

services::AuditRecord consent_entry(std::string action, const repositories::ConsentRow& c) {
    return patient_entry(std::move(action), c.patient_id, "consent", std::to_string(c.id));
}

// The record of the path's id, once `action` on its patient is allowed.
Result<repositories::ConsentRow> authorized_consent(const Request& request, RequestContext& ctx, perm::Action action) {
    return authorized_patient_row(request, ctx, action, "consent", "no such consent record", repositories::find_consent);
}

Response file(std::string body, std::string media_type) {
    Response r;
    r.headers.set("Content-Type", std::move(media_type));
    r.headers.set("Cache-Control", "no-store");
    r.body = std::move(body);
    return r;
}

Result<Response> list(const Request& request, RequestContext& ctx) {
    auto patient = authorized_patient(request, ctx, {perm::Action::ConsentView});
    if (!patient) return patient.error();
    Json items = Json::array();
    for (const auto& c : services::patient_consents(ctx.tx(), patient->id)) items.push_back(services::to_json(c));
    ctx.audit(patient_entry("consent.list", patient->id));
    return Response::json(200, Json{{"consents", std::move(items)}});
}

Result<Response> record(const Request& request, RequestContext& ctx) {
    auto patient = authorized_patient(request, ctx, {perm::Action::ConsentRecord});
    if (!patient) return patient.error();
    auto body = http::read_json_object(request);
    if (!body) return body.error();
    auto input = services::read_consent(*body);
    if (!input) return input.error();
    auto stored = services::record_consent(ctx.tx(), patient->id, std::move(*input), http::signed_in(ctx).account.id);
    if (!stored) return stored.error();
    auto entry = consent_entry("consent.record", *stored);
    entry.detail = {{"method", stored->method}, {"family", stored->family}, {"text_version", stored->text_version},
                    {"text_sha256", stored->text_sha256_hex}};
    ctx.audit(std::move(entry));
    return Response::json(201, Json{{"consent", services::to_json(*stored)}});
}

Result<Response> text(const Request& request, RequestContext& ctx) {
    auto consent = authorized_consent(request, ctx, perm::Action::ConsentView);
    if (!consent) return consent.error();
    auto stored = repositories::consent_text(ctx.tx(), consent->id);
    if (!stored) return Error::make(ErrorCode::NotFound, "no such consent record");
    ctx.audit(consent_entry("consent.text_read", *consent));
    return file(std::move(*stored), "text/plain; charset=utf-8");
}

Result<Response> signature(const Request& request, RequestContext& ctx) {
    auto consent = authorized_consent(request, ctx, perm::Action::ConsentView);
    if (!consent) return consent.error();
    auto strokes = repositories::consent_signature(ctx.tx(), consent->id);
    if (!strokes) return Error::make(ErrorCode::NotFound, "a paper consent has no drawn signature: see its document");
    auto parsed = json::parse(*strokes);
    auto drawn = parsed ? consent::read_signature(*parsed) : Result<consent::Signature>(parsed.error());
    if (!drawn) throw std::runtime_error("a stored signature does not read back");
    ctx.audit(consent_entry("consent.signature_read", *consent));
    return file(consent::to_svg(*drawn), "image/svg+xml");
}

Result<Response> document(const Request& request, RequestContext& ctx) {
    auto consent = authorized_consent(request, ctx, perm::Action::ConsentView);
    if (!consent) return consent.error();
    auto doc = repositories::consent_document(ctx.tx(), consent->id);
    if (!doc) return Error::make(ErrorCode::NotFound, "an e-consent has no paper form: see its signature");
    ctx.audit(consent_entry("consent.document_read", *consent));
    auto r = file(std::move(doc->bytes), doc->media_type);
    r.headers.set("Content-Disposition", http::content_disposition(http::Disposition::Attachment, doc->name));
    return r;
}

Result<Response> withdraw(const Request& request, RequestContext& ctx) {
    auto consent = authorized_consent(request, ctx, perm::Action::ConsentWithdraw);
    if (!consent) return consent.error();
    auto body = http::read_json_object(request);
    if (!body) return body.error();
    auto withdrawn = services::withdraw_consent(ctx.tx(), consent->id, http::signed_in(ctx).account.id, *body);
    if (!withdrawn) return withdrawn.error();
    auto entry = consent_entry("consent.withdraw", *withdrawn);
    entry.detail = {{"reason", withdrawn->withdrawal_reason}, {"team_locked", true}};
    ctx.audit(std::move(entry));
    return Response::json(200, Json{{"consent", services::to_json(*withdrawn)}});
}

Result<Response> overview(const Request& request, RequestContext& ctx) {
    if (auto ok = http::authorize(ctx, perm::Action::ConsentOverview, {}, {"patient", ""}); !ok) return ok.error();
    auto rows = services::consent_overview(ctx.tx(), std::string(request.query_param("state").value_or("")));
    if (!rows) return rows.error();
    Json items = Json::array();
    for (const auto& p : *rows) {
        items.push_back({{"patient_id", p.id}, {"name", p.fields.name}, {"facility_name", p.facility_name},
                         {"consent", services::consent_state_json(p.consent)}});
        ctx.audit(patient_entry("consent.overview", p.id));
    }
    return Response::json(200, Json{{"patients", std::move(items)}});
}

} // namespace

void add_consent_routes(http::Router& router) {
    router.add("GET", "/api/v1/patients/:id/consents", list, k_signed_in);
    // A paper form of up to 10 MB arrives in base64 (4/3 of it) inside JSON.
    router.add("POST", "/api/v1/patients/:id/consents", record,
               {.requires_session = true, .max_body_bytes = 15 * 1024 * 1024});
    router.add("GET", "/api/v1/consents/:id/text", text, k_signed_in);
    router.add("GET", "/api/v1/consents/:id/signature.svg", signature, k_signed_in);
    router.add("GET", "/api/v1/consents/:id/document", document, k_signed_in);
    router.add("POST", "/api/v1/consents/:id/withdraw", withdraw, k_signed_in);
    router.add("GET", "/api/v1/consents", overview, k_signed_in);
}

} // namespace mimamori::api
