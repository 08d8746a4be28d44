#include "repositories/team_repository.hpp"

#include "repositories/membership_sql.hpp"

namespace mimamori::repositories {
namespace {

// $1 is the Japan date (membership_sql.hpp).
#define TEAM_SELECT                                                                                   \
    "SELECT t.id, t.name, t.patient_id, coalesce(p.name, ''), extract(epoch FROM t.created_at)::bigint, " \
    "(SELECT coalesce(string_agg(DISTINCT m.facility_id::text, ','), '') FROM team_members m "        \
    "  WHERE m.team_id = t.id AND " MIMAMORI_ACTIVE_MEMBER("m") ") "                                  \
    "FROM care_teams t LEFT JOIN patients p ON p.id = t.patient_id "

const db::Statement k_find{"team_find", TEAM_SELECT "WHERE t.id = $2"};
const db::Statement k_unlinked{"team_unlinked", TEAM_SELECT "WHERE t.patient_id IS NULL ORDER BY t.id"};
const db::Statement k_of_member{"team_of_member", TEAM_SELECT R"sql(
     WHERE EXISTS (SELECT 1 FROM team_members m WHERE m.team_id = t.id AND m.account_id = $2
                      AND )sql" MIMAMORI_ACTIVE_MEMBER("m") R"sql()
     ORDER BY t.id)sql"};
const db::Statement k_lock{"team_lock", "SELECT 1 FROM care_teams WHERE id = $1 FOR UPDATE"};

const db::Statement k_members{"team_members", R"sql(
    SELECT m.id, m.account_id, a.name, coalesce(a.profession, ''), m.facility_id, coalesce(f.name, ''),
           m.team_role, m.starts_on::text, m.ends_on::text, )sql" MIMAMORI_ACTIVE_MEMBER("m") R"sql(, a.login
      FROM team_members m JOIN accounts a ON a.id = m.account_id
      LEFT JOIN facilities f ON f.id = m.facility_id
     WHERE m.team_id = $2 AND m.left_at IS NULL
     ORDER BY m.joined_at, m.id)sql"};

const db::Statement k_insert{"team_insert", R"sql(
    INSERT INTO care_teams (name, patient_id, created_by) VALUES ($1, $2, $3) RETURNING id)sql"};

const db::Statement k_insert_member{"team_insert_member", R"sql(
    INSERT INTO team_members (team_id, account_id, facility_id, team_role, starts_on, ends_on, invited_by)
    VALUES ($1, $2, $3, $4, $5::date, $6::date, $7)
    RETURNING id)sql"};

const db::Statement k_open{"team_open_membership", R"sql(
    SELECT id, starts_on::text, ends_on::text FROM team_members
     WHERE team_id = $1 AND account_id = $2 AND left_at IS NULL)sql"};

const db::Statement k_end{"team_end_membership", R"sql(
    UPDATE team_members SET left_at = now() WHERE team_id = $1 AND account_id = $2 AND left_at IS NULL)sql"};

const db::Statement k_is_member{"team_is_member", R"sql(
    SELECT EXISTS (SELECT 1 FROM team_members m WHERE m.team_id = $2 AND m.account_id = $3
                      AND )sql" MIMAMORI_ACTIVE_MEMBER("m") ")"};

// The unique patient_id refuses a second team for a patient; the condition a second patient.
const db::Statement k_link{"team_link", R"sql(
    UPDATE care_teams SET patient_id = $2, updated_at = now()
     WHERE id = $1 AND patient_id IS NULL
       AND NOT EXISTS (SELECT 1 FROM care_teams WHERE patient_id = $2))sql"};

const db::Statement k_unlink{"team_unlink", R"sql(
    UPDATE care_teams SET patient_id = NULL, updated_at = now() WHERE id = $1 AND patient_id IS NOT NULL)sql"};

const db::Statement k_links{"team_links", R"sql(
    SELECT t.id, t.name, p.id, p.name, p.facility_id, f.name,
           (SELECT count(*) FROM team_members m WHERE m.team_id = t.id AND )sql" MIMAMORI_ACTIVE_MEMBER("m") R"sql(),
           (SELECT coalesce(string_agg(DISTINCT m.facility_id::text, ','), '') FROM team_members m
             WHERE m.team_id = t.id AND )sql" MIMAMORI_ACTIVE_MEMBER("m") R"sql()
      FROM care_teams t JOIN patients p ON p.id = t.patient_id JOIN facilities f ON f.id = p.facility_id
     ORDER BY p.name_kana, p.id)sql"};

const db::Statement k_invitee{"team_invitee", R"sql(
    SELECT a.kind, a.status,
           (SELECT af.facility_id FROM affiliations af WHERE af.account_id = a.id AND af.ended_at IS NULL
             ORDER BY af.created_at, af.facility_id LIMIT 1)
      FROM accounts a WHERE a.id = $1)sql"};

const db::Statement k_directory{"team_directory", R"sql(
    SELECT a.id, a.name, a.name_kana, a.profession, f.id, f.name
      FROM accounts a JOIN affiliations af ON af.account_id = a.id AND af.ended_at IS NULL
      JOIN facilities f ON f.id = af.facility_id
     WHERE a.kind = 'staff' AND a.status = 'active' AND f.status = 'active'
       AND ($1 = '' OR strpos(lower(a.name), lower($1)) > 0 OR strpos(a.name_kana, $2) > 0)
       AND ($3::bigint IS NULL OR f.id = $3::bigint)
       AND ($4 = '' OR a.profession = $4)
     ORDER BY a.name_kana, a.id, f.id
     LIMIT 200)sql"};

std::optional<Date> optional_date(const pqxx::field& f) {
    if (f.is_null()) return std::nullopt;
    return parse_date(f.as<std::string>()).value_or(Date{});
}

const char* nullable(const std::string& text) { return text.empty() ? nullptr : text.c_str(); }
std::string id_text(const std::optional<std::int64_t>& id) { return id ? std::to_string(*id) : std::string(); }

TeamRow read_team(const pqxx::row& row) {
    TeamRow t;
    t.id = row[0].as<std::int64_t>();
    t.name = row[1].as<std::string>();
    if (!row[2].is_null()) t.patient_id = row[2].as<std::int64_t>();
    t.patient_name = row[3].as<std::string>();
    t.created_at = row[4].as<std::int64_t>();
    t.member_facility_ids = id_list(row[5].as<std::string>());
    return t;
}

} // namespace

std::optional<TeamRow> find_team(db::Tx& tx, std::int64_t id, const Date& today) {
    auto rows = tx.exec(k_find, today.to_string(), id);
    if (rows.empty()) return std::nullopt;
    return read_team(rows[0]);
}

bool lock_team(db::Tx& tx, std::int64_t id) { return !tx.exec(k_lock, id).empty(); }

std::vector<MemberRow> team_members(db::Tx& tx, std::int64_t team_id, const Date& today) {
    std::vector<MemberRow> out;
    for (const auto& row : tx.exec(k_members, today.to_string(), team_id)) {
        MemberRow m;
        m.member_id = row[0].as<std::int64_t>();
        m.account_id = row[1].as<std::int64_t>();
        m.name = row[2].as<std::string>();
        m.profession = row[3].as<std::string>();
        if (!row[4].is_null()) m.facility_id = row[4].as<std::int64_t>();
        m.facility_name = row[5].as<std::string>();
        m.team_role = row[6].as<std::string>();
        m.starts_on = optional_date(row[7]).value_or(Date{});
        m.ends_on = optional_date(row[8]);
        m.active = row[9].as<bool>();
        m.login = row[10].as<std::string>();
        out.push_back(std::move(m));
    }
    return out;
}

std::int64_t insert_team(db::Tx& tx, const std::string& name, std::optional<std::int64_t> patient_id,
                         std::optional<std::int64_t> created_by) {
    const std::string patient = id_text(patient_id), by = id_text(created_by);
    return tx.exec(k_insert, name, nullable(patient), nullable(by))[0][0].as<std::int64_t>();
}

std::int64_t insert_member(db::Tx& tx, const NewMember& m) {
    const std::string ends = m.ends_on ? m.ends_on->to_string() : std::string();
    const std::string by = id_text(m.invited_by);
    return tx.exec(k_insert_member, m.team_id, m.account_id, m.facility_id, m.team_role, m.starts_on.to_string(),
                   nullable(ends), nullable(by))[0][0]
        .as<std::int64_t>();
}

std::optional<OpenMembership> open_membership(db::Tx& tx, std::int64_t team_id, std::int64_t account_id) {
    auto rows = tx.exec(k_open, team_id, account_id);
    if (rows.empty()) return std::nullopt;
    return OpenMembership{rows[0][0].as<std::int64_t>(), optional_date(rows[0][1]).value_or(Date{}),
                          optional_date(rows[0][2])};
}

bool end_membership(db::Tx& tx, std::int64_t team_id, std::int64_t account_id) {
    return tx.exec(k_end, team_id, account_id).affected_rows() > 0;
}

bool is_current_member(db::Tx& tx, std::int64_t team_id, std::int64_t account_id, const Date& today) {
    return tx.exec(k_is_member, today.to_string(), team_id, account_id)[0][0].as<bool>();
}

bool link_patient(db::Tx& tx, std::int64_t team_id, std::int64_t patient_id) {
    return tx.exec(k_link, team_id, patient_id).affected_rows() == 1;
}

bool unlink_patient(db::Tx& tx, std::int64_t team_id) { return tx.exec(k_unlink, team_id).affected_rows() == 1; }

std::vector<TeamRow> unlinked_teams(db::Tx& tx, const Date& today) {
    std::vector<TeamRow> out;
    for (const auto& row : tx.exec(k_unlinked, today.to_string())) out.push_back(read_team(row));
    return out;
}

std::vector<TeamRow> teams_of_member(db::Tx& tx, std::int64_t account_id, const Date& today) {
    std::vector<TeamRow> out;
    for (const auto& row : tx.exec(k_of_member, today.to_string(), account_id)) out.push_back(read_team(row));
    return out;
}

std::vector<LinkRow> team_links(db::Tx& tx, const Date& today) {
    std::vector<LinkRow> out;
    for (const auto& row : tx.exec(k_links, today.to_string()))
        out.push_back({row[0].as<std::int64_t>(), row[1].as<std::string>(), row[2].as<std::int64_t>(),
                       row[3].as<std::string>(), row[4].as<std::int64_t>(), row[5].as<std::string>(),
                       row[6].as<std::int64_t>(), id_list(row[7].as<std::string>())});
    return out;
}

std::optional<Invitee> find_invitee(db::Tx& tx, std::int64_t account_id) {
    auto rows = tx.exec(k_invitee, account_id);
    if (rows.empty()) return std::nullopt;
    Invitee i{rows[0][0].as<std::string>(), rows[0][1].as<std::string>(), std::nullopt};
    if (!rows[0][2].is_null()) i.facility_id = rows[0][2].as<std::int64_t>();
    return i;
}

std::vector<DirectoryRow> directory(db::Tx& tx, const DirectoryFilter& f) {
    const std::string facility = id_text(f.facility_id);
    std::vector<DirectoryRow> out;
    for (const auto& row : tx.exec(k_directory, f.q, f.q_kana, nullable(facility), f.profession))
        out.push_back({row[0].as<std::int64_t>(), row[1].as<std::string>(), row[2].as<std::string>(),
                       row[3].as<std::string>(), row[4].as<std::int64_t>(), row[5].as<std::string>()});
    return out;
}

} // namespace mimamori::repositories

#undef TEAM_SELECT
