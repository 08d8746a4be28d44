#include "repositories/memo_repository.hpp"

#include "repositories/membership_sql.hpp"

namespace mimamori::repositories {
namespace {

// A page of memos as read_memo() takes it: the memos that `where` (a WHERE clause with its ORDER
// BY and LIMIT over memos m) selects, newest first, with their writer and facility names, and
// their read receipts, acknowledgements and mentions aggregated as JSON arrays of arrays
// (libpqxx 6 reads no arrays). The page is chosen first and the aggregates are computed once
// over its memos, not by a subquery per row (each with its own join): about 30 % less of
// PostgreSQL's CPU time per page of 50 on the benchmark's database (0.80 -> 0.55 ms, the
// prepared statement's generic plan). The aggregates are MATERIALIZED: inlined, the generic
// plan (which expects one row from `page`) ran each aggregate again per memo, 2.4 ms.
#define MEMO_PAGE(where)                                                                                         \
    "WITH page AS MATERIALIZED ("                                                                                \
    "  SELECT m.id, m.patient_id, m.kind, m.author_id, m.author_profession, m.facility_id, m.created_at, "       \
    "         m.updated_at, m.version, m.content, m.retracted_at, m.retraction_reason, m.retracted_by "          \
    "    FROM memos m " where "), "                                                                              \
    "rd AS MATERIALIZED (SELECT r.memo_id, json_agg(json_build_array(r.account_id, ar.name, "                    \
    "                                                   extract(epoch FROM r.read_at)::bigint) "                 \
    "                                  ORDER BY r.read_at, r.account_id)::text AS reads "                        \
    "         FROM memo_reads r JOIN accounts ar ON ar.id = r.account_id "                                       \
    "        WHERE r.memo_id IN (SELECT id FROM page) GROUP BY r.memo_id), "                                     \
    "ak AS MATERIALIZED (SELECT k.memo_id, json_agg(json_build_array(k.account_id, ak.name, k.version, "         \
    "                                                   extract(epoch FROM k.at)::bigint) "                      \
    "                                  ORDER BY k.at, k.account_id)::text AS acks "                              \
    "         FROM memo_acknowledgements k JOIN accounts ak ON ak.id = k.account_id "                            \
    "        WHERE k.memo_id IN (SELECT id FROM page WHERE kind = 'instruction') GROUP BY k.memo_id), "          \
    "mx AS MATERIALIZED (SELECT x.memo_id, json_agg(json_build_array(x.account_id, ax.name, ax.login) "          \
    "                                  ORDER BY x.account_id)::text AS mentions "                                \
    "         FROM memo_mentions x JOIN accounts ax ON ax.id = x.account_id "                                    \
    "        WHERE x.memo_id IN (SELECT id FROM page) GROUP BY x.memo_id) "                                      \
    "SELECT m.id, m.patient_id, m.kind, m.author_id, a.name, m.author_profession, m.facility_id, "               \
    "coalesce(f.name, ''), extract(epoch FROM m.created_at)::bigint, extract(epoch FROM m.updated_at)::bigint, " \
    "m.version, m.content::text, extract(epoch FROM m.retracted_at)::bigint, m.retraction_reason, "              \
    "m.retracted_by, coalesce(ra.name, ''), coalesce(rd.reads, '[]'), coalesce(ak.acks, '[]'), "                 \
    "coalesce(mx.mentions, '[]') "                                                                               \
    "FROM page m JOIN accounts a ON a.id = m.author_id LEFT JOIN facilities f ON f.id = m.facility_id "          \
    "LEFT JOIN accounts ra ON ra.id = m.retracted_by LEFT JOIN rd ON rd.memo_id = m.id "                         \
    "LEFT JOIN ak ON ak.memo_id = m.id LEFT JOIN mx ON mx.memo_id = m.id ORDER BY m.id DESC"

// $2..$8: the filters of MemoFilter ('' and NULL: none), $9: the limit.
#define MEMO_FILTERS                                                                                         \
    "AND ($2::bigint IS NULL OR m.id < $2::bigint) AND ($3 = '' OR m.kind = $3) "                            \
    "AND ($4 = '' OR m.author_profession = $4) AND ($5::bigint IS NULL OR m.author_id = $5::bigint) "        \
    "AND ($6::bigint IS NULL OR m.created_at >= to_timestamp($6::bigint)) "                                 \
    "AND ($7::bigint IS NULL OR m.created_at < to_timestamp($7::bigint)) "

// search::matches() in SQL: every normalised term is a substring of the normalised text. The
// GIN index narrows by bigrams first ($8), the terms ($10) confirm.
#define MEMO_SEARCH                                                                                          \
    "AND m.search_bigrams @> $8::text[] "                                                                    \
    "AND NOT EXISTS (SELECT 1 FROM unnest($10::text[]) t WHERE strpos(m.search_text, t) = 0) "

// One patient's timeline walks its index (patient_id, id DESC) and stops after the page.
const db::Statement k_timeline{"memo_timeline", MEMO_PAGE("WHERE m.patient_id = $1 " MEMO_FILTERS
                                                          "AND $8::text IS NULL AND $10::text IS NULL "
                                                          "ORDER BY m.id DESC LIMIT $9")};
const db::Statement k_search_one{"memo_search_one",
                                 MEMO_PAGE("WHERE m.patient_id = $1 " MEMO_FILTERS MEMO_SEARCH "ORDER BY m.id DESC LIMIT $9")};
const db::Statement k_search_many{"memo_search_many", MEMO_PAGE("WHERE m.patient_id = ANY ($1::bigint[]) " MEMO_FILTERS
                                                                    MEMO_SEARCH "ORDER BY m.id DESC LIMIT $9")};
const db::Statement k_list_many{"memo_list_many", MEMO_PAGE("WHERE m.patient_id = ANY ($1::bigint[]) " MEMO_FILTERS
                                                            "AND $8::text IS NULL AND $10::text IS NULL "
                                                            "ORDER BY m.id DESC LIMIT $9")};

const db::Statement k_find{"memo_find", MEMO_PAGE("WHERE m.id = $1")};
const db::Statement k_lock{"memo_lock", "SELECT 1 FROM memos WHERE id = $1 FOR UPDATE"};

const db::Statement k_mentioning{"memo_mentioning", MEMO_PAGE(R"sql(
     WHERE m.id IN (SELECT x.memo_id FROM memo_mentions x WHERE x.account_id = $1)
       AND m.patient_id = ANY ($2::bigint[]) AND ($3::bigint IS NULL OR m.id < $3::bigint)
     ORDER BY m.id DESC LIMIT $4)sql")};

const db::Statement k_versions{"memo_versions", R"sql(
    SELECT v.number, v.content::text, v.editor_id, a.name, extract(epoch FROM v.created_at)::bigint
      FROM memo_versions v JOIN accounts a ON a.id = v.editor_id
     WHERE v.memo_id = $1 ORDER BY v.number)sql"};

// The memo, its first version, the unread bookkeeping and the patient's activity, at once.
const db::Statement k_insert{"memo_insert", R"sql(
    WITH m AS (
      INSERT INTO memos (patient_id, kind, author_id, author_profession, facility_id, content, search_text, search_bigrams)
      VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8::text[])
      RETURNING id, created_at),
    v AS (
      INSERT INTO memo_versions (memo_id, number, content, editor_id, created_at)
      SELECT id, 1, $6::jsonb, $3, created_at FROM m),
    c AS (
      INSERT INTO patient_memo_counts AS c (patient_id, memo_count, last_memo_at)
      SELECT $1, 1, created_at FROM m
      ON CONFLICT (patient_id) DO UPDATE SET memo_count = c.memo_count + 1, last_memo_at = excluded.last_memo_at),
    s AS (
      INSERT INTO memo_read_state AS s (account_id, patient_id, written) VALUES ($3, $1, 1)
      ON CONFLICT (account_id, patient_id) DO UPDATE SET written = s.written + 1),
    p AS (UPDATE patients SET last_activity_at = now() WHERE id = $1)
    SELECT id, extract(epoch FROM created_at)::bigint FROM m)sql"};

const db::Statement k_insert_version{"memo_insert_version", R"sql(
    WITH v AS (
      INSERT INTO memo_versions (memo_id, number, content, editor_id) VALUES ($1, $2, $3::jsonb, $4)
      RETURNING created_at)
    UPDATE memos SET version = $2, content = $3::jsonb, search_text = $5, search_bigrams = $6::text[],
                     updated_at = (SELECT created_at FROM v)
     WHERE id = $1)sql"};

const db::Statement k_retract{"memo_retract", R"sql(
    UPDATE memos SET retracted_at = now(), retracted_by = $2, retraction_reason = $3, updated_at = now()
     WHERE id = $1 AND retracted_at IS NULL)sql"};

const db::Statement k_insert_mentions{"memo_insert_mentions", R"sql(
    INSERT INTO memo_mentions (memo_id, account_id, version)
    SELECT $1, a, $2 FROM unnest($3::bigint[]) a
    ON CONFLICT DO NOTHING RETURNING account_id)sql"};

// $1: the Japan date (membership_sql.hpp).
const db::Statement k_members_by_login{"memo_members_by_login", R"sql(
    SELECT DISTINCT a.id, a.name, a.login
      FROM care_teams t JOIN team_members m ON m.team_id = t.id JOIN accounts a ON a.id = m.account_id
     WHERE t.patient_id = $2 AND lower(a.login) = ANY ($3::text[]) AND )sql" MIMAMORI_ACTIVE_MEMBER("m") R"sql(
     ORDER BY a.id)sql"};

const db::Statement k_members{"memo_members", R"sql(
    SELECT DISTINCT a.id, a.name, a.login
      FROM care_teams t JOIN team_members m ON m.team_id = t.id JOIN accounts a ON a.id = m.account_id
     WHERE t.patient_id = $2 AND )sql" MIMAMORI_ACTIVE_MEMBER("m") R"sql(
     ORDER BY a.id)sql"};

const db::Statement k_member_facility{"memo_member_facility", R"sql(
    SELECT m.facility_id
      FROM care_teams t JOIN team_members m ON m.team_id = t.id
     WHERE t.patient_id = $2 AND m.account_id = $3 AND )sql" MIMAMORI_ACTIVE_MEMBER("m") R"sql(
     ORDER BY m.id LIMIT 1)sql"};

const db::Statement k_of_patient{"memo_of_patient", R"sql(
    SELECT id, author_id FROM memos WHERE patient_id = $1 AND id = ANY ($2::bigint[]))sql"};

// First reads only, never of one's own memos; counted for the unread numbers in the same go.
const db::Statement k_insert_reads{"memo_insert_reads", R"sql(
    WITH ins AS (
      INSERT INTO memo_reads (memo_id, account_id)
      SELECT m.id, $2 FROM memos m WHERE m.patient_id = $1 AND m.id = ANY ($3::bigint[]) AND m.author_id <> $2
      ON CONFLICT DO NOTHING
      RETURNING memo_id),
    st AS (
      INSERT INTO memo_read_state AS s (account_id, patient_id, read, last_read_at)
      SELECT $2, $1, count(*), now() FROM ins HAVING count(*) > 0
      ON CONFLICT (account_id, patient_id) DO UPDATE SET read = s.read + excluded.read, last_read_at = now())
    SELECT memo_id FROM ins ORDER BY memo_id)sql"};

const db::Statement k_insert_ack{"memo_insert_ack", R"sql(
    INSERT INTO memo_acknowledgements (memo_id, version, account_id) VALUES ($1, $2, $3)
    ON CONFLICT DO NOTHING RETURNING 1)sql"};

const db::Statement k_unread{"memo_unread", R"sql(
    SELECT p.id, coalesce(c.memo_count, 0) - coalesce(s.written, 0) - coalesce(s.read, 0),
           extract(epoch FROM c.last_memo_at)::bigint
      FROM unnest($2::bigint[]) WITH ORDINALITY AS p(id, n)
      LEFT JOIN patient_memo_counts c ON c.patient_id = p.id
      LEFT JOIN memo_read_state s ON s.patient_id = p.id AND s.account_id = $1
     ORDER BY p.n)sql"};

#undef MEMO_SEARCH
#undef MEMO_FILTERS
#undef MEMO_PAGE

std::optional<std::int64_t> optional_id(const pqxx::field& f) {
    if (f.is_null()) return std::nullopt;
    return f.as<std::int64_t>();
}

MemoRow read_memo(const pqxx::row& row) {
    MemoRow m;
    m.id = row[0].as<std::int64_t>();
    m.patient_id = row[1].as<std::int64_t>();
    m.kind = row[2].as<std::string>();
    m.author_id = row[3].as<std::int64_t>();
    m.author_name = row[4].as<std::string>();
    m.author_profession = row[5].as<std::string>();
    m.facility_id = optional_id(row[6]);
    m.facility_name = row[7].as<std::string>();
    m.created_at = row[8].as<std::int64_t>();
    m.updated_at = row[9].as<std::int64_t>();
    m.version = row[10].as<int>();
    m.content = Json::parse(std::string_view(row[11].c_str(), row[11].size()));
    if (!row[12].is_null())
        m.retraction = MemoRetractionRow{row[13].as<std::string>(), row[14].as<std::int64_t>(), row[15].as<std::string>(),
                                         row[12].as<std::int64_t>()};
    // Most memos have no acknowledgements or mentions: "[]" needs no parser.
    auto arrays = [&](int column) {
        std::string_view text(row[column].c_str(), row[column].size());
        return text == "[]" ? Json::array() : Json::parse(text);
    };
    for (const auto& r : arrays(16))
        m.reads.push_back({r[0].get<std::int64_t>(), r[1].get<std::string>(), r[2].get<std::int64_t>()});
    for (const auto& k : arrays(17))
        m.acks.push_back({k[0].get<std::int64_t>(), k[1].get<std::string>(), k[2].get<int>(), k[3].get<std::int64_t>()});
    for (const auto& x : arrays(18))
        m.mentions.push_back({x[0].get<std::int64_t>(), x[1].get<std::string>(), x[2].get<std::string>()});
    return m;
}

std::vector<MemoRow> read_memos(const pqxx::result& rows) {
    std::vector<MemoRow> out;
    out.reserve(rows.size());
    for (const auto& row : rows) out.push_back(read_memo(row));
    return out;
}

std::vector<MemoPerson> read_people(const pqxx::result& rows) {
    std::vector<MemoPerson> out;
    for (const auto& row : rows) out.push_back({row[0].as<std::int64_t>(), row[1].as<std::string>(), row[2].as<std::string>()});
    return out;
}

std::vector<std::int64_t> read_ids(const pqxx::result& rows) {
    std::vector<std::int64_t> out;
    for (const auto& row : rows) out.push_back(row[0].as<std::int64_t>());
    return out;
}

std::string id_or_empty(const std::optional<std::int64_t>& v) { return v ? std::to_string(*v) : std::string(); }
const char* nullable(const std::string& s) { return s.empty() ? nullptr : s.c_str(); }

} // namespace

std::string text_array_literal(const std::vector<std::string>& items) {
    std::string out = "{";
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) out += ',';
        out += '"';
        for (char c : items[i]) {
            if (c == '"' || c == '\\') out += '\\';
            out += c;
        }
        out += '"';
    }
    return out + "}";
}

