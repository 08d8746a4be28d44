#include "repositories/file_repository.hpp"

#include <pqxx/binarystring>

namespace mimamori::repositories {
namespace {

#define FILE_SELECT                                                                                        \
    "SELECT f.id, f.kind, f.owner_kind, f.owner_id, f.patient_id, f.uploaded_by, coalesce(a.name, ''), "   \
    "f.file_type, f.media_type, f.declared_media_type, f.name, f.encrypted_metadata, f.expected_sha256, " \
    "f.size, f.received, f.hash_state, f.sha256, f.status = 'complete', "                                 \
    "(f.lease_token IS NOT NULL AND f.lease_until > now()), extract(epoch FROM f.created_at)::bigint, "   \
    "extract(epoch FROM f.completed_at)::bigint "                                                          \
    "FROM files f LEFT JOIN accounts a ON a.id = f.uploaded_by "

const db::Statement k_insert{"file_insert", R"sql(
    INSERT INTO files (kind, owner_kind, owner_id, patient_id, uploaded_by, derived_from, name, declared_media_type,
                       encrypted_metadata, expected_sha256, size)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
    RETURNING id)sql"};

const db::Statement k_find{"file_find", FILE_SELECT "WHERE f.id = $1"};

const db::Statement k_list{"file_list_patient", FILE_SELECT R"sql(
     WHERE f.patient_id = $1 AND f.kind = $2 AND f.status = 'complete'
     ORDER BY f.created_at DESC, f.id DESC)sql"};

// The files of memos (issue 5), oldest first; $1: the memo ids as an array literal.
const db::Statement k_list_memo_files{"file_list_memos", FILE_SELECT R"sql(
     WHERE f.owner_kind = 'memo' AND f.owner_id = ANY ($1::bigint[]) AND f.status = 'complete'
     ORDER BY f.owner_id, f.id)sql"};

const db::Statement k_attach_memo{"file_attach_memo", R"sql(
    UPDATE files SET owner_kind = 'memo', owner_id = $2 WHERE id = $1 AND owner_kind = 'patient')sql"};

const db::Statement k_delete{"file_delete", "DELETE FROM files WHERE id = $1"};

const db::Statement k_take_lease{"file_take_lease", R"sql(
    UPDATE files SET lease_token = $2, lease_until = now() + make_interval(secs => $3)
     WHERE id = $1 AND status = 'uploading' AND (lease_token IS NULL OR lease_until < now()))sql"};

const db::Statement k_release_lease{"file_release_lease",
                                    "UPDATE files SET lease_token = NULL, lease_until = NULL WHERE id = $1 AND lease_token = $2"};

const db::Statement k_renew_lease{"file_renew_lease", R"sql(
    UPDATE files SET lease_until = now() + make_interval(secs => $3) WHERE id = $1 AND lease_token = $2)sql"};

const db::Statement k_insert_chunk{"file_chunk_insert",
                                   "INSERT INTO file_chunks (file_id, first_byte, data, sha256) VALUES ($1, $2, $3, $4)"};

const db::Statement k_delete_chunks_from{"file_chunks_delete_from",
                                         "DELETE FROM file_chunks WHERE file_id = $1 AND first_byte >= $2"};

const db::Statement k_advance{"file_advance", R"sql(
    UPDATE files SET received = $4, hash_state = $5, lease_until = now() + make_interval(secs => $6)
     WHERE id = $1 AND lease_token = $2 AND received = $3 AND status = 'uploading')sql"};

// Enough rows to cover the first $2 bytes (rows may be small when a client sent small PATCHes).
const db::Statement k_head{"file_head", R"sql(
    SELECT data FROM file_chunks WHERE file_id = $1 AND first_byte < $2 ORDER BY first_byte)sql"};

const db::Statement k_complete{"file_complete", R"sql(
    UPDATE files SET status = 'complete', file_type = $2, media_type = $3, name = $4, sha256 = $5, received = size,
                     hash_state = NULL,
                     lease_token = NULL, lease_until = NULL, completed_at = now()
     WHERE id = $1)sql"};

const db::Statement k_count_chunks{"file_chunks_count", "SELECT count(*) FROM file_chunks WHERE file_id = $1"};

const db::Statement k_chunk_starts{"file_chunk_starts", R"sql(
    SELECT first_byte FROM file_chunks
     WHERE file_id = $1 AND first_byte <= $3
       AND first_byte >= (SELECT coalesce(max(first_byte), 0) FROM file_chunks WHERE file_id = $1 AND first_byte <= $2)
     ORDER BY first_byte)sql"};

const db::Statement k_find_preview{"file_preview_find", R"sql(
    SELECT state, preview_id, message, extract(epoch FROM now() - updated_at)::bigint
      FROM file_previews WHERE file_id = $1)sql"};

// A new claim, or taking over a conversion that stalled (its server stopped) or failed long ago.
const db::Statement k_claim_preview{"file_preview_claim", R"sql(
    INSERT INTO file_previews (file_id, state) VALUES ($1, 'converting')
    ON CONFLICT (file_id) DO UPDATE SET state = 'converting', message = '', updated_at = now()
     WHERE file_previews.state = 'converting' AND file_previews.updated_at < now() - make_interval(secs => $2)
    RETURNING 1)sql"};

const db::Statement k_finish_preview{"file_preview_finish", R"sql(
    UPDATE file_previews SET state = $2, preview_id = $3, message = $4, updated_at = now() WHERE file_id = $1)sql"};

std::string id_text(const std::optional<std::int64_t>& id) { return id ? std::to_string(*id) : std::string(); }
const char* nullable(const std::string& text) { return text.empty() ? nullptr : text.c_str(); }

std::optional<std::string> bytes_or_null(const pqxx::field& f) {
    if (f.is_null()) return std::nullopt;
    return pqxx::binarystring(f).str();
}

std::optional<std::int64_t> int_or_null(const pqxx::field& f) {
    if (f.is_null()) return std::nullopt;
    return f.as<std::int64_t>();
}

FileRow read_file(const pqxx::row& r) {
    FileRow f;
    f.id = r[0].as<std::int64_t>();
    f.kind = r[1].as<std::string>();
    f.owner_kind = r[2].as<std::string>();
    f.owner_id = r[3].as<std::int64_t>();
    f.patient_id = int_or_null(r[4]);
    f.uploaded_by = int_or_null(r[5]);
    f.uploader_name = r[6].as<std::string>();
    if (!r[7].is_null()) f.file_type = r[7].as<std::string>();
    f.media_type = r[8].as<std::string>();
    f.declared_media_type = r[9].as<std::string>();
    f.name = r[10].as<std::string>();
    f.encrypted_metadata = bytes_or_null(r[11]);
    f.expected_sha256 = bytes_or_null(r[12]);
    f.size = r[13].as<std::uint64_t>();
    f.received = r[14].as<std::uint64_t>();
    f.hash_state = bytes_or_null(r[15]);
    f.sha256 = bytes_or_null(r[16]);
    f.complete = r[17].as<bool>();
    f.leased = r[18].as<bool>();
    f.created_at = r[19].as<std::int64_t>();
    f.completed_at = int_or_null(r[20]);
    return f;
}

pqxx::binarystring binary(std::string_view bytes) { return pqxx::binarystring(bytes.data(), bytes.size()); }

} // namespace

std::int64_t insert_file(db::Tx& tx, const NewFile& f) {
    const std::string patient = id_text(f.patient_id);
    const std::string uploader = id_text(f.uploaded_by);
    const std::string derived = id_text(f.derived_from);
    auto run = [&](auto metadata, auto expected) {
        return tx.exec(k_insert, f.kind, f.owner_kind, f.owner_id, nullable(patient), nullable(uploader),
                       nullable(derived), f.name, f.declared_media_type, metadata, expected, f.size)[0][0]
            .template as<std::int64_t>();
    };
    // libpqxx 6 passes bytea only as binarystring, and NULL only as nullptr: four shapes.
    if (f.encrypted_metadata && f.expected_sha256) return run(binary(*f.encrypted_metadata), binary(*f.expected_sha256));
    if (f.encrypted_metadata) return run(binary(*f.encrypted_metadata), nullptr);
    if (f.expected_sha256) return run(nullptr, binary(*f.expected_sha256));
    return run(nullptr, nullptr);
}

std::optional<FileRow> find_file(db::Tx& tx, std::int64_t id) {
    auto rows = tx.exec(k_find, id);
    if (rows.empty()) return std::nullopt;
    return read_file(rows[0]);
}

std::vector<FileRow> list_patient_files(db::Tx& tx, std::int64_t patient_id, std::string_view kind) {
    std::vector<FileRow> out;
    for (const auto& row : tx.exec(k_list, patient_id, std::string(kind))) out.push_back(read_file(row));
    return out;
}

std::vector<FileRow> list_memo_files(db::Tx& tx, const std::vector<std::int64_t>& memo_ids) {
    std::vector<FileRow> out;
    if (memo_ids.empty()) return out;
    std::string ids = "{";
    for (std::size_t i = 0; i < memo_ids.size(); ++i) ids += (i ? "," : "") + std::to_string(memo_ids[i]);
    for (const auto& row : tx.exec(k_list_memo_files, ids + "}")) out.push_back(read_file(row));
    return out;
}

bool attach_to_memo(db::Tx& tx, std::int64_t file_id, std::int64_t memo_id) {
    return tx.exec(k_attach_memo, file_id, memo_id).affected_rows() == 1;
}

void delete_file(db::Tx& tx, std::int64_t id) { tx.exec(k_delete, id); }

bool take_lease(db::Tx& tx, std::int64_t id, const std::string& token, int seconds) {
    return tx.exec(k_take_lease, id, token, seconds).affected_rows() == 1;
}

void release_lease(db::Tx& tx, std::int64_t id, const std::string& token) { tx.exec(k_release_lease, id, token); }

bool renew_lease(db::Tx& tx, std::int64_t id, const std::string& token, int seconds) {
    return tx.exec(k_renew_lease, id, token, seconds).affected_rows() == 1;
}

void insert_chunk(db::Tx& tx, std::int64_t file_id, std::uint64_t first_byte, std::string_view data,
                  std::string_view sha256) {
    tx.exec(k_insert_chunk, file_id, first_byte, binary(data), binary(sha256));
}

void delete_chunks_from(db::Tx& tx, std::int64_t file_id, std::uint64_t first_byte) {
    tx.exec(k_delete_chunks_from, file_id, first_byte);
}

bool advance_received(db::Tx& tx, std::int64_t id, const std::string& token, std::uint64_t from, std::uint64_t to,
                      std::string_view hash_state, int lease_seconds) {
    return tx.exec(k_advance, id, token, from, to, binary(hash_state), lease_seconds).affected_rows() == 1;
}

std::string read_head(db::Tx& tx, std::int64_t file_id, std::size_t max_bytes) {
    std::string out;
    for (const auto& row : tx.exec(k_head, file_id, max_bytes)) {
        out += pqxx::binarystring(row[0]).str();
        if (out.size() >= max_bytes) break;
    }
    if (out.size() > max_bytes) out.resize(max_bytes);
    return out;
}

void mark_complete(db::Tx& tx, std::int64_t id, const std::optional<std::string>& file_type,
                   const std::string& media_type, const std::string& name, std::string_view sha256) {
    const char* type = file_type ? file_type->c_str() : nullptr;
    tx.exec(k_complete, id, type, media_type, name, binary(sha256));
}

std::int64_t count_chunks(db::Tx& tx, std::int64_t file_id) {
    return tx.exec(k_count_chunks, file_id)[0][0].as<std::int64_t>();
}

std::vector<std::uint64_t> chunk_starts(db::Tx& tx, std::int64_t file_id, std::uint64_t first, std::uint64_t last) {
    std::vector<std::uint64_t> starts;
    for (const auto& row : tx.exec(k_chunk_starts, file_id, first, last)) starts.push_back(row[0].as<std::uint64_t>());
    return starts;
}

std::optional<PreviewRow> find_preview(db::Tx& tx, std::int64_t file_id) {
    auto rows = tx.exec(k_find_preview, file_id);
    if (rows.empty()) return std::nullopt;
    PreviewRow p;
    p.state = rows[0][0].as<std::string>();
    p.preview_id = int_or_null(rows[0][1]);
    p.message = rows[0][2].as<std::string>();
    p.age_seconds = rows[0][3].as<std::int64_t>();
    return p;
}

bool claim_preview(db::Tx& tx, std::int64_t file_id, int stale_seconds) {
    return !tx.exec(k_claim_preview, file_id, stale_seconds).empty();
}

void finish_preview(db::Tx& tx, std::int64_t file_id, const std::string& state, std::optional<std::int64_t> preview_id,
                    const std::string& message) {
    const std::string preview = id_text(preview_id);
    tx.exec(k_finish_preview, file_id, state, nullable(preview), message);
}

} // namespace mimamori::repositories

#undef FILE_SELECT
