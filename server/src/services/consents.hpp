#pragma once
// Consent records (同意書必須, issue 4). No team shares anything before a record exists
// (services/patient_access.hpp turns the newest record into the facts perm::decide reads):
//   - e-consent: the strokes drawn on the tablet, and the exact text shown, which must be a
//     published version of common/consent.hpp whose SHA-256 the app sends back;
//   - paper: the signed form uploaded (PDF, JPEG or PNG, told by its content, at most 10 MB,
//     and whole: a file cut short is refused);
//   - withdrawal: of the patient's current record only; the team becomes read-only and the
//     family space locked. A new record afterwards (the patient consents again) lifts the lock.
// The caller has checked ConsentRecord / ConsentView / ConsentWithdraw for the patient.

#include <cstdint>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "mimamori/common/json.hpp"
#include "mimamori/common/result.hpp"
#include "repositories/consent_repository.hpp"
#include "repositories/patient_repository.hpp"

namespace mimamori::services {

inline constexpr std::size_t max_consent_document_bytes = 10 * 1000 * 1000; // 10 MB

// POST /api/v1/patients/{id}/consents: the body read and checked (InvalidInput naming the
// field: "signature.strokes", "document.content_base64", "text_sha256" ...).
Result<repositories::NewConsent> read_consent(const Json& body);

// Stores the record for `patient_id` (NotFound for an unknown patient).
Result<repositories::ConsentRow> record_consent(db::Tx& tx, std::int64_t patient_id, repositories::NewConsent consent,
                                                std::int64_t recorded_by);

Result<repositories::ConsentRow> get_consent(db::Tx& tx, std::int64_t id);
std::vector<repositories::ConsentRow> patient_consents(db::Tx& tx, std::int64_t patient_id);

// Conflict when the record is already withdrawn or is not the patient's current one.
Result<repositories::ConsentRow> withdraw_consent(db::Tx& tx, std::int64_t id, std::int64_t withdrawn_by,
                                                  const Json& body);

// GET /api/v1/consents?state=: every patient with its consent state ("" for all), for the
// secretariat -- no paper mail needed to know who has consented.
Result<std::vector<repositories::PatientRow>> consent_overview(db::Tx& tx, const std::string& state);

// The API's Consent.
Json to_json(const repositories::ConsentRow& consent);

} // namespace mimamori::services
