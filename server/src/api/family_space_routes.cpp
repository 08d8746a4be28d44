// The end-to-end encrypted family space (issue 6; DESIGN.md §5): the server stores and relays
// what it cannot read. Each route of a patient's space is decided by perm::decide (FamilySpaceRead
// / FamilySpaceWrite: the patient's family accounts and the current care team, with family
// consent; read-only once consent is withdrawn) and access-logged with ids and sizes, never content.
//   GET  /api/v1/me/keys                                   own keys and wraps ({"keys": null} before set-up)
//   PUT  /api/v1/me/keys                                   set up (or replace) own keys
//   PUT  /api/v1/me/keys/wraps                             the same keys wrapped anew
//   GET  /api/v1/patients/{id}/family/members              members, their public keys, the space's epoch
//   GET  /api/v1/patients/{id}/family/keys                 the caller's sealed epoch keys
//   POST /api/v1/patients/{id}/family/keys                 share existing epochs' keys with members
//   POST /api/v1/patients/{id}/family/epochs               start the next epoch
//   GET  /api/v1/patients/{id}/family/memos                envelopes, newest first (?before=seq&limit=n)
//   POST /api/v1/patients/{id}/family/memos                a new envelope
//   POST /api/v1/patients/{id}/family/memos/{memo_id}/reactions         {"kind": "seen" | "thanks"}
//   DELETE /api/v1/patients/{id}/family/memos/{memo_id}/reactions/{kind}
//   GET|POST /api/v1/patients/{id}/family/verifications    the caller's key verification records
#include <charconv>
#include <chrono>

#include "api/master_routes.hpp"
#include "api/patient_guard.hpp"
#include "api/routes.hpp"
#include "http/auth.hpp"
#include "http/json_body.hpp"
#include "services/family_keys.hpp"
#include "services/family_space.hpp"

