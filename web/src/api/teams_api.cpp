#include "api/teams_api.hpp"

#include <utility>

#include "api/json_reader.hpp"

namespace mimamori::web::api {
namespace {

Result<TeamMember> parse_member(const Json& j) {
    JsonReader r(j, "team member");
    TeamMember m;
    m.member_id = r.integer("member_id");
    m.account_id = r.id("account_id");
    m.name = r.opt_str("name");
    m.profession = r.opt_str("profession");
    m.facility_id = r.opt_id("facility_id");
    m.facility_name = r.opt_str("facility_name");
    m.team_role = r.str("team_role");
    m.starts_on = r.opt_str("starts_on");
    m.ends_on = r.opt_str("ends_on");
    m.active = r.flag("active");
    return r.result(std::move(m));
}

Result<Team> parse_team_answer(const Json& j) {
    const auto it = j.find("team");
    return parse_team(it != j.end() && it->is_object() ? *it : j);
}

Result<TeamLink> parse_link(const Json& j) {
    JsonReader r(j, "team link");
    TeamLink l{r.id("team_id"), r.opt_str("team_name"), r.id("patient_id"), r.opt_str("patient_name"),
               r.opt_str("facility_name"), r.integer("members")};
    return r.result(std::move(l));
}

Result<DirectoryEntry> parse_directory_entry(const Json& j) {
    JsonReader r(j, "directory entry");
    DirectoryEntry e{r.id("account_id"), r.opt_str("name"),          r.opt_str("name_kana"),
                     r.opt_str("profession"), r.integer("facility_id"), r.opt_str("facility_name")};
    return r.result(std::move(e));
}

std::string team_path(perm::Id id) { return "teams/" + std::to_string(id); }

Call<std::vector<Team>> list_teams(std::string path) {
    return call<std::vector<Team>>({"GET", std::move(path)},
                                   [](const Json& j) { return read_list_answer<Team>(j, "teams", parse_team); });
}

} // namespace

const TeamMember* Team::active_member(perm::Id account_id) const {
    for (const TeamMember& m : members) {
        if (m.account_id == account_id && m.active) return &m;
    }
    return nullptr;
}

Result<Team> parse_team(const Json& j) {
    JsonReader r(j, "team");
    Team t;
    t.id = r.id("id");
    t.name = r.opt_str("name");
    t.patient_id = r.opt_id("patient_id");
    t.patient_name = r.opt_str("patient_name");
    t.locked = r.flag("locked");
    t.created_at = r.opt_str("created_at");
    auto members = read_list<TeamMember>(r.array("members"), parse_member);
    if (!members) return members.error();
    t.members = std::move(members).value();
    return r.result(std::move(t));
}

Call<Team> create_team(const NewTeam& team) {
    Json body = {{"name", team.name}, {"team_role", team.team_role}};
    if (team.patient_id) body["patient_id"] = *team.patient_id;
    return call<Team>({"POST", "teams", std::move(body)}, parse_team_answer);
}

Call<std::vector<Team>> list_my_teams() { return list_teams("teams"); }
Call<std::vector<Team>> list_linkable_teams() { return list_teams("teams?unlinked=true"); }

Call<Team> fetch_team(perm::Id id) { return call<Team>({"GET", team_path(id)}, parse_team_answer); }

Call<Team> add_member(perm::Id team_id, const NewMember& member) {
    Json body = {{"account_id", member.account_id}, {"team_role", member.team_role}};
    if (!member.starts_on.empty()) body["starts_on"] = member.starts_on;
    if (!member.ends_on.empty()) body["ends_on"] = member.ends_on;
    return call<Team>({"POST", team_path(team_id) + "/members", std::move(body)}, parse_team_answer);
}

Call<Nothing> remove_member(perm::Id team_id, perm::Id account_id) {
    return call_for_status({"DELETE", team_path(team_id) + "/members/" + std::to_string(account_id)});
}

Call<Nothing> leave_team(perm::Id team_id) { return call_for_status({"POST", team_path(team_id) + "/leave"}); }

Call<Team> link_patient(perm::Id team_id, perm::Id patient_id) {
    return call<Team>({"PUT", team_path(team_id) + "/patient", Json{{"patient_id", patient_id}}}, parse_team_answer);
}

Call<Nothing> unlink_patient(perm::Id team_id) { return call_for_status({"DELETE", team_path(team_id) + "/patient"}); }

Call<std::vector<TeamLink>> list_team_links() {
    return call<std::vector<TeamLink>>({"GET", "team-links"},
                                       [](const Json& j) { return read_list_answer<TeamLink>(j, "links", parse_link); });
}

Call<std::vector<DirectoryEntry>> search_directory(const DirectoryQuery& query) {
    std::string path = "directory";
    add_query(path, "q", query.q);
    if (query.facility_id) add_query(path, "facility_id", std::to_string(*query.facility_id));
    add_query(path, "profession", query.profession);
    return call<std::vector<DirectoryEntry>>({"GET", std::move(path)}, [](const Json& j) {
        return read_list_answer<DirectoryEntry>(j, "staff", parse_directory_entry);
    });
}

} // namespace mimamori::web::api
