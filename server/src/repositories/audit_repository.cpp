#include "repositories/audit_repository.hpp"

#include <stdexcept>

#include "http/json_writer.hpp"
#include "mimamori/common/encoding.hpp"

namespace mimamori::repositories {
namespace {

const db::Statement k_lock_head{"audit_lock_head", R"sql(
    SELECT last_id, encode(last_hash, 'hex'), (extract(epoch FROM clock_timestamp()) * 1000000)::bigint
      FROM audit_head FOR UPDATE)sql"};

const db::Statement k_create_head{"audit_create_head", R"sql(
    INSERT INTO audit_head (last_id, last_hash)
    SELECT coalesce((SELECT id FROM audit_log ORDER BY id DESC LIMIT 1), 0),
           coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), decode($1, 'hex'))
    ON CONFLICT DO NOTHING)sql"};

// One statement for a whole batch: the entries travel as one JSON array (detail as the exact
// text that was hashed), and the head moves with them.
const db::Statement k_insert{"audit_insert", R"sql(
    WITH inserted AS (
      INSERT INTO audit_log (id, at, actor_account_id, actor_login, action, target_type, target_id,
                             patient_id, client_address, result, detail, hash)
      SELECT x.id, x.at::timestamptz, x.actor_account_id, x.actor_login, x.action, x.target_type, x.target_id,
             x.patient_id, x.client_address, x.result, x.detail, decode(x.hash, 'hex')
        FROM json_to_recordset($1::json) AS x(id bigint, at text, actor_account_id bigint, actor_login text,
             action text, target_type text, target_id text, patient_id bigint, client_address text,
             result text, detail text, hash text)
      RETURNING 1)
    UPDATE audit_head SET last_id = $2, last_hash = decode($3, 'hex'))sql"};

const db::Statement k_defer_flush{"audit_defer_flush", "SELECT set_config('synchronous_commit', 'off', true)"};

#define AUDIT_COLUMNS                                                                                        \
    "id, (extract(epoch FROM at) * 1000000)::bigint, actor_account_id, actor_login, action, target_type, "     \
    "target_id, patient_id, client_address, result, detail, encode(hash, 'hex')"

const db::Statement k_read{"audit_read", "SELECT " AUDIT_COLUMNS
                                         " FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2"};

const db::Statement k_read_head{"audit_read_head", "SELECT last_id, encode(last_hash, 'hex') FROM audit_head"};

// '' stands for "no filter" (libpqxx 6 has no optional parameters); NULLIF keeps the casts from
// ever seeing ''.
const db::Statement k_search{"audit_search", "SELECT " AUDIT_COLUMNS R"sql(
      FROM audit_log
     WHERE ($1 = '' OR at >= NULLIF($1, '')::timestamptz)
       AND ($2 = '' OR at < NULLIF($2, '')::timestamptz)
       AND ($3 = '' OR actor_account_id = NULLIF($3, '')::bigint)
       AND ($4 = '' OR lower(actor_login) = lower($4))
       AND ($5 = '' OR patient_id = NULLIF($5, '')::bigint)
       AND ($6 = '' OR action = $6)
       AND ($7 = '' OR result = $7)
       AND ($8 = '' OR id < NULLIF($8, '')::bigint)
     ORDER BY id DESC
     LIMIT $9)sql"};

#undef AUDIT_COLUMNS

audit::Hash to_hash(const std::string& hex) {
    auto bytes = encoding::hex_decode(hex);
    audit::Hash hash{};
    if (!bytes || bytes->size() != hash.size()) throw std::runtime_error("a stored audit hash is not 32 bytes");
    std::copy(bytes->begin(), bytes->end(), hash.begin());
    return hash;
}

std::optional<std::int64_t> optional_id(const pqxx::field& f) {
    if (f.is_null()) return std::nullopt;
    return f.as<std::int64_t>();
}

