#pragma once
// SQL of consent records (migrations 0005, 0006): the record with the exact text signed and its
// SHA-256, the drawn strokes of an e-consent or the uploaded paper form, and its withdrawal.
// Binary values travel as hex (libpqxx 6 binds text parameters only).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace mimamori::repositories {

struct NewConsent {
    std::int64_t patient_id = 0;
    bool professional = true;
    bool family = false;
    std::string signer_kind; // patient, proxy
    std::string signer_name;
    std::string proxy_relation;
    std::string method;      // e_signature, paper
    std::string text_version;
    std::string text;        // the exact text shown
    std::string text_sha256_hex;
    std::optional<std::string> signature_strokes; // JSON, e_signature
    std::optional<std::string> document;          // the bytes, paper
    std::string document_media_type;
    std::string document_name;
    std::int64_t recorded_by = 0;
};

// A record without its large parts (text, strokes, document).
struct ConsentRow {
    std::int64_t id = 0;
    std::int64_t patient_id = 0;
    bool professional = false;
    bool family = false;
    std::string signer_kind;
    std::string signer_name;
    std::string proxy_relation;
    std::string method;
    std::string text_version;
    std::string text_sha256_hex;
    std::string recorded_by_name;
    std::int64_t recorded_at = 0; // Unix seconds
    std::optional<std::int64_t> withdrawn_at;
    std::string withdrawal_reason;
    std::string document_name;
    std::string document_media_type;
    std::int64_t document_size = 0;
};

std::int64_t insert_consent(db::Tx& tx, const NewConsent& consent);
std::optional<ConsentRow> find_consent(db::Tx& tx, std::int64_t id);
// Newest first.
std::vector<ConsentRow> patient_consents(db::Tx& tx, std::int64_t patient_id);
// The newest record of the patient (the one that decides sharing), if any.
std::optional<std::int64_t> current_consent_id(db::Tx& tx, std::int64_t patient_id);

std::optional<std::string> consent_text(db::Tx& tx, std::int64_t id);
std::optional<std::string> consent_signature(db::Tx& tx, std::int64_t id); // JSON; none for paper
struct ConsentDocument {
    std::string name;
    std::string media_type;
    std::string bytes;
};
std::optional<ConsentDocument> consent_document(db::Tx& tx, std::int64_t id); // none for e-consents

// Marks the record withdrawn; false when it already was.
bool withdraw_consent(db::Tx& tx, std::int64_t id, std::int64_t withdrawn_by, const std::string& reason);

} // namespace mimamori::repositories
