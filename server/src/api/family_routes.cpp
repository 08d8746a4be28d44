// Patient/family accounts (issue 4; the seed's table: the secretariat administrator registers,
// removes and re-sends). Facts from services::load_patient_target() for the account's patient;
// an id that is no family account is refused like an unknown patient (403; 404 for the admin).
//   GET|POST /api/v1/patients/{id}/family-accounts     FamilyAccountView / FamilyAccountRegister
//   DELETE /api/v1/family-accounts/{id}                FamilyAccountRegister (removal)
//   POST /api/v1/family-accounts/{id}/reinvite         FamilyAccountResend
//   POST /api/v1/family-accounts/{id}/handover         FamilyHandover (a team member's tablet)
//   POST /api/v1/invitations/code                      no session: a handover code for a link
#include "api/master_routes.hpp"
#include "api/patient_guard.hpp"
#include "api/routes.hpp"
#include "http/auth.hpp"
#include "http/json_body.hpp"
#include "mimamori/common/japan_time.hpp"
#include "repositories/family_repository.hpp"
#include "services/family_accounts.hpp"
#include "services/services.hpp"

namespace mimamori::api {

using http::Request;
using http::RequestContext;
using http::Response;

namespace {

services::AuditRecord account_entry(std::string action, const repositories::FamilyAccountRow& a) {
    return patient_entry(std::move(action), a.patient_id, "account", std::to_string(a.id));
}

// The family account of the path's id, once `action` on its patient is allowed.
Result<repositories::FamilyAccountRow> authorized_account(const Request& request, RequestContext& ctx,
                                                          perm::Action action) {
    return authorized_patient_row(request, ctx, action, "account", "no such family account",
                                  repositories::find_family_account);
}

Result<Response> list(const Request& request, RequestContext& ctx) {
    auto patient = authorized_patient(request, ctx, {perm::Action::FamilyAccountView});
    if (!patient) return patient.error();
    // In full for the secretariat administrator; team members see who and whether they joined.
    const bool full = perm::decide(http::signed_in(ctx).principal, perm::Action::FamilyAccountRegister, patient->target).allowed;
    Json items = Json::array();
    for (const auto& a : services::family_accounts(ctx.tx(), patient->id)) items.push_back(services::to_json(a, full));
    ctx.audit(patient_entry("family_account.list", patient->id));
    return Response::json(200, Json{{"accounts", std::move(items)}});
}

Result<Response> create(const Request& request, RequestContext& ctx) {
    auto patient = authorized_patient(request, ctx, {perm::Action::FamilyAccountRegister});
    if (!patient) return patient.error();
    auto body = http::read_json_object(request);
    if (!body) return body.error();
    auto registered = services::register_family_account(ctx.tx(), patient->id, *body, inviter(ctx));
    if (!registered) return registered.error();
    auto entry = account_entry("family_account.create", registered->account);
    entry.detail = {{"invitation", registered->invitation_expires_at ? "sent" : "handover"}};
    ctx.audit(std::move(entry));
    const auto& a = registered->account;
    Json account = {{"id", a.id}, {"login", a.login}, {"name", a.name}, {"relation", a.relation}, {"status", a.status}};
    Json expires = registered->invitation_expires_at ? Json(japan_iso8601(*registered->invitation_expires_at)) : Json(nullptr);
    return Response::json(201, Json{{"account", std::move(account)}, {"invitation", {{"expires_at", std::move(expires)}}}});
}

Result<Response> remove(const Request& request, RequestContext& ctx) {
    auto account = authorized_account(request, ctx, perm::Action::FamilyAccountRegister);
    if (!account) return account.error();
    if (auto done = services::remove_family_account(ctx.tx(), account->id); !done) return done.error();
    ctx.audit(account_entry("family_account.remove", *account));
    return no_content();
}

Result<Response> reinvite(const Request& request, RequestContext& ctx) {
    auto account = authorized_account(request, ctx, perm::Action::FamilyAccountResend);
    if (!account) return account.error();
    auto expires_at = services::reinvite_family_account(ctx.tx(), account->id, inviter(ctx));
    if (!expires_at) return expires_at.error();
    ctx.audit(account_entry("family_account.reinvite", *account));
    return reinvited(*expires_at);
}

Result<Response> handover(const Request& request, RequestContext& ctx) {
    auto account = authorized_account(request, ctx, perm::Action::FamilyHandover);
    if (!account) return account.error();
    auto h = services::hand_over(ctx.tx(), account->id, inviter(ctx), ctx.services().secret_key);
    if (!h) return h.error();
    ctx.audit(account_entry("family_account.handover", *account));
    auto r = Response::json(201, Json{{"code", h->code}, {"url", h->url}, {"qr_svg", h->qr_svg},
                                      {"expires_at", japan_iso8601(h->expires_at)}});
    r.headers.set("Cache-Control", "no-store"); // a one-time secret
    return r;
}

Result<Response> redeem(const Request& request, RequestContext& ctx) {
    auto body = http::read_json_object(request);
    if (!body) return body.error();
    if (auto known = json::reject_unknown_keys(*body, {"code"}); !known) return known.error();
    auto code = json::get_string(*body, "code");
    if (!code) return code.error();
    auto& s = ctx.services();
    services::Inviter link_maker{s.invitations, s.outbox, std::nullopt};
    auto result = services::redeem_handover_code(ctx.database(), ctx.unit_of_work(), link_maker, s.secret_key,
                                                 code->substr(0, 64), ctx.client_address(), s.sign_in.policy().lock);
    services::AuditRecord entry{.action = "invitation.code_redeem", .target_type = "account",
                                .target_id = result.account_id ? std::to_string(*result.account_id) : ""};
    if (result.error) {
        entry.result = result.error->code == ErrorCode::RateLimited ? "locked" : "failed";
        ctx.audit(std::move(entry));
        auto r = Response::error(*result.error);
        if (result.retry_after_seconds) r.headers.set("Retry-After", std::to_string(*result.retry_after_seconds));
        return r;
    }
    ctx.audit(std::move(entry));
    auto r = Response::json(200, Json{{"token", *result.token}});
    r.headers.set("Cache-Control", "no-store");
    return r;
}

} // namespace

void add_family_routes(http::Router& router) {
    router.add("GET", "/api/v1/patients/:id/family-accounts", list, k_signed_in);
    router.add("POST", "/api/v1/patients/:id/family-accounts", create, k_signed_in);
    router.add("DELETE", "/api/v1/family-accounts/:id", remove, k_signed_in);
    router.add("POST", "/api/v1/family-accounts/:id/reinvite", reinvite, k_signed_in);
    router.add("POST", "/api/v1/family-accounts/:id/handover", handover, k_signed_in);
    // The answer carries a one-time link's token, which is never stored for a replay.
    router.add("POST", "/api/v1/invitations/code", redeem, {.never_store_answer = true});
}

} // namespace mimamori::api