std::vector<MemoRow> list_memos(db::Tx& tx, const std::vector<std::int64_t>& patients, const MemoFilter& f) {
    const std::string before = id_or_empty(f.before), writer = id_or_empty(f.writer), from = id_or_empty(f.from),
                      to = id_or_empty(f.to);
    const bool search = !f.bigrams.empty();
    const std::string bigrams = search ? text_array_literal(f.bigrams) : std::string();
    const std::string terms = search ? text_array_literal(f.terms) : std::string();
    const bool one = patients.size() == 1;
    const db::Statement& statement = search ? (one ? k_search_one : k_search_many) : (one ? k_timeline : k_list_many);
    const std::string patient = one ? std::to_string(patients.front()) : array_literal(patients);
    return read_memos(tx.exec(statement, patient, nullable(before), f.kind, f.profession, nullable(writer),
                              nullable(from), nullable(to), nullable(bigrams), f.limit, nullable(terms)));
}

std::optional<MemoRow> find_memo(db::Tx& tx, std::int64_t id) {
    auto rows = tx.exec(k_find, id);
    if (rows.empty()) return std::nullopt;
    return read_memo(rows[0]);
}

bool lock_memo(db::Tx& tx, std::int64_t id) { return !tx.exec(k_lock, id).empty(); }

