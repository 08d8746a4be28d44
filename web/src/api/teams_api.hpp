#pragma once
// Care teams (/api/v1/teams, issue 4): one team per patient, its members from any facility of the
// region with a team role and a membership period, the secretariat's and managers' patient–team
// links, and the staff directory used to invite members.

#include <optional>
#include <string>
#include <vector>

#include "api/call.hpp"
#include "mimamori/common/permissions.hpp"

namespace mimamori::web::api {

struct TeamMember {
    perm::Id member_id = 0;
    perm::Id account_id = 0;
    std::string name;
    std::string profession; // vocabulary code
    std::optional<perm::Id> facility_id;
    std::string facility_name;
    std::string team_role; // vocabulary code (common's team_roles())
    std::string starts_on; // YYYY-MM-DD
    std::string ends_on;   // "" when open-ended
    bool active = false;   // the period holds today and the member has not left
};

struct Team {
    perm::Id id = 0;
    std::string name;
    std::optional<perm::Id> patient_id;
    std::string patient_name;
    bool locked = false; // the patient's consent was withdrawn: read-only
    std::string created_at;
    std::vector<TeamMember> members;

    // The current membership of `account_id`, or nullptr.
    const TeamMember* active_member(perm::Id account_id) const;
};

struct NewTeam {
    std::string name;
    std::string team_role; // the creator's role in it
    std::optional<perm::Id> patient_id;
};

struct NewMember {
    perm::Id account_id = 0;
    std::string team_role;
    std::string starts_on; // "" for today
    std::string ends_on;   // "" for open-ended
};

// Reads one team object (also part of GET /patients/{id}).
Result<Team> parse_team(const Json& j);

Call<Team> create_team(const NewTeam& team);
// The teams the person belongs to.
Call<std::vector<Team>> list_my_teams();
// The teams without a patient the person may link (managers, the secretariat administrator).
Call<std::vector<Team>> list_linkable_teams();
Call<Team> fetch_team(perm::Id id);
// 409 "already a member of this team"; 400 for a period that ends before it starts.
Call<Team> add_member(perm::Id team_id, const NewMember& member);
// Someone else (a manager, the administrator); for oneself, leave_team.
Call<Nothing> remove_member(perm::Id team_id, perm::Id account_id);
Call<Nothing> leave_team(perm::Id team_id);
// 409 when the patient already has a team or the team a patient.
Call<Team> link_patient(perm::Id team_id, perm::Id patient_id);
Call<Nothing> unlink_patient(perm::Id team_id);

struct TeamLink {
    perm::Id team_id = 0;
    std::string team_name;
    perm::Id patient_id = 0;
    std::string patient_name;
    std::string facility_name; // the patient's registering facility
    std::int64_t members = 0;
};
Call<std::vector<TeamLink>> list_team_links();

// Active staff of the region, for inviting a member from any facility.
struct DirectoryEntry {
    perm::Id account_id = 0;
    std::string name;
    std::string name_kana;
    std::string profession;
    perm::Id facility_id = 0;
    std::string facility_name;
};
struct DirectoryQuery {
    std::string q; // part of the name or its kana
    std::optional<perm::Id> facility_id;
    std::string profession;
};
Call<std::vector<DirectoryEntry>> search_directory(const DirectoryQuery& query);

} // namespace mimamori::web::api
