#include "repositories/audit_repository.hpp"

#include <algorithm>
#include <optional>
#include <stdexcept>

#include "db/pipeline.hpp"
#include "mimamori/common/encoding.hpp"

namespace mimamori::repositories {
namespace {

// Parameters and results of the append travel in binary format through one db::Pipeline per
// round trip: BEGIN and this lock (with the deferred flush) in the first; the rows (as typed
// arrays), the head's move and COMMIT in the second.
//
// The entry's time is the database's clock when the lock is granted, but never before the last
// entry's: times never decrease along the ids (a clock set back repeats the last time until it
// catches up), so a time range of the log is an id range (audit_first_id_at, migration 0011).
// A batch whose commit need not wait for its WAL flush sets synchronous_commit off for its
// transaction in the same statement.
#define AUDIT_LOCK_HEAD                                                                                     \
    "SELECT h.last_id, h.last_hash, (extract(epoch FROM greatest(clock_timestamp(), "                       \
    "(SELECT l.at FROM audit_log l WHERE l.id = h.last_id))) * 1000000)::bigint"
#define AUDIT_DEFER_FLUSH ", set_config('synchronous_commit', 'off', true)"
#define AUDIT_FROM_HEAD " FROM audit_head h FOR UPDATE OF h"
const db::Statement k_lock_head{"audit_lock_head", AUDIT_LOCK_HEAD AUDIT_FROM_HEAD};
const db::Statement k_lock_head_deferred{"audit_lock_head_deferred", AUDIT_LOCK_HEAD AUDIT_DEFER_FLUSH AUDIT_FROM_HEAD};
#undef AUDIT_LOCK_HEAD
#undef AUDIT_DEFER_FLUSH
#undef AUDIT_FROM_HEAD

const db::Statement k_create_head{"audit_create_head", R"sql(
    INSERT INTO audit_head (last_id, last_hash)
    SELECT coalesce((SELECT id FROM audit_log ORDER BY id DESC LIMIT 1), 0),
           coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), decode($1, 'hex'))
    ON CONFLICT DO NOTHING)sql"};

// One statement for a whole batch: each column as an array (detail as the exact text that was
// hashed), and the head moves with them.
const db::Statement k_insert{"audit_insert", R"sql(
    WITH inserted AS (
      INSERT INTO audit_log (id, at, actor_account_id, actor_login, action, target_type, target_id,
                             patient_id, client_address, result, detail, hash)
      SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::bigint[], $4::text[], $5::text[], $6::text[],
                           $7::text[], $8::bigint[], $9::text[], $10::text[], $11::text[], $12::bytea[])
      RETURNING 1)
    UPDATE audit_head SET last_id = $13, last_hash = $14)sql"};

#define AUDIT_COLUMNS                                                                                        \
    "id, (extract(epoch FROM at) * 1000000)::bigint, actor_account_id, actor_login, action, target_type, "     \
    "target_id, patient_id, client_address, result, detail, encode(hash, 'hex')"

const db::Statement k_read{"audit_read", "SELECT " AUDIT_COLUMNS
                                         " FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2"};

const db::Statement k_read_head{"audit_read_head", "SELECT last_id, encode(last_hash, 'hex') FROM audit_head"};

// '' stands for "no filter" (libpqxx 6 has no optional parameters); NULLIF keeps the casts from
// ever seeing ''. The time range becomes an id range first (audit_first_id_at, migration 0011;
// no index on `at`), evaluated once as init plans, so the primary key's scan (or the actor's or
// patient's index) starts and stops at the range's ends in generic and custom plans alike; the
// conditions on `at` stay as the exact filter.
const db::Statement k_search{"audit_search", "SELECT " AUDIT_COLUMNS R"sql(
      FROM audit_log
     WHERE id >= (SELECT coalesce(audit_first_id_at(NULLIF($1, '')::timestamptz), 0))
       AND id < (SELECT least(coalesce(audit_first_id_at(NULLIF($2, '')::timestamptz), 9223372036854775807),
                              coalesce(NULLIF($8, '')::bigint, 9223372036854775807)))
       AND ($1 = '' OR at >= NULLIF($1, '')::timestamptz)
       AND ($2 = '' OR at < NULLIF($2, '')::timestamptz)
       AND ($3 = '' OR actor_account_id = NULLIF($3, '')::bigint)
       AND ($4 = '' OR lower(actor_login) = lower($4))
       AND ($5 = '' OR patient_id = NULLIF($5, '')::bigint)
       AND ($6 = '' OR action = $6)
       AND ($7 = '' OR result = $7)
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

AuditHead lock_audit_head(db::Tx& tx, bool defer_flush) {
    const auto& statement = defer_flush ? k_lock_head_deferred : k_lock_head;
    auto lock = [&] { return std::move(db::Pipeline(tx).add(statement).run().front()); };
    std::optional<db::BinaryResult> rows(lock());
    if (rows->rows() == 0) {
        tx.exec(k_create_head, encoding::hex_encode(audit::genesis_hash()));
        rows.emplace(lock());
    }
    if (rows->rows() == 0) throw std::runtime_error("the access log's head row cannot be created");
    AuditHead head{rows->int64(0, 0), {}, rows->int64(0, 2)};
    auto hash = rows->bytes(0, 1);
    if (hash.size() != head.last_hash.size()) throw std::runtime_error("the access log's head hash is not 32 bytes");
    std::copy(hash.begin(), hash.end(), reinterpret_cast<char*>(head.last_hash.data()));
    return head;
}

void insert_audit_entries(db::Tx& tx, const std::vector<audit::StoredEntry>& entries) {
    if (entries.empty()) return;
    using db::BinaryArray;
    const auto n = entries.size();
    BinaryArray ids(BinaryArray::k_int8, n), at(BinaryArray::k_timestamptz, n), actor_ids(BinaryArray::k_int8, n),
        logins(BinaryArray::k_text, n), actions(BinaryArray::k_text, n), target_types(BinaryArray::k_text, n),
        target_ids(BinaryArray::k_text, n), patients(BinaryArray::k_int8, n), addresses(BinaryArray::k_text, n),
        results(BinaryArray::k_text, n), details(BinaryArray::k_text, n), hashes(BinaryArray::k_bytea, n);
    auto optional_int8 = [](BinaryArray& a, const std::optional<std::int64_t>& v) {
        if (v) a.add_int8(*v);
        else a.add_null();
    };
    for (const auto& s : entries) {
        const auto& e = s.entry;
        ids.add_int8(e.sequence);
        at.add(db::binary_timestamptz(e.time_us));
        optional_int8(actor_ids, e.actor_account_id);
        logins.add(e.actor_login);
        actions.add(e.action);
        target_types.add(e.target_type);
        target_ids.add(e.target_id);
        optional_int8(patients, e.patient_id);
        addresses.add(e.client_address);
        results.add(e.result);
        details.add(json::dump(e.detail));
        hashes.add({reinterpret_cast<const char*>(s.hash.data()), s.hash.size()});
    }
    const auto& last = entries.back();
    db::Pipeline(tx)
        .add(k_insert, {{ids.take()}, {at.take()}, {actor_ids.take()}, {logins.take()}, {actions.take()},
                        {target_types.take()}, {target_ids.take()}, {patients.take()}, {addresses.take()},
                        {results.take()}, {details.take()}, {hashes.take()}, {db::binary_int8(last.entry.sequence)},
                        {std::string(reinterpret_cast<const char*>(last.hash.data()), last.hash.size())}})
        .commit()
        .run();
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