std::vector<MemoVersionRow> memo_versions(db::Tx& tx, std::int64_t id) {
    std::vector<MemoVersionRow> out;
    for (const auto& row : tx.exec(k_versions, id))
        out.push_back({row[0].as<int>(), Json::parse(row[1].as<std::string>()), row[2].as<std::int64_t>(),
                       row[3].as<std::string>(), row[4].as<std::int64_t>()});
    return out;
}

std::vector<MemoRow> mentioning(db::Tx& tx, std::int64_t account_id, const std::vector<std::int64_t>& patients,
                                std::optional<std::int64_t> before, int limit) {
    const std::string cursor = id_or_empty(before);
    return read_memos(tx.exec(k_mentioning, account_id, array_literal(patients), nullable(cursor), limit));
}

std::pair<std::int64_t, std::int64_t> insert_memo(db::Tx& tx, const NewMemo& m) {
    const std::string facility = id_or_empty(m.facility_id);
    auto row = tx.exec(k_insert, m.patient_id, m.kind, m.author_id, m.author_profession, nullable(facility),
                       json::dump(m.content), m.search_text, text_array_literal(m.bigrams))[0];
    return {row[0].as<std::int64_t>(), row[1].as<std::int64_t>()};
}

void insert_version(db::Tx& tx, std::int64_t memo_id, int number, const Json& content, std::int64_t editor_id,
                    const std::string& search_text, const std::vector<std::string>& bigrams) {
    tx.exec(k_insert_version, memo_id, number, json::dump(content), editor_id, search_text, text_array_literal(bigrams));
}