namespace mimamori::api {

using http::Request;
using http::RequestContext;
using http::Response;
namespace fc = family_crypto;

namespace {

std::int64_t caller(const RequestContext& ctx) { return http::signed_in(ctx).account.id; }

Result<AuthorizedPatient> space_reader(const Request& request, RequestContext& ctx) {
    return authorized_patient(request, ctx, {perm::Action::FamilySpaceRead});
}
Result<AuthorizedPatient> space_writer(const Request& request, RequestContext& ctx) {
    return authorized_patient(request, ctx, {perm::Action::FamilySpaceWrite});
}

std::int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// ---- own keys

services::AuditRecord own_entry(std::string action, const RequestContext& ctx, Json detail = Json::object()) {
    return {.action = std::move(action), .target_type = "account", .target_id = std::to_string(caller(ctx)),
            .detail = std::move(detail)};
}

Result<Response> get_own_keys(const Request&, RequestContext& ctx) {
    auto keys = services::own_keys(ctx.tx(), caller(ctx));
    auto r = Response::json(200, Json{{"keys", keys ? services::to_json(*keys) : Json(nullptr)}});
    r.headers.set("Cache-Control", "no-store");
    return r;
}

Result<Response> put_own_keys(const Request& request, RequestContext& ctx) {
    auto body = http::read_json_object(request);
    if (!body) return body.error();
    auto setup = services::set_up_keys(ctx.tx(), caller(ctx), *body);
    if (!setup) return setup.error();
    ctx.audit(own_entry(setup->replaced ? "account.family_keys_replace" : "account.family_keys_set_up", ctx,
                        {{"key_id", setup->keys.keys.key_id}, {"recovery_wrap", setup->keys.recovery_wrap.has_value()}}));
    return Response::json(setup->replaced ? 200 : 201, Json{{"keys", services::to_json(setup->keys)}});
}

Result<Response> put_own_wraps(const Request& request, RequestContext& ctx) {
    auto body = http::read_json_object(request);
    if (!body) return body.error();
    auto keys = services::rewrap_keys(ctx.tx(), caller(ctx), *body);
    if (!keys) return keys.error();
    ctx.audit(own_entry("account.family_keys_rewrap", ctx,
                        {{"key_id", keys->keys.key_id},
                         {"password_wrap", body->contains("password_wrap") && !body->at("password_wrap").is_null()},
                         {"recovery_wrap", body->contains("recovery_wrap") && !body->at("recovery_wrap").is_null()}}));
    return Response::json(200, Json{{"keys", services::to_json(*keys)}});
}

http::Handler own(Result<Response> (*handler)(const Request&, RequestContext&)) {
    return [handler](const Request& request, RequestContext& ctx) -> Result<Response> {
        if (auto ok = http::authorize(ctx, perm::Action::OwnAccountManage, {}, {"account", std::to_string(caller(ctx))});
            !ok)
            return ok.error();
        return handler(request, ctx);
    };
}

// ---- the space

Result<Response> members(const Request& request, RequestContext& ctx) {
    auto patient = space_reader(request, ctx);
    if (!patient) return patient.error();
    const auto state = services::space_state(ctx.tx(), patient->id, patient->target.team_locked);
    ctx.audit(patient_entry("family_space.members", patient->id));
    return Response::json(200, services::to_json(state));
}

Result<Response> own_grants(const Request& request, RequestContext& ctx) {
    auto patient = space_reader(request, ctx);
    if (!patient) return patient.error();
    auto grants = services::own_grants(ctx.tx(), patient->id, caller(ctx));
    if (!grants) return grants.error();
    Json list = Json::array();
    for (const auto& g : *grants) list.push_back(fc::to_json(g));
    auto entry = patient_entry("family_space.keys_read", patient->id);
    entry.detail = {{"grants", grants->size()}};
    ctx.audit(std::move(entry));
    auto r = Response::json(200, Json{{"grants", std::move(list)}});
    r.headers.set("Cache-Control", "no-store");
    return r;
}

Result<Response> share_keys(const Request& request, RequestContext& ctx) {
    auto patient = space_writer(request, ctx);
    if (!patient) return patient.error();
    auto body = http::read_json_object(request);
    if (!body) return body.error();
    auto shared = services::share_epoch_keys(ctx.tx(), patient->id, caller(ctx), *body);
    if (!shared) return shared.error();
    auto entry = patient_entry("family_space.keys_share", patient->id);
    entry.detail = {{"stored", shared->stored}, {"already_held", shared->already_held}, {"recipients", shared->recipients}};
    ctx.audit(std::move(entry));
    return Response::json(201, Json{{"stored", shared->stored}, {"already_held", shared->already_held}});
}

Result<Response> start_epoch(const Request& request, RequestContext& ctx) {
    auto patient = space_writer(request, ctx);
    if (!patient) return patient.error();
    auto body = http::read_json_object(request);
    if (!body) return body.error();
    auto started = services::start_epoch(ctx.tx(), patient->id, caller(ctx), *body);
    if (!started) return started.error();
    auto entry = patient_entry("family_space.epoch_start", patient->id);
    entry.detail = {{"epoch", started->epoch}, {"recipients", started->recipients}};
    ctx.audit(std::move(entry));
    return Response::json(201, Json{{"epoch", started->epoch}, {"recipients", started->recipients}});
}

Result<std::optional<std::int64_t>> query_number(const Request& request, std::string_view name, std::int64_t min,
                                                 std::int64_t max) {
    auto text = request.query_param(name);
    if (!text) return std::optional<std::int64_t>();
    std::int64_t n = 0;
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
    if (ec != std::errc{} || end != text->data() + text->size() || n < min || n > max)
        return Error::invalid(std::string(name), std::string(name) + " must be a whole number from " +
                                                     std::to_string(min) + " to " + std::to_string(max));
    return std::optional<std::int64_t>(n);
}

Result<Response> list_memos(const Request& request, RequestContext& ctx) {
    auto patient = space_reader(request, ctx);
    if (!patient) return patient.error();
    auto before = query_number(request, "before", 1, INT64_MAX);
    if (!before) return before.error();
    auto limit = query_number(request, "limit", 1, services::family_memo_page_max);
    if (!limit) return limit.error();
    const int n = static_cast<int>(limit->value_or(services::family_memo_page_default));
    auto rows = services::memo_page(ctx.tx(), patient->id, *before, n);
    Json list = Json::array();
    for (const auto& m : rows) list.push_back(services::to_json(m));
    auto entry = patient_entry("family_memo.list", patient->id);
    entry.detail = {{"count", rows.size()}};
    ctx.audit(std::move(entry));
    Json next = rows.size() == static_cast<std::size_t>(n) ? Json(rows.back().seq) : Json(nullptr);
    return Response::json(200, Json{{"memos", std::move(list)}, {"next_before", std::move(next)}});
}

Result<Response> post_memo(const Request& request, RequestContext& ctx) {
    auto patient = space_writer(request, ctx);
    if (!patient) return patient.error();
    auto body = http::read_json_object(request);
    if (!body) return body.error();
    auto posted = services::post_memo(ctx.tx(), patient->id, caller(ctx), *body, now_ms());
    if (!posted) return posted.error();
    auto entry = patient_entry("family_memo.create", patient->id, "family_memo", std::to_string(posted->seq));
    entry.detail = {{"memo_id", posted->memo_id}, {"epoch", posted->epoch}, {"ciphertext_bytes", posted->ciphertext_size}};
    ctx.audit(std::move(entry));
    return Response::json(201, Json{{"seq", posted->seq}, {"memo_id", posted->memo_id}});
}

// A reaction of the caller's on the path's memo, once the space's writing is allowed.
Result<Response> reaction(const Request& request, RequestContext& ctx, const AuthorizedPatient& patient,
                          const std::string& kind, bool on) {
    const std::string memo_id(request.path_param("memo_id").value_or(""));
    auto change = services::set_reaction(ctx.tx(), patient.id, caller(ctx), memo_id, kind, on);
    if (!change) return change.error();
    auto entry = patient_entry(on ? "family_memo.react" : "family_memo.unreact", patient.id, "family_memo",
                               std::to_string(change->seq));
    entry.detail = {{"kind", kind}, {"changed", change->changed}};
    ctx.audit(std::move(entry));
    if (!on) return no_content();
    return Response::json(change->changed ? 201 : 200, Json{{"memo_id", memo_id}, {"kind", kind}});
}

Result<Response> add_reaction(const Request& request, RequestContext& ctx) {
    auto patient = space_writer(request, ctx);
    if (!patient) return patient.error();
    auto body = http::read_json_object(request);
    if (!body) return body.error();
    if (auto known = json::reject_unknown_keys(*body, {"kind"}); !known) return known.error();
    auto kind = json::get_string(*body, "kind");
    if (!kind) return kind.error();
    return reaction(request, ctx, *patient, *kind, true);
}

Result<Response> remove_reaction(const Request& request, RequestContext& ctx) {
    auto patient = space_writer(request, ctx);
    if (!patient) return patient.error();
    return reaction(request, ctx, *patient, std::string(request.path_param("kind").value_or("")), false);
}

Result<Response> list_verifications(const Request& request, RequestContext& ctx) {
    auto patient = space_reader(request, ctx);
    if (!patient) return patient.error();
    Json list = Json::array();
    for (const auto& v : services::own_verifications(ctx.tx(), patient->id, caller(ctx))) list.push_back(fc::to_json(v));
    ctx.audit(patient_entry("family_space.verifications_read", patient->id));
    return Response::json(200, Json{{"verifications", std::move(list)}});
}

Result<Response> add_verification(const Request& request, RequestContext& ctx) {
    auto patient = space_writer(request, ctx);
    if (!patient) return patient.error();
    auto body = http::read_json_object(request);
    if (!body) return body.error();
    auto record = services::record_verification(ctx.tx(), patient->id, caller(ctx), *body);
    if (!record) return record.error();
    auto entry = patient_entry("family_space.verify", patient->id, "account", std::to_string(record->subject_account_id));
    ctx.audit(std::move(entry));
    return Response::json(201, fc::to_json(*record));
}

} // namespace

void add_family_key_routes(http::Router& router) {
    router.add("GET", "/api/v1/me/keys", own(get_own_keys), k_signed_in);
    router.add("PUT", "/api/v1/me/keys", own(put_own_keys), k_signed_in);
    router.add("PUT", "/api/v1/me/keys/wraps", own(put_own_wraps), k_signed_in);
}

void add_family_space_routes(http::Router& router) {
    const std::string space = "/api/v1/patients/:id/family";
    router.add("GET", space + "/members", members, k_signed_in);
    router.add("GET", space + "/keys", own_grants, k_signed_in);
    router.add("POST", space + "/keys", share_keys, k_signed_in);
    router.add("POST", space + "/epochs", start_epoch, k_signed_in);
    router.add("GET", space + "/memos", list_memos, k_signed_in);
    router.add("POST", space + "/memos", post_memo, k_signed_in);
    router.add("POST", space + "/memos/:memo_id/reactions", add_reaction, k_signed_in);
    router.add("DELETE", space + "/memos/:memo_id/reactions/:kind", remove_reaction, k_signed_in);
    router.add("GET", space + "/verifications", list_verifications, k_signed_in);
    router.add("POST", space + "/verifications", add_verification, k_signed_in);
}

} // namespace mimamori::api