std::vector<audit::StoredEntry> to_entries(const pqxx::result& rows) {
    std::vector<audit::StoredEntry> out;
    out.reserve(rows.size());
    for (const auto& row : rows) {
        audit::StoredEntry s;
        s.entry.sequence = row[0].as<std::int64_t>();
        s.entry.time_us = row[1].as<std::int64_t>();
        s.entry.actor_account_id = optional_id(row[2]);
        s.entry.actor_login = row[3].as<std::string>();
        s.entry.action = row[4].as<std::string>();
        s.entry.target_type = row[5].as<std::string>();
        s.entry.target_id = row[6].as<std::string>();
        s.entry.patient_id = optional_id(row[7]);
        s.entry.client_address = row[8].as<std::string>();
        s.entry.result = row[9].as<std::string>();
        auto detail = json::parse(row[10].as<std::string>());
        // Not JSON: keep the text, so the chain check reports this entry instead of stopping.
        s.entry.detail = detail ? *detail : Json(row[10].as<std::string>());
        s.hash = to_hash(row[11].as<std::string>());
        out.push_back(std::move(s));
    }
    return out;
}

std::string text_or_empty(const std::optional<std::int64_t>& v) { return v ? std::to_string(*v) : ""; }

} // namespace

AuditHead lock_audit_head(db::Tx& tx) {
    auto rows = tx.exec(k_lock_head);
    if (rows.empty()) {
        tx.exec(k_create_head, encoding::hex_encode(audit::genesis_hash()));
        rows = tx.exec(k_lock_head);
    }
    if (rows.empty()) throw std::runtime_error("the access log's head row cannot be created");
    return AuditHead{rows[0][0].as<std::int64_t>(), to_hash(rows[0][1].as<std::string>()),
                     rows[0][2].as<std::int64_t>()};
}

void defer_commit_flush(db::Tx& tx) { tx.exec(k_defer_flush); }

void insert_audit_entries(db::Tx& tx, const std::vector<audit::StoredEntry>& entries) {
    if (entries.empty()) return;
    // Written straight as text (an nlohmann tree per batch was the appender's largest cost).
    std::string rows;
    rows.reserve(entries.size() * 512);
    http::JsonWriter out(rows);
    out.begin_array();
    for (const auto& s : entries) {
        const auto& e = s.entry;
        out.begin_object().key("id").value(e.sequence).key("at").value(audit::format_time(e.time_us));
        out.key("actor_account_id");
        if (e.actor_account_id) out.value(*e.actor_account_id);
        else out.null();
        out.key("actor_login").value(e.actor_login).key("action").value(e.action);
        out.key("target_type").value(e.target_type).key("target_id").value(e.target_id);
        out.key("patient_id");
        if (e.patient_id) out.value(*e.patient_id);
        else out.null();
        out.key("client_address").value(e.client_address).key("result").value(e.result);
        out.key("detail").value(json::dump(e.detail)).key("hash").value(encoding::hex_encode(s.hash));
        out.end_object();
    }
    out.end_array();
    tx.exec(k_insert, rows, entries.back().entry.sequence, encoding::hex_encode(entries.back().hash));
}

std::vector<audit::StoredEntry> read_audit_entries(db::Tx& tx, std::int64_t after_id, std::int64_t limit) {
    return to_entries(tx.exec(k_read, after_id, limit));
}

std::optional<std::pair<std::int64_t, audit::Hash>> read_audit_head(db::Tx& tx) {
    auto rows = tx.exec(k_read_head);
    if (rows.empty()) return std::nullopt;
    return std::make_pair(rows[0][0].as<std::int64_t>(), to_hash(rows[0][1].as<std::string>()));
}

std::vector<audit::StoredEntry> search_audit(db::Tx& tx, const AuditFilter& f) {
    return to_entries(tx.exec(k_search, f.from.value_or(""), f.to.value_or(""), text_or_empty(f.actor_account_id),
                              f.actor_login.value_or(""), text_or_empty(f.patient_id), f.action.value_or(""),
                              f.result.value_or(""), text_or_empty(f.before_id), f.limit));
}

} // namespace mimamori::repositories