void retract_memo(db::Tx& tx, std::int64_t memo_id, std::int64_t by, const std::string& reason) {
    tx.exec(k_retract, memo_id, by, reason);
}

std::vector<std::int64_t> insert_mentions(db::Tx& tx, std::int64_t memo_id, int version,
                                          const std::vector<std::int64_t>& accounts) {
    if (accounts.empty()) return {};
    return read_ids(tx.exec(k_insert_mentions, memo_id, version, array_literal(accounts)));
}

std::vector<MemoPerson> team_members_by_login(db::Tx& tx, std::int64_t patient_id, const std::vector<std::string>& logins,
                                              const Date& today) {
    if (logins.empty()) return {};
    return read_people(tx.exec(k_members_by_login, today.to_string(), patient_id, text_array_literal(logins)));
}

std::vector<MemoPerson> patient_team_members(db::Tx& tx, std::int64_t patient_id, const Date& today) {
    return read_people(tx.exec(k_members, today.to_string(), patient_id));
}

std::optional<std::int64_t> member_facility(db::Tx& tx, std::int64_t patient_id, std::int64_t account_id,
                                            const Date& today) {
    auto rows = tx.exec(k_member_facility, today.to_string(), patient_id, account_id);
    if (rows.empty()) return std::nullopt;
    return optional_id(rows[0][0]);
}

