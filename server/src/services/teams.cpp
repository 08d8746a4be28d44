#include "services/teams.hpp"

#include "mimamori/common/japan_time.hpp"
#include "mimamori/common/kana.hpp"
#include "mimamori/common/text.hpp"
#include "mimamori/common/validation.hpp"
#include "mimamori/common/vocabulary.hpp"
#include "repositories/patient_repository.hpp"
#include "services/master_input.hpp"
#include "services/patient_access.hpp"

namespace mimamori::services {
namespace {

Error no_team() { return Error::make(ErrorCode::NotFound, "no such care team"); }

std::string team_role_codes() {
    std::string out;
    for (const auto& r : team_roles()) out += (out.empty() ? "" : ", ") + std::string(r.label.code);
    return out;
}

Result<std::string> read_team_role(const Json& body) {
    auto role = string_field(body, "team_role", "");
    if (!role) return role.error();
    if (!team_role_from_code(*role)) return Error::invalid("team_role", "team_role must be one of: " + team_role_codes());
    return *role;
}

// An optional date field: absent or null is none.
Result<std::optional<Date>> optional_date(const Json& body, std::string_view key) {
    auto text = json::get_optional_string(body, key);
    if (!text) return text.error();
    if (!*text) return std::optional<Date>{};
    auto date = parse_date(**text, key);
    if (!date) return Error::invalid(std::string(key), std::string(key) + " must be a date YYYY-MM-DD");
    return std::optional<Date>{*date};
}

// The facts of a team as a patient's facts (for perm::decide on list rows).
repositories::PatientFacts facts_of_team(const repositories::TeamRow& t, std::int64_t patient_facility_id) {
    repositories::PatientFacts f;
    f.facility_id = patient_facility_id;
    f.team_id = t.id;
    f.member_facility_ids = t.member_facility_ids;
    return f;
}

Team complete(db::Tx& tx, repositories::TeamRow row, const Date& today) {
    Team team;
    team.members = repositories::team_members(tx, row.id, today);
    if (row.patient_id) {
        // The lock belongs to the patient's consent, not to who is asking: facts for no account.
        auto facts = repositories::patient_facts(tx, *row.patient_id, 0, today);
        team.locked = facts && facts->consent.id && facts->consent.withdrawn;
    }
    team.row = std::move(row);
    return team;
}

} // namespace

Result<Team> get_team(db::Tx& tx, std::int64_t id) {
    const Date today = japan_today();
    auto row = repositories::find_team(tx, id, today);
    if (!row) return no_team();
    return complete(tx, std::move(*row), today);
}

Result<NewTeam> read_new_team(const Json& body) {
    if (auto known = json::reject_unknown_keys(body, {"name", "team_role", "patient_id"}); !known) return known.error();
    NewTeam t;
    auto name = string_field(body, "name", "");
    if (!name) return name.error();
    auto valid = validate::name("name", *name, 100);
    if (!valid) return valid.error();
    t.name = *valid;
    auto role = read_team_role(body);
    if (!role) return role.error();
    t.team_role = *role;
    auto patient = json::get_optional_int(body, "patient_id");
    if (!patient) return patient.error();
    if (*patient && **patient <= 0) return Error::invalid("patient_id", "patient_id must be a patient id");
    t.patient_id = *patient;
    return t;
}

Result<Team> create_team(db::Tx& tx, const NewTeam& input, std::int64_t creator) {
    if (input.patient_id) {
        if (!repositories::lock_patient(tx, *input.patient_id)) return Error::make(ErrorCode::NotFound, "no such patient");
        auto facts = repositories::patient_facts(tx, *input.patient_id, creator, japan_today());
        if (facts && facts->team_id)
            return Error{ErrorCode::Conflict, "the patient already has a care team: add members to it instead",
                         "patient_id"};
    }
    const std::int64_t id = repositories::insert_team(tx, input.name, input.patient_id, creator);
    auto who = repositories::find_invitee(tx, creator);
    if (who && who->facility_id)
        repositories::insert_member(tx, {id, creator, *who->facility_id, input.team_role, japan_today(), std::nullopt,
                                         creator});
    if (input.patient_id) repositories::touch_patient(tx, *input.patient_id);
    return get_team(tx, id);
}

Result<NewMembership> read_new_membership(const Json& body, const Date& today) {
    if (auto known = json::reject_unknown_keys(body, {"account_id", "team_role", "starts_on", "ends_on"}); !known)
        return known.error();
    NewMembership m;
    auto account = json::get_int(body, "account_id");
    if (!account) return account.error();
    m.account_id = *account;
    auto role = read_team_role(body);
    if (!role) return role.error();
    m.team_role = *role;
    auto starts = optional_date(body, "starts_on");
    if (!starts) return starts.error();
    m.starts_on = starts->value_or(today);
    auto ends = optional_date(body, "ends_on");
    if (!ends) return ends.error();
    m.ends_on = *ends;
    if (m.ends_on && *m.ends_on < m.starts_on) return Error::invalid("ends_on", "ends_on must not be before starts_on");
    if (m.ends_on && *m.ends_on < today) return Error::invalid("ends_on", "ends_on must not be in the past");
    return m;
}

Result<Team> add_member(db::Tx& tx, std::int64_t team_id, const NewMembership& input, std::int64_t invited_by) {
    if (!repositories::lock_team(tx, team_id)) return no_team();
    auto who = repositories::find_invitee(tx, input.account_id);
    if (!who || who->kind != "staff")
        return Error::invalid("account_id", "account_id names no staff member: family accounts and unknown ids cannot join");
    if (who->status == "left" || who->status == "locked" || !who->facility_id)
        return Error::invalid("account_id", "this staff member has no active affiliation with a facility and cannot join");
    const Date today = japan_today();
    if (auto open = repositories::open_membership(tx, team_id, input.account_id)) {
        if (!open->ends_on || !(*open->ends_on < today))
            return Error{ErrorCode::Conflict, "already a member of this team", "account_id"};
        repositories::end_membership(tx, team_id, input.account_id); // the ended period stays as history
    }
    repositories::insert_member(tx, {team_id, input.account_id, *who->facility_id, input.team_role, input.starts_on,
                                     input.ends_on, invited_by});
    return get_team(tx, team_id);
}

Status remove_member(db::Tx& tx, std::int64_t team_id, std::int64_t account_id) {
    if (!repositories::lock_team(tx, team_id)) return no_team();
    if (!repositories::end_membership(tx, team_id, account_id))
        return Error::make(ErrorCode::NotFound, "not a member of this team");
    return {};
}

Result<Team> link_patient(db::Tx& tx, std::int64_t team_id, std::int64_t patient_id) {
    if (!repositories::lock_patient(tx, patient_id)) return Error::make(ErrorCode::NotFound, "no such patient");
    if (!repositories::lock_team(tx, team_id)) return no_team();
    if (!repositories::link_patient(tx, team_id, patient_id))
        return Error{ErrorCode::Conflict,
                     "the patient already has a care team, or the team already has a patient: unlink first",
                     "patient_id"};
    repositories::touch_patient(tx, patient_id);
    return get_team(tx, team_id);
}

Status unlink_patient(db::Tx& tx, std::int64_t team_id) {
    if (!repositories::lock_team(tx, team_id)) return no_team();
    if (!repositories::unlink_patient(tx, team_id))
        return Error::make(ErrorCode::Conflict, "the team has no patient to unlink");
    return {};
}

std::vector<Team> linkable_teams(db::Tx& tx, const perm::Principal& viewer) {
    const Date today = japan_today();
    std::vector<Team> out;
    for (auto& row : repositories::unlinked_teams(tx, today)) {
        // Linking is the managers' (and the secretariat's): membership does not enter into it.
        perm::Target target;
        target.patient_facility_ids = row.member_facility_ids;
        if (perm::decide(viewer, perm::Action::TeamLinkEdit, target)) out.push_back(complete(tx, std::move(row), today));
    }
    return out;
}

std::vector<Team> my_teams(db::Tx& tx, const perm::Principal& viewer) {
    const Date today = japan_today();
    std::vector<Team> out;
    if (viewer.family) return out;
    for (auto& row : repositories::teams_of_member(tx, viewer.account_id, today))
        out.push_back(complete(tx, std::move(row), today));
    return out;
}

std::vector<repositories::LinkRow> team_links(db::Tx& tx, const perm::Principal& viewer) {
    auto links = repositories::team_links(tx, japan_today());
    std::erase_if(links, [&](const repositories::LinkRow& l) {
        repositories::TeamRow team;
        team.id = l.team_id;
        team.member_facility_ids = l.member_facility_ids;
        auto target = patient_target(viewer, l.patient_id, facts_of_team(team, l.patient_facility_id));
        return !perm::decide(viewer, perm::Action::TeamLinkView, target);
    });
    return links;
}

Result<std::vector<repositories::DirectoryRow>> directory(db::Tx& tx, const DirectoryQuery& query) {
    if (!query.profession.empty() && !profession_from_code(query.profession))
        return Error::invalid("profession", "profession must be a profession code");
    repositories::DirectoryFilter filter;
    filter.q = text::trim(query.q);
    filter.q_kana = text::to_katakana(kana::half_width_to_full_width_katakana(filter.q));
    filter.facility_id = query.facility_id;
    filter.profession = query.profession;
    return repositories::directory(tx, filter);
}

Json to_json(const Team& team) {
    Json members = Json::array();
    for (const auto& m : team.members)
        members.push_back({{"member_id", m.member_id},
                           {"account_id", m.account_id},
                           {"name", m.name},
                           {"login", m.login},
                           {"profession", m.profession},
                           {"facility_id", m.facility_id ? Json(*m.facility_id) : Json(nullptr)},
                           {"facility_name", m.facility_name},
                           {"team_role", m.team_role},
                           {"starts_on", m.starts_on.to_string()},
                           {"ends_on", m.ends_on ? Json(m.ends_on->to_string()) : Json(nullptr)},
                           {"active", m.active}});
    const auto& t = team.row;
    return {{"id", t.id},
            {"name", t.name},
            {"patient_id", t.patient_id ? Json(*t.patient_id) : Json(nullptr)},
            {"patient_name", t.patient_id ? Json(t.patient_name) : Json(nullptr)},
            {"locked", team.locked},
            {"created_at", japan_iso8601(t.created_at)},
            {"members", std::move(members)}};
}

Json to_json(const repositories::LinkRow& l) {
    return {{"team_id", l.team_id},       {"team_name", l.team_name},         {"patient_id", l.patient_id},
            {"patient_name", l.patient_name}, {"facility_name", l.facility_name}, {"members", l.members}};
}

Json to_json(const repositories::DirectoryRow& s) {
    return {{"account_id", s.account_id}, {"name", s.name},           {"name_kana", s.name_kana},
            {"profession", s.profession}, {"facility_id", s.facility_id}, {"facility_name", s.facility_name}};
}

} // namespace mimamori::services
