// The professional timeline (issue 5):
//   POST /api/v1/patients/{id}/memos             post a memo (PatientRecordWrite)
//   GET  /api/v1/patients/{id}/memos             the timeline, newest first, filtered, paged by
//                                                `before`; q searches (PatientRecordRead)
//   POST /api/v1/patients/{id}/memos/reads       read receipts for the memos the app showed
//   GET  /api/v1/memos/{id}                      one memo with every version
//   PUT  /api/v1/memos/{id}                      edit: a new version (its writer, PatientRecordCorrect)
//   POST /api/v1/memos/{id}/retraction           retract with a reason (its writer)
//   POST /api/v1/memos/{id}/acknowledgements     acknowledge an instruction's version
//   GET  /api/v1/my/memos                        memos across my patients (q: search)
//   GET  /api/v1/my/mentions                     memos that mention me
//   GET  /api/v1/my/unread                       unread memos per patient
// Every answer that shows a patient's memos is an access-log entry naming the patient. The
// timeline page is served from the read cache when it can be (see timeline()).
#include <algorithm>
#include <map>

#include "api/master_routes.hpp"
#include "api/memo_json.hpp"
#include "api/patient_guard.hpp"
#include "api/routes.hpp"
#include "http/auth.hpp"
#include "http/json_body.hpp"
#include "repositories/event_repository.hpp"
#include "services/read_cache.hpp"
#include "services/services.hpp"
#include "services/memos.hpp"
#include "services/patients.hpp"

