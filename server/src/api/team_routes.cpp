// Care teams (issue 4). Facts from services::team_access() (a linked team's are its patient's),
// decisions by perm::decide:
//   POST /api/v1/teams                         TeamCreate (for the patient, or own facilities)
//   GET /api/v1/teams[?unlinked=true]          my teams / the unlinked teams I may link
//   GET /api/v1/teams/{id}                     TeamView
//   POST /api/v1/teams/{id}/members            TeamMemberInvite (not while locked)
//   DELETE /api/v1/teams/{id}/members/{account_id}  TeamMemberRemove, or TeamLeave for oneself
//   POST /api/v1/teams/{id}/leave              TeamLeave
//   PUT|DELETE /api/v1/teams/{id}/patient      TeamLinkEdit on the team and on the patient
//   GET /api/v1/team-links                     TeamLinkView per link
//   GET /api/v1/directory?q=&facility_id=&profession=   StaffDirectory
#include "api/master_routes.hpp"
#include "api/patient_guard.hpp"
#include "api/routes.hpp"
#include "http/auth.hpp"
#include "http/json_body.hpp"
#include "services/teams.hpp"

namespace mimamori::api {

using http::Request;
using http::RequestContext;
using http::Response;

namespace {

services::AuditRecord team_entry(std::string action, std::int64_t team_id, std::optional<std::int64_t> patient_id) {
    return {.action = std::move(action), .target_type = "team", .target_id = std::to_string(team_id),
            .patient_id = patient_id};
}

Response team_answer(int status, const services::Team& team) {
    return Response::json(status, Json{{"team", services::to_json(team)}});
}

Result<Response> create(const Request& request, RequestContext& ctx) {
    auto body = http::read_json_object(request);
    if (!body) return body.error();
    auto input = services::read_new_team(*body);
    if (!input) return input.error();
    if (input->patient_id) {
        if (auto ok = authorize_patient(ctx, *input->patient_id, {perm::Action::TeamCreate}); !ok) return ok.error();
    } else if (auto ok = http::authorize(ctx, perm::Action::TeamCreate, own_facilities_target(ctx), {"team", ""}); !ok) {
        return ok.error();
    }
    auto team = services::create_team(ctx.tx(), *input, http::signed_in(ctx).account.id);
    if (!team) return team.error();
    auto entry = team_entry("team.create", team->row.id, team->row.patient_id);
    entry.detail = {{"team_role", input->team_role}};
    ctx.audit(std::move(entry));
    return team_answer(201, *team);
}

Result<Response> list(const Request& request, RequestContext& ctx) {
    const auto& who = http::signed_in(ctx);
    const bool unlinked = request.query_param("unlinked").value_or("") == "true";
    std::vector<services::Team> teams;
    if (unlinked) {
        if (auto ok = http::authorize(ctx, perm::Action::TeamLinkEdit, own_facilities_target(ctx), {"team", ""}); !ok)
            return ok.error();
        teams = services::linkable_teams(ctx.tx(), who.principal);
    } else {
        teams = services::my_teams(ctx.tx(), who.principal);
    }
    Json items = Json::array();
    for (const auto& t : teams) {
        items.push_back(services::to_json(t));
        ctx.audit(team_entry("team.list", t.row.id, t.row.patient_id));
    }
    return Response::json(200, Json{{"teams", std::move(items)}});
}

Result<Response> read(const Request& request, RequestContext& ctx) {
    auto team = authorized_team(request, ctx, perm::Action::TeamView);
    if (!team) return team.error();
    auto found = services::get_team(ctx.tx(), team->id);
    if (!found) return found.error();
    ctx.audit(team_entry("team.read", team->id, team->access.patient_id));
    return team_answer(200, *found);
}

Result<Response> invite(const Request& request, RequestContext& ctx) {
    auto team = authorized_team(request, ctx, perm::Action::TeamMemberInvite);
    if (!team) return team.error();
    auto body = http::read_json_object(request);
    if (!body) return body.error();
    auto input = services::read_new_membership(*body, services::japan_today());
    if (!input) return input.error();
    auto updated = services::add_member(ctx.tx(), team->id, *input, http::signed_in(ctx).account.id);
    if (!updated) return updated.error();
    auto entry = team_entry("team.member_add", team->id, team->access.patient_id);
    entry.detail = {{"account_id", input->account_id}, {"team_role", input->team_role},
                    {"starts_on", input->starts_on.to_string()},
                    {"ends_on", input->ends_on ? input->ends_on->to_string() : ""}};
    ctx.audit(std::move(entry));
    return team_answer(201, *updated);
}

Result<Response> remove(const Request& request, RequestContext& ctx) {
    auto account_id = http::path_id(request, "account_id");
    if (!account_id) return account_id.error();
    const bool self = *account_id == http::signed_in(ctx).account.id;
    auto team = authorized_team(request, ctx, self ? perm::Action::TeamLeave : perm::Action::TeamMemberRemove);
    if (!team) return team.error();
    if (auto done = services::remove_member(ctx.tx(), team->id, *account_id); !done) return done.error();
    auto entry = team_entry(self ? "team.leave" : "team.member_remove", team->id, team->access.patient_id);
    entry.detail = {{"account_id", *account_id}};
    ctx.audit(std::move(entry));
    return no_content();
}

Result<Response> leave(const Request& request, RequestContext& ctx) {
    auto team = authorized_team(request, ctx, perm::Action::TeamLeave);
    if (!team) return team.error();
    const auto account_id = http::signed_in(ctx).account.id;
    if (auto done = services::remove_member(ctx.tx(), team->id, account_id); !done) return done.error();
    auto entry = team_entry("team.leave", team->id, team->access.patient_id);
    entry.detail = {{"account_id", account_id}};
    ctx.audit(std::move(entry));
    return no_content();
}

// Linking joins a team and a patient: the right is needed over both.
Result<Response> link(const Request& request, RequestContext& ctx) {
    auto team = authorized_team(request, ctx, perm::Action::TeamLinkEdit);
    if (!team) return team.error();
    auto body = http::read_json_object(request);
    if (!body) return body.error();
    if (auto known = json::reject_unknown_keys(*body, {"patient_id"}); !known) return known.error();
    auto patient_id = json::get_int(*body, "patient_id");
    if (!patient_id) return patient_id.error();
    if (*patient_id <= 0) return Error::invalid("patient_id", "patient_id must be a patient id");
    if (auto ok = authorize_patient(ctx, *patient_id, {perm::Action::TeamLinkEdit}); !ok) return ok.error();
    auto linked = services::link_patient(ctx.tx(), team->id, *patient_id);
    if (!linked) return linked.error();
    ctx.audit(team_entry("team.link", team->id, *patient_id));
    return team_answer(200, *linked);
}

Result<Response> unlink(const Request& request, RequestContext& ctx) {
    auto team = authorized_team(request, ctx, perm::Action::TeamLinkEdit);
    if (!team) return team.error();
    if (auto done = services::unlink_patient(ctx.tx(), team->id); !done) return done.error();
    ctx.audit(team_entry("team.unlink", team->id, team->access.patient_id));
    return no_content();
}

Result<Response> links(const Request&, RequestContext& ctx) {
    if (auto ok = http::authorize(ctx, perm::Action::TeamLinkView, own_facilities_target(ctx), {"team", ""}); !ok)
        return ok.error();
    Json items = Json::array();
    for (const auto& l : services::team_links(ctx.tx(), http::signed_in(ctx).principal)) {
        items.push_back(services::to_json(l));
        ctx.audit(team_entry("team.link_list", l.team_id, l.patient_id));
    }
    return Response::json(200, Json{{"links", std::move(items)}});
}

Result<Response> directory(const Request& request, RequestContext& ctx) {
    if (auto ok = http::authorize(ctx, perm::Action::StaffDirectory, {}, {"account", ""}); !ok) return ok.error();
    auto facility_id = optional_query_id(request, "facility_id");
    if (!facility_id) return facility_id.error();
    services::DirectoryQuery query{std::string(request.query_param("q").value_or("")), *facility_id,
                                   std::string(request.query_param("profession").value_or(""))};
    auto staff = services::directory(ctx.tx(), query);
    if (!staff) return staff.error();
    Json items = Json::array();
    for (const auto& s : *staff) items.push_back(services::to_json(s));
    ctx.audit({.action = "staff.directory", .target_type = "account",
               .detail = {{"q", query.q}, {"count", static_cast<std::int64_t>(items.size())}}});
    return Response::json(200, Json{{"staff", std::move(items)}});
}

} // namespace

void add_team_routes(http::Router& router) {
    router.add("POST", "/api/v1/teams", create, k_signed_in);
    router.add("GET", "/api/v1/teams", list, k_signed_in);
    router.add("GET", "/api/v1/teams/:id", read, k_signed_in);
    router.add("POST", "/api/v1/teams/:id/members", invite, k_signed_in);
    router.add("DELETE", "/api/v1/teams/:id/members/:account_id", remove, k_signed_in);
    router.add("POST", "/api/v1/teams/:id/leave", leave, k_signed_in);
    router.add("PUT", "/api/v1/teams/:id/patient", link, k_signed_in);
    router.add("DELETE", "/api/v1/teams/:id/patient", unlink, k_signed_in);
    router.add("GET", "/api/v1/team-links", links, k_signed_in);
    router.add("GET", "/api/v1/directory", directory, k_signed_in);
}

} // namespace mimamori::api
