#include "repositories/event_repository.hpp"

#include "repositories/membership_sql.hpp"

namespace mimamori::repositories {
namespace {

// One statement for all events of a request; the notification goes out when it commits (and
// once per transaction, however many events it wrote).
const db::Statement k_insert{"event_insert", R"sql(
    WITH e AS (
      INSERT INTO events (type, patient_id, account_id, data)
      SELECT x.type, x.patient_id, x.account_id, x.data
        FROM json_to_recordset($1::json) AS x(type text, patient_id bigint, account_id bigint, data jsonb)
      RETURNING 1)
    SELECT pg_notify('mimamori_events_pending', '') FROM (SELECT count(*) FROM e) n)sql"};

const db::Statement k_number{"event_number", "SELECT number_events()"};
const db::Statement k_last{"event_last", "SELECT coalesce(max(id), 0) FROM events"};

#define EVENT_COLUMNS "SELECT e.id, e.type, e.patient_id, e.account_id, e.data::text FROM events e "

const db::Statement k_after{"event_after", EVENT_COLUMNS "WHERE e.id > $1 ORDER BY e.id LIMIT $2"};

// $1: the Japan date (membership_sql.hpp).
const db::Statement k_member_after{"event_member_after", EVENT_COLUMNS R"sql(
     WHERE e.id > $3 AND (e.account_id IS NULL OR e.account_id = $2)
       AND (EXISTS (SELECT 1 FROM care_teams t JOIN team_members m ON m.team_id = t.id
                     WHERE t.patient_id = e.patient_id AND m.account_id = $2 AND )sql" MIMAMORI_ACTIVE_MEMBER("m") R"sql()
            -- the family space's events (issue 6) also to the patient's family accounts
            OR (e.type LIKE 'family\_%' AND EXISTS (SELECT 1 FROM accounts f WHERE f.id = $2 AND f.kind = 'family'
                                                         AND f.family_patient_id = e.patient_id AND f.status <> 'left')))
     ORDER BY e.id LIMIT $4)sql"};

#undef EVENT_COLUMNS

const db::Statement k_audiences{"event_audiences", R"sql(
    SELECT p.id, p.facility_id, t.id,
           (SELECT coalesce(string_agg(DISTINCT m.facility_id::text, ','), '') FROM team_members m
             WHERE m.team_id = t.id AND )sql" MIMAMORI_ACTIVE_MEMBER("m") R"sql(),
           (SELECT coalesce(string_agg(DISTINCT m.account_id::text, ','), '') FROM team_members m
             WHERE m.team_id = t.id AND )sql" MIMAMORI_ACTIVE_MEMBER("m") R"sql(),
           c.id, c.scope_professional, c.scope_family, extract(epoch FROM c.recorded_at)::bigint,
           c.withdrawn_at IS NOT NULL
      FROM patients p
      LEFT JOIN care_teams t ON t.patient_id = p.id
      LEFT JOIN LATERAL (SELECT * FROM consents c WHERE c.patient_id = p.id
                          ORDER BY c.recorded_at DESC, c.id DESC LIMIT 1) c ON true
     WHERE p.id = ANY ($2::bigint[]))sql"};

// The expiry rule of session_repository.cpp's find, without touching the session.
const db::Statement k_valid_sessions{"event_valid_sessions", R"sql(
    SELECT encode(s.token_hash, 'hex')
      FROM sessions s JOIN accounts a ON a.id = s.account_id
     WHERE s.token_hash IN (SELECT decode(h, 'hex') FROM unnest($1::text[]) h)
       AND s.expires_at > now() AND a.status = 'active'
       AND s.last_seen_at >= now() - make_interval(secs => CASE WHEN s.kiosk THEN $3::bigint ELSE $2::bigint END))sql"};

std::vector<EventRow> read_events(const pqxx::result& rows) {
    std::vector<EventRow> out;
    out.reserve(rows.size());
    for (const auto& row : rows) {
        EventRow e;
        e.id = row[0].as<std::int64_t>();
        e.type = row[1].as<std::string>();
        e.patient_id = row[2].is_null() ? 0 : row[2].as<std::int64_t>();
        if (!row[3].is_null()) e.account_id = row[3].as<std::int64_t>();
        e.data = row[4].as<std::string>();
        out.push_back(std::move(e));
    }
    return out;
}

} // namespace

void insert_events(db::Tx& tx, const std::vector<NewEvent>& events) {
    if (events.empty()) return;
    Json rows = Json::array();
    for (const auto& e : events)
        rows.push_back({{"type", e.type},
                        {"patient_id", e.patient_id},
                        {"account_id", e.account_id ? Json(*e.account_id) : Json(nullptr)},
                        {"data", e.data}});
    tx.exec(k_insert, json::dump(rows));
}

std::optional<std::int64_t> number_events(db::Tx& tx) {
    auto rows = tx.exec(k_number);
    if (rows.empty() || rows[0][0].is_null()) return std::nullopt;
    return rows[0][0].as<std::int64_t>();
}

std::int64_t last_event_id(db::Tx& tx) { return tx.exec(k_last)[0][0].as<std::int64_t>(); }

std::vector<EventRow> events_after(db::Tx& tx, std::int64_t after_id, int limit) {
    return read_events(tx.exec(k_after, after_id, limit));
}

std::vector<EventRow> member_events_after(db::Tx& tx, std::int64_t account_id, std::int64_t after_id, int limit,
                                          const Date& today) {
    return read_events(tx.exec(k_member_after, today.to_string(), account_id, after_id, limit));
}

std::vector<PatientAudience> patient_audiences(db::Tx& tx, const std::vector<std::int64_t>& patients, const Date& today) {
    std::vector<PatientAudience> out;
    if (patients.empty()) return out;
    for (const auto& row : tx.exec(k_audiences, today.to_string(), array_literal(patients))) {
        PatientAudience a;
        a.patient_id = row[0].as<std::int64_t>();
        a.facts.facility_id = row[1].as<std::int64_t>();
        if (!row[2].is_null()) a.facts.team_id = row[2].as<std::int64_t>();
        a.facts.member_facility_ids = id_list(row[3].as<std::string>());
        a.member_ids = id_list(row[4].as<std::string>());
        if (!row[5].is_null()) {
            a.facts.consent.id = row[5].as<std::int64_t>();
            a.facts.consent.professional = row[6].as<bool>();
            a.facts.consent.family = row[7].as<bool>();
            a.facts.consent.recorded_at = row[8].as<std::int64_t>();
            a.facts.consent.withdrawn = row[9].as<bool>();
        }
        out.push_back(std::move(a));
    }
    return out;
}

std::vector<std::string> valid_sessions(db::Tx& tx, const std::vector<std::string>& token_hashes_hex,
                                        std::int64_t idle_seconds, std::int64_t kiosk_idle_seconds) {
    std::vector<std::string> out;
    if (token_hashes_hex.empty()) return out;
    std::string literal = "{";
    for (std::size_t i = 0; i < token_hashes_hex.size(); ++i) literal += (i ? "," : "") + token_hashes_hex[i];
    literal += "}";
    for (const auto& row : tx.exec(k_valid_sessions, literal, idle_seconds, kiosk_idle_seconds))
        out.push_back(row[0].as<std::string>());
    return out;
}

} // namespace mimamori::repositories
