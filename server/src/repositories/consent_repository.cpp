#include "repositories/consent_repository.hpp"

#include "mimamori/common/bytes.hpp"
#include "mimamori/common/encoding.hpp"

namespace mimamori::repositories {
namespace {

#define CONSENT_SELECT                                                                                     \
    "SELECT c.id, c.patient_id, c.scope_professional, c.scope_family, c.signer_kind, c.signer_name, "      \
    "c.proxy_relation, c.method, c.text_version, encode(c.consent_text_sha256, 'hex'), coalesce(a.name, ''), " \
    "extract(epoch FROM c.recorded_at)::bigint, extract(epoch FROM c.withdrawn_at)::bigint, "              \
    "c.withdrawal_reason, coalesce(c.document_name, ''), coalesce(c.document_media_type, ''), "            \
    "coalesce(octet_length(c.document), 0) "                                                               \
    "FROM consents c LEFT JOIN accounts a ON a.id = c.recorded_by "

const db::Statement k_insert{"consent_insert", R"sql(
    INSERT INTO consents (patient_id, scope_professional, scope_family, signer_kind, signer_name, proxy_relation,
                          method, text_version, consent_text, consent_text_sha256, signature_strokes, document,
                          document_media_type, document_name, recorded_by)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, decode($10, 'hex'), $11, decode($12, 'hex'), $13, $14, $15)
    RETURNING id)sql"};

const db::Statement k_find{"consent_find", CONSENT_SELECT "WHERE c.id = $1"};
const db::Statement k_of_patient{"consent_of_patient",
                                 CONSENT_SELECT "WHERE c.patient_id = $1 ORDER BY c.recorded_at DESC, c.id DESC"};
const db::Statement k_current{"consent_current", R"sql(
    SELECT id FROM consents WHERE patient_id = $1 ORDER BY recorded_at DESC, id DESC LIMIT 1)sql"};

const db::Statement k_text{"consent_text", "SELECT consent_text FROM consents WHERE id = $1"};
const db::Statement k_signature{"consent_signature", "SELECT signature_strokes FROM consents WHERE id = $1"};
const db::Statement k_document{"consent_document",
                               "SELECT document_name, document_media_type, encode(document, 'hex') FROM consents "
                               "WHERE id = $1 AND document IS NOT NULL"};

const db::Statement k_withdraw{"consent_withdraw", R"sql(
    UPDATE consents SET withdrawn_at = now(), withdrawn_by = $2, withdrawal_reason = $3
     WHERE id = $1 AND withdrawn_at IS NULL)sql"};

const char* nullable(const std::optional<std::string>& text) { return text ? text->c_str() : nullptr; }

ConsentRow read_consent(const pqxx::row& row) {
    ConsentRow c;
    c.id = row[0].as<std::int64_t>();
    c.patient_id = row[1].as<std::int64_t>();
    c.professional = row[2].as<bool>();
    c.family = row[3].as<bool>();
    c.signer_kind = row[4].as<std::string>();
    c.signer_name = row[5].as<std::string>();
    c.proxy_relation = row[6].as<std::string>();
    c.method = row[7].as<std::string>();
    c.text_version = row[8].as<std::string>();
    c.text_sha256_hex = row[9].as<std::string>();
    c.recorded_by_name = row[10].as<std::string>();
    c.recorded_at = row[11].as<std::int64_t>();
    if (!row[12].is_null()) c.withdrawn_at = row[12].as<std::int64_t>();
    c.withdrawal_reason = row[13].as<std::string>();
    c.document_name = row[14].as<std::string>();
    c.document_media_type = row[15].as<std::string>();
    c.document_size = row[16].as<std::int64_t>();
    return c;
}

} // namespace

std::int64_t insert_consent(db::Tx& tx, const NewConsent& c) {
    std::optional<std::string> document_hex;
    if (c.document) document_hex = encoding::hex_encode(as_bytes(*c.document));
    std::optional<std::string> media_type, name;
    if (c.document) {
        media_type = c.document_media_type;
        name = c.document_name;
    }
    return tx.exec(k_insert, c.patient_id, c.professional, c.family, c.signer_kind, c.signer_name, c.proxy_relation,
                   c.method, c.text_version, c.text, c.text_sha256_hex, nullable(c.signature_strokes),
                   nullable(document_hex), nullable(media_type), nullable(name), c.recorded_by)[0][0]
        .as<std::int64_t>();
}

std::optional<ConsentRow> find_consent(db::Tx& tx, std::int64_t id) {
    auto rows = tx.exec(k_find, id);
    if (rows.empty()) return std::nullopt;
    return read_consent(rows[0]);
}

std::vector<ConsentRow> patient_consents(db::Tx& tx, std::int64_t patient_id) {
    std::vector<ConsentRow> out;
    for (const auto& row : tx.exec(k_of_patient, patient_id)) out.push_back(read_consent(row));
    return out;
}

std::optional<std::int64_t> current_consent_id(db::Tx& tx, std::int64_t patient_id) {
    auto rows = tx.exec(k_current, patient_id);
    if (rows.empty()) return std::nullopt;
    return rows[0][0].as<std::int64_t>();
}

std::optional<std::string> consent_text(db::Tx& tx, std::int64_t id) {
    auto rows = tx.exec(k_text, id);
    if (rows.empty()) return std::nullopt;
    return rows[0][0].as<std::string>();
}

std::optional<std::string> consent_signature(db::Tx& tx, std::int64_t id) {
    auto rows = tx.exec(k_signature, id);
    if (rows.empty() || rows[0][0].is_null()) return std::nullopt;
    return rows[0][0].as<std::string>();
}

std::optional<ConsentDocument> consent_document(db::Tx& tx, std::int64_t id) {
    auto rows = tx.exec(k_document, id);
    if (rows.empty()) return std::nullopt;
    auto bytes = encoding::hex_decode(rows[0][2].as<std::string>()); // PostgreSQL's encode(): always valid
    return ConsentDocument{rows[0][0].as<std::string>(), rows[0][1].as<std::string>(),
                           bytes ? to_string(*bytes) : std::string()};
}

bool withdraw_consent(db::Tx& tx, std::int64_t id, std::int64_t withdrawn_by, const std::string& reason) {
    return tx.exec(k_withdraw, id, withdrawn_by, reason).affected_rows() == 1;
}

} // namespace mimamori::repositories

#undef CONSENT_SELECT
