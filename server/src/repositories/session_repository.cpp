#include "repositories/session_repository.hpp"

#include "mimamori/common/json.hpp"

namespace mimamori::repositories {
namespace {

const db::Statement k_insert{"session_insert", R"sql(
    INSERT INTO sessions (token_hash, account_id, csrf_token, kiosk, expires_at, client_address, user_agent)
    VALUES (decode($1, 'hex'), $2, $3, $4, now() + make_interval(secs => $5::bigint), $6, $7))sql"};

// The session, its account and the account's active affiliations; the timeouts are judged by the
// database's clock, the one that wrote last_seen_at.
const db::Statement k_find{"session_find", R"sql(
    SELECT a.id, a.login, a.name, a.name_kana, a.email, a.kind, a.status, a.profession, a.secretariat_role,
           a.family_patient_id, a.must_change_password, a.totp_secret IS NOT NULL,
           s.csrf_token, s.kiosk,
           s.expires_at <= now() OR a.status <> 'active'
             OR s.last_seen_at < now() - make_interval(secs => CASE WHEN s.kiosk THEN $3::bigint ELSE $2::bigint END),
           s.last_seen_at < now() - make_interval(secs => $4::bigint),
           coalesce((SELECT json_agg(json_build_object('facility_id', f.id, 'facility_name', f.name,
                                                       'facility_type', f.type, 'manager', af.manager,
                                                       'require_two_factor', f.require_two_factor) ORDER BY f.id)
                       FROM affiliations af JOIN facilities f ON f.id = af.facility_id
                      WHERE af.account_id = a.id AND af.ended_at IS NULL), '[]')::text,
           extract(epoch FROM s.expires_at - now())::float8,
           extract(epoch FROM now() - s.last_seen_at)::float8
      FROM sessions s JOIN accounts a ON a.id = s.account_id
     WHERE s.token_hash = decode($1, 'hex'))sql"};

const db::Statement k_touch{"session_touch",
                            "UPDATE sessions SET last_seen_at = now() WHERE token_hash = decode($1, 'hex')"};
const db::Statement k_delete{"session_delete", "DELETE FROM sessions WHERE token_hash = decode($1, 'hex')"};
const db::Statement k_delete_account{"session_delete_account", R"sql(
    DELETE FROM sessions WHERE account_id = $1 AND ($2 = '' OR token_hash <> decode($2, 'hex')))sql"};

template <typename T>
std::optional<T> optional_field(const pqxx::field& f) {
    if (f.is_null()) return std::nullopt;
    return f.as<T>();
}

} // namespace

void insert_session(db::Tx& tx, const NewSessionRow& r) {
    tx.exec(k_insert, r.token_hash_hex, r.account_id, r.csrf_token, r.kiosk, r.lifetime_seconds, r.client_address,
            r.user_agent);
}

std::optional<SessionRow> find_session(db::Tx& tx, const std::string& token_hash_hex, std::int64_t idle_seconds,
                                       std::int64_t kiosk_idle_seconds, std::int64_t touch_after_seconds) {
    auto rows = tx.exec(k_find, token_hash_hex, idle_seconds, kiosk_idle_seconds, touch_after_seconds);
    if (rows.empty()) return std::nullopt;
    const auto& row = rows[0];
    SessionRow s;
    auto& a = s.account;
    a.id = row[0].as<std::int64_t>();
    a.login = row[1].as<std::string>();
    a.name = row[2].as<std::string>();
    a.name_kana = row[3].as<std::string>();
    a.email = row[4].as<std::string>();
    a.kind = row[5].as<std::string>();
    a.status = row[6].as<std::string>();
    a.profession = optional_field<std::string>(row[7]);
    a.secretariat_role = optional_field<std::string>(row[8]);
    a.family_patient_id = optional_field<std::int64_t>(row[9]);
    a.must_change_password = row[10].as<bool>();
    a.two_factor_enabled = row[11].as<bool>();
    s.csrf_token = row[12].as<std::string>();
    s.kiosk = row[13].as<bool>();
    s.expired = row[14].as<bool>();
    s.stale = row[15].as<bool>();
    s.seconds_to_expiry = row[17].as<double>();
    s.seconds_since_seen = row[18].as<double>();
    for (const auto& m : Json::parse(row[16].as<std::string>()))
        s.affiliations.push_back({m.at("facility_id").get<std::int64_t>(), m.at("facility_name").get<std::string>(),
                                  m.at("facility_type").get<std::string>(), m.at("manager").get<bool>(),
                                  m.at("require_two_factor").get<bool>()});
    return s;
}

void touch_session(db::Tx& tx, const std::string& token_hash_hex) { tx.exec(k_touch, token_hash_hex); }

void delete_session(db::Tx& tx, const std::string& token_hash_hex) { tx.exec(k_delete, token_hash_hex); }

void delete_account_sessions(db::Tx& tx, std::int64_t account_id, const std::string& keep_hash_hex) {
    tx.exec(k_delete_account, account_id, keep_hash_hex);
}

} // namespace mimamori::repositories
