#pragma once
// SQL of care teams and their memberships (migration 0005), the region's staff directory for
// inviting members, and the patient-team links the secretariat and managers see.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "mimamori/common/date.hpp"

namespace mimamori::repositories {

struct TeamRow {
    std::int64_t id = 0;
    std::string name;
    std::optional<std::int64_t> patient_id;
    std::string patient_name;      // "" while unlinked
    std::int64_t created_at = 0;   // Unix seconds
    std::vector<std::int64_t> member_facility_ids; // of the current members
};

// A membership not left (current, expired or not yet begun), with what the team screen shows.
struct MemberRow {
    std::int64_t member_id = 0;
    std::int64_t account_id = 0;
    std::string name;
    std::string login; // what "@login" names in a memo (the mention picker)
    std::string profession;
    std::optional<std::int64_t> facility_id;
    std::string facility_name;
    std::string team_role;
    Date starts_on;
    std::optional<Date> ends_on;
    bool active = false; // counts on the Japan date given
};

struct NewMember {
    std::int64_t team_id = 0;
    std::int64_t account_id = 0;
    std::int64_t facility_id = 0; // the facility the member acts for
    std::string team_role;
    Date starts_on;
    std::optional<Date> ends_on;
    std::optional<std::int64_t> invited_by;
};

// `today`: the Japan date that decides who is a current member (membership_sql.hpp).
std::optional<TeamRow> find_team(db::Tx& tx, std::int64_t id, const Date& today);
// Locks the team's row until the transaction ends (membership and link changes).
bool lock_team(db::Tx& tx, std::int64_t id);
std::vector<MemberRow> team_members(db::Tx& tx, std::int64_t team_id, const Date& today);

std::int64_t insert_team(db::Tx& tx, const std::string& name, std::optional<std::int64_t> patient_id,
                         std::optional<std::int64_t> created_by);
std::int64_t insert_member(db::Tx& tx, const NewMember& member);

// The account's membership of the team that has not been left, if any.
struct OpenMembership {
    std::int64_t member_id = 0;
    Date starts_on;
    std::optional<Date> ends_on;
};
std::optional<OpenMembership> open_membership(db::Tx& tx, std::int64_t team_id, std::int64_t account_id);
// Ends the account's open membership (leaving, removal, or an ended period before re-joining);
// false when there was none.
bool end_membership(db::Tx& tx, std::int64_t team_id, std::int64_t account_id);
// Whether the account is a current member (see membership_sql.hpp).
bool is_current_member(db::Tx& tx, std::int64_t team_id, std::int64_t account_id, const Date& today);

// Links a team to a patient; false when either already has a link (one team per patient).
bool link_patient(db::Tx& tx, std::int64_t team_id, std::int64_t patient_id);
bool unlink_patient(db::Tx& tx, std::int64_t team_id);

// Teams without a patient (the link screen's choices).
std::vector<TeamRow> unlinked_teams(db::Tx& tx, const Date& today);
// Teams the account currently belongs to.
std::vector<TeamRow> teams_of_member(db::Tx& tx, std::int64_t account_id, const Date& today);

// Linked teams with their patient (GET /api/v1/team-links).
struct LinkRow {
    std::int64_t team_id = 0;
    std::string team_name;
    std::int64_t patient_id = 0;
    std::string patient_name;
    std::int64_t patient_facility_id = 0;
    std::string facility_name;   // the patient's registering facility
    std::int64_t members = 0;    // current
    std::vector<std::int64_t> member_facility_ids;
};
std::vector<LinkRow> team_links(db::Tx& tx, const Date& today);

// A staff account someone wants in a team: its kind, status and the facility it acts for (its
// oldest active affiliation; none when it has no affiliation).
struct Invitee {
    std::string kind;
    std::string status;
    std::optional<std::int64_t> facility_id;
};
std::optional<Invitee> find_invitee(db::Tx& tx, std::int64_t account_id);

// Active staff of the region's facilities, one row per affiliation, in kana order (at most 200).
struct DirectoryRow {
    std::int64_t account_id = 0;
    std::string name;
    std::string name_kana;
    std::string profession;
    std::int64_t facility_id = 0;
    std::string facility_name;
};
struct DirectoryFilter {
    std::string q;      // part of the name (any case) or the kana
    std::string q_kana;
    std::optional<std::int64_t> facility_id;
    std::string profession; // "" for all
};
std::vector<DirectoryRow> directory(db::Tx& tx, const DirectoryFilter& filter);

} // namespace mimamori::repositories