namespace mimamori::api {

using http::Request;
using http::RequestContext;
using http::Response;
using repositories::MemoRow;

namespace {

struct AuthorizedMemo {
    MemoRow memo;
    perm::Target target;
};

// Memo `id` of the path, once `action` on its patient is allowed. A memo that does not exist is
// refused like one of a patient the caller may not see (403): ids cannot be probed.
Result<AuthorizedMemo> authorized_memo(const Request& request, RequestContext& ctx, perm::Action action) {
    auto id = http::path_id(request, "id");
    if (!id) return id.error();
    const auto& who = http::signed_in(ctx);
    auto memo = repositories::find_memo(ctx.tx(), *id);
    perm::Target target;
    if (memo) {
        target = services::load_patient_target(ctx.tx(), memo->patient_id, who.principal)
                     .value_or(services::unknown_patient_target(memo->patient_id));
        target.own_item = memo->author_id == who.account.id;
    }
    if (auto ok = http::authorize(ctx, action, target, {"memo", std::to_string(*id)}); !ok) return ok.error();
    if (!memo) return Error::make(ErrorCode::NotFound, "no such memo");
    return AuthorizedMemo{std::move(*memo), std::move(target)};
}

services::AuditRecord memo_entry(std::string action, const MemoRow& memo) {
    return patient_entry(std::move(action), memo.patient_id, "memo", std::to_string(memo.id));
}

Json filter_detail(const repositories::MemoFilter& f, std::size_t count) {
    Json d = {{"count", static_cast<std::int64_t>(count)}};
    if (f.before) d["before"] = *f.before;
    if (!f.kind.empty()) d["kind"] = f.kind;
    if (!f.profession.empty()) d["profession"] = f.profession;
    if (f.writer) d["writer"] = *f.writer;
    if (!f.terms.empty()) {
        std::string q;
        for (const auto& t : f.terms) q += (q.empty() ? "" : " ") + t;
        d["q"] = q;
    }
    return d;
}

// One entry per patient whose memos a cross-patient answer shows.
void audit_patients(RequestContext& ctx, const std::string& action, const std::vector<MemoRow>& rows,
                    const repositories::MemoFilter& filter) {
    std::map<std::int64_t, std::size_t> per_patient;
    for (const auto& r : rows) ++per_patient[r.patient_id];
    for (const auto& [patient, count] : per_patient) {
        auto entry = patient_entry(action, patient);
        entry.detail = filter_detail(filter, count);
        ctx.audit(std::move(entry));
    }
}

// A page of memos (its JSON written by memo_page_json()), never cached.
Response page_response(std::string json_text) {
    Response r;
    r.headers.set("Content-Type", "application/json; charset=utf-8");
    r.headers.set("Cache-Control", "no-store");
    r.body = std::move(json_text);
    return r;
}

// The same for a read cache's page: sent from the cached text as it is, this viewer's slots
// between its pieces (Response::SharedBody), the bytes those of page->render(viewer).
Response page_response(std::shared_ptr<const services::ViewerText> page, std::int64_t viewer) {
    Response r = page_response(std::string());
    Response::SharedBody body;
    body.pieces.reserve(1 + 2 * page->slots.size());
    body.size = page->render_views(viewer, body.pieces);
    body.keep = std::move(page);
    r.shared_body = std::move(body);
    return r;
}

Result<Response> create(const Request& request, RequestContext& ctx) {
    auto patient = authorized_patient(request, ctx, {perm::Action::PatientRecordWrite});
    if (!patient) return patient.error();
    auto body = http::read_json_object(request);
    if (!body) return body.error();
    auto memo = services::post_memo(ctx.tx(), http::signed_in(ctx), patient->id, *body);
    if (!memo) return memo.error();
    auto entry = memo_entry("memo.create", *memo);
    entry.detail = {{"kind", memo->kind}, {"attachments", static_cast<std::int64_t>(memo->content.value("attachments", Json::array()).size())}};
    ctx.audit(std::move(entry));
    auto r = Response::json(201, Json{{"memo", memo_json(ctx.tx(), *memo, http::signed_in(ctx).account.id)}});
    r.headers.set("Location", "/api/v1/memos/" + std::to_string(memo->id));
    return r;
}

// The timeline page, the most frequent request of all, served from the read cache
// (services/read_cache.hpp) when it holds the patient's facts and the page: the decision is still
// perm::decide's, on every request, on facts no write committed before this request has touched
// (sync); the page is the one built for the same query, with this viewer's read_by_me and
// acknowledged_by_me. What is read from PostgreSQL is stored only if nothing was invalidated
// meanwhile (the ticket).
Result<Response> timeline(const Request& request, RequestContext& ctx) {
    auto id = http::path_id(request, "id");
    if (!id) return id.error();
    const auto& who = http::signed_in(ctx);
    auto& cache = *ctx.services().read_cache;
    const Date today = services::japan_today();
    const bool current = cache.sync(ctx.started_at()); // done already by the session's check
    const auto ticket = cache.ticket(*id);

    std::shared_ptr<const services::PatientAudience> audience;
    if (current) audience = cache.facts(*id, today);
    if (!audience) {
        auto loaded = repositories::patient_audiences(ctx.tx(), {*id}, today);
        if (!loaded.empty()) {
            audience = std::make_shared<const services::PatientAudience>(std::move(loaded.front()));
            cache.store_facts(ticket, *id, today, audience);
        }
    }
    perm::Target target = services::unknown_patient_target(*id);
    if (audience) {
        auto facts = audience->facts;
        facts.member = std::find(audience->member_ids.begin(), audience->member_ids.end(), who.account.id) !=
                       audience->member_ids.end();
        target = services::patient_target(who.principal, *id, facts);
    }
    if (auto ok = http::authorize(ctx, perm::Action::PatientRecordRead, target, {"patient", std::to_string(*id)}); !ok)
        return ok.error();
    if (!audience) return Error::make(ErrorCode::NotFound, "no such patient");

    auto filter = memo_filter(request);
    if (!filter) return filter.error();
    const auto key = memo_filter_key(*filter);
    std::shared_ptr<const services::ViewerText> page;
    if (current) page = cache.page(*id, key, today);
    if (!page) {
        auto rows = repositories::list_memos(ctx.tx(), {*id}, *filter);
        page = std::make_shared<const services::ViewerText>(memo_page_text(ctx.tx(), rows, *filter));
        cache.store_page(ticket, *id, key, today, page);
    }
    auto entry = patient_entry(filter->terms.empty() ? "memo.list" : "memo.search", *id);
    entry.detail = filter_detail(*filter, page->count);
    ctx.audit(std::move(entry));
    return page_response(std::move(page), who.account.id);
}

Result<Response> reads(const Request& request, RequestContext& ctx) {
    auto patient = authorized_patient(request, ctx, {perm::Action::PatientRecordRead});
    if (!patient) return patient.error();
    auto body = http::read_json_object(request);
    if (!body) return body.error();
    auto newly = services::record_reads(ctx.tx(), http::signed_in(ctx), patient->id, *body);
    if (!newly) return newly.error();
    auto entry = patient_entry("memo.read_receipt", patient->id);
    entry.detail = {{"memos", static_cast<std::int64_t>(body->at("memo_ids").size())},
                    {"new", static_cast<std::int64_t>(newly->size())}};
    ctx.audit(std::move(entry));
    return Response::json(200, Json{{"recorded", *newly}});
}

Result<Response> read(const Request& request, RequestContext& ctx) {
    auto memo = authorized_memo(request, ctx, perm::Action::PatientRecordRead);
    if (!memo) return memo.error();
    ctx.audit(memo_entry("memo.read", memo->memo));
    auto r = Response::json(200, Json{{"memo", memo_detail_json(ctx.tx(), memo->memo, http::signed_in(ctx).account.id)}});
    r.headers.set("Cache-Control", "no-store");
    return r;
}

// A change to the path's memo by a services/memos.hpp function of the JSON body, once `action` on
// its patient is allowed; the access-log entry names the memo. Edits and retractions answer with
// the versions, an acknowledgement with the memo as the timeline shows it.
using MemoChange = Result<MemoRow> (*)(db::Tx&, const services::SignedIn&, std::int64_t, const Json&);

Result<Response> change_memo(const Request& request, RequestContext& ctx, perm::Action action, MemoChange change,
                             std::string audit_action, bool with_versions) {
    auto memo = authorized_memo(request, ctx, action);
    if (!memo) return memo.error();
    auto body = http::read_json_object(request);
    if (!body) return body.error();
    auto changed = change(ctx.tx(), http::signed_in(ctx), memo->memo.id, *body);
    if (!changed) return changed.error();
    auto entry = memo_entry(std::move(audit_action), *changed);
    entry.detail = {{"version", changed->version}};
    if (changed->retraction) entry.detail["reason"] = changed->retraction->reason;
    ctx.audit(std::move(entry));
    const auto viewer = http::signed_in(ctx).account.id;
    return Response::json(200, Json{{"memo", with_versions ? memo_detail_json(ctx.tx(), *changed, viewer)
                                                           : memo_json(ctx.tx(), *changed, viewer)}});
}

Result<Response> edit(const Request& request, RequestContext& ctx) {
    return change_memo(request, ctx, perm::Action::PatientRecordCorrect, services::edit_memo, "memo.update", true);
}

Result<Response> retract(const Request& request, RequestContext& ctx) {
    return change_memo(request, ctx, perm::Action::PatientRecordCorrect, services::retract_memo, "memo.retract", true);
}

Result<Response> acknowledge(const Request& request, RequestContext& ctx) {
    return change_memo(request, ctx, perm::Action::PatientRecordWrite, services::acknowledge, "memo.acknowledge", false);
}

Result<Response> my_memos(const Request& request, RequestContext& ctx) {
    const auto& who = http::signed_in(ctx);
    if (auto ok = http::authorize(ctx, perm::Action::MenuStaffList, own_facilities_target(ctx), {"memo", ""}); !ok)
        return ok.error();
    auto filter = memo_filter(request);
    if (!filter) return filter.error();
    auto patients = services::readable_patients(ctx.tx(), who.principal);
    std::vector<MemoRow> rows;
    if (!patients.empty()) rows = repositories::list_memos(ctx.tx(), patients, *filter);
    audit_patients(ctx, filter->terms.empty() ? "memo.list_mine" : "memo.search_mine", rows, *filter);
    return page_response(memo_page_json(ctx.tx(), rows, *filter, who.account.id));
}

Result<Response> my_mentions(const Request& request, RequestContext& ctx) {
    const auto& who = http::signed_in(ctx);
    if (auto ok = http::authorize(ctx, perm::Action::MenuStaffList, own_facilities_target(ctx), {"memo", ""}); !ok)
        return ok.error();
    auto filter = memo_filter(request);
    if (!filter) return filter.error();
    auto patients = services::readable_patients(ctx.tx(), who.principal);
    std::vector<MemoRow> rows;
    if (!patients.empty()) rows = repositories::mentioning(ctx.tx(), who.account.id, patients, filter->before, filter->limit);
    audit_patients(ctx, "memo.list_mentions", rows, *filter);
    return page_response(memo_page_json(ctx.tx(), rows, *filter, who.account.id));
}

Result<Response> my_unread(const Request&, RequestContext& ctx) {
    const auto& who = http::signed_in(ctx);
    auto mine = services::my_patients(ctx.tx(), who.principal);
    auto counts = services::unread_for(ctx.tx(), who.principal, mine);
    Json patients = Json::array();
    std::int64_t total = 0;
    for (std::size_t i = 0; i < mine.size(); ++i) {
        if (counts[i] == 0) continue;
        patients.push_back({{"patient_id", mine[i].patient.id}, {"unread", counts[i]}});
        total += counts[i];
        ctx.audit(patient_entry("memo.unread", mine[i].patient.id));
    }
    auto r = Response::json(200, Json{{"total", total}, {"patients", std::move(patients)}});
    r.headers.set("Cache-Control", "no-store");
    return r;
}

} // namespace

// The timeline page, the most frequent request of all, only reads: no BEGIN and COMMIT.
constexpr http::RouteOptions k_signed_in_reads{.requires_session = true, .autocommit = true};

void add_memo_routes(http::Router& router) {
    router.add("POST", "/api/v1/patients/:id/memos", create, k_signed_in);
    router.add("GET", "/api/v1/patients/:id/memos", timeline, k_signed_in_reads);
    router.add("POST", "/api/v1/patients/:id/memos/reads", reads, k_signed_in);
    router.add("GET", "/api/v1/memos/:id", read, k_signed_in);
    router.add("PUT", "/api/v1/memos/:id", edit, k_signed_in);
    router.add("POST", "/api/v1/memos/:id/retraction", retract, k_signed_in);
    router.add("POST", "/api/v1/memos/:id/acknowledgements", acknowledge, k_signed_in);
    router.add("GET", "/api/v1/my/memos", my_memos, k_signed_in);
    router.add("GET", "/api/v1/my/mentions", my_mentions, k_signed_in);
    router.add("GET", "/api/v1/my/unread", my_unread, k_signed_in);
}

} // namespace mimamori::api
