#pragma once
// Care teams (issue 4): one per patient, members from any facility of the region, each with a
// team role and a membership period that ends by itself; members invite members, leaving is one
// action, managers and the secretariat link teams to patients. The caller has checked the
// action's permission with perm::decide on services::team_access() / load_patient_target() facts;
// the lists are narrowed here row by row with it.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "mimamori/common/date.hpp"
#include "mimamori/common/json.hpp"
#include "mimamori/common/permissions.hpp"
#include "mimamori/common/result.hpp"
#include "repositories/team_repository.hpp"

namespace mimamori::services {

struct Team {
    repositories::TeamRow row;
    std::vector<repositories::MemberRow> members; // not left: current, ended and future periods
    bool locked = false;                          // the patient's consent is withdrawn
};

// NotFound for an unknown id.
Result<Team> get_team(db::Tx& tx, std::int64_t id);

// POST /api/v1/teams {"name","team_role","patient_id"?}.
struct NewTeam {
    std::string name;
    std::string team_role;
    std::optional<std::int64_t> patient_id;
};
Result<NewTeam> read_new_team(const Json& body);
// The team, linked at once when it names a patient (Conflict when that patient has a team). The
// creator becomes its first member with `team_role`, acting for their oldest facility; a
// creator with no facility (the secretariat) creates it without joining: the secretariat never
// reads a patient's records.
Result<Team> create_team(db::Tx& tx, const NewTeam& input, std::int64_t creator);

// POST /api/v1/teams/{id}/members {"account_id","team_role","starts_on"?,"ends_on"?}.
struct NewMembership {
    std::int64_t account_id = 0;
    std::string team_role;
    Date starts_on;               // default: today in Japan
    std::optional<Date> ends_on;  // none: until they leave or are removed
};
Result<NewMembership> read_new_membership(const Json& body, const Date& today);
// InvalidInput ("account_id") for an account that cannot join (no such staff member, a family
// account, no facility, left); Conflict when the account is already a member (a period that has
// ended is closed and a new one begins).
Result<Team> add_member(db::Tx& tx, std::int64_t team_id, const NewMembership& input, std::int64_t invited_by);
// Leaving or removal: NotFound when the account is not a member.
Status remove_member(db::Tx& tx, std::int64_t team_id, std::int64_t account_id);

// Linking ("linking a patient twice" is a Conflict, as is a team that already has a patient).
Result<Team> link_patient(db::Tx& tx, std::int64_t team_id, std::int64_t patient_id);
Status unlink_patient(db::Tx& tx, std::int64_t team_id);

// Teams without a patient that `viewer` may link (TeamLinkEdit on each).
std::vector<Team> linkable_teams(db::Tx& tx, const perm::Principal& viewer);
// The teams `viewer` currently belongs to.
std::vector<Team> my_teams(db::Tx& tx, const perm::Principal& viewer);
// Patient-team links `viewer` may see (TeamLinkView on each).
std::vector<repositories::LinkRow> team_links(db::Tx& tx, const perm::Principal& viewer);

// GET /api/v1/directory: active staff of the region to invite (no e-mail, no login id).
struct DirectoryQuery {
    std::string q;
    std::optional<std::int64_t> facility_id;
    std::string profession;
};
Result<std::vector<repositories::DirectoryRow>> directory(db::Tx& tx, const DirectoryQuery& query);

// The API's JSON.
Json to_json(const Team& team);
Json to_json(const repositories::LinkRow& link);
Json to_json(const repositories::DirectoryRow& staff);

} // namespace mimamori::services