std::vector<MemoOwner> memos_of_patient(db::Tx& tx, std::int64_t patient_id, const std::vector<std::int64_t>& memo_ids) {
    std::vector<MemoOwner> out;
    for (const auto& row : tx.exec(k_of_patient, patient_id, array_literal(memo_ids)))
        out.push_back({row[0].as<std::int64_t>(), row[1].as<std::int64_t>()});
    return out;
}

std::vector<std::int64_t> insert_reads(db::Tx& tx, std::int64_t patient_id, std::int64_t account_id,
                                       const std::vector<std::int64_t>& memo_ids) {
    return read_ids(tx.exec(k_insert_reads, patient_id, account_id, array_literal(memo_ids)));
}

bool insert_acknowledgement(db::Tx& tx, std::int64_t memo_id, int version, std::int64_t account_id) {
    return !tx.exec(k_insert_ack, memo_id, version, account_id).empty();
}

std::vector<UnreadRow> unread_counts(db::Tx& tx, std::int64_t account_id, const std::vector<std::int64_t>& patients) {
    std::vector<UnreadRow> out;
    if (patients.empty()) return out;
    for (const auto& row : tx.exec(k_unread, account_id, array_literal(patients)))
        out.push_back({row[0].as<std::int64_t>(), std::max<std::int64_t>(0, row[1].as<std::int64_t>()), optional_id(row[2])});
    return out;
}

} // namespace mimamori::repositories
