#pragma once
// Consent records (同意書必須, issue 4): recording one (an e-consent with the signature drawn on
// the tablet, or the signed paper form uploaded), the records of a patient, the exact text signed,
// withdrawal (which locks the team), and the secretariat's view of every patient's consent state.

#include <optional>
#include <string>
#include <vector>

#include "api/call.hpp"
#include "api/patients_api.hpp"
#include "mimamori/common/consent.hpp"
#include "mimamori/common/permissions.hpp"

namespace mimamori::web::api {

struct ConsentSigner {
    std::string kind = "patient"; // "patient" or "proxy"
    std::string name;
    std::string relation; // a proxy's: 長女, 夫 ...
};

struct Consent {
    perm::Id id = 0;
    perm::Id patient_id = 0;
    bool professional = false;
    bool family = false;
    ConsentSigner signer;
    std::string method; // "e_signature" or "paper"
    std::string text_version;
    std::string text_sha256;
    std::string recorded_by_name;
    std::string recorded_at;
    std::string withdrawn_at; // "" while in force
    std::string withdrawal_reason;
    std::string document_name; // paper: the signed form
    std::string document_media_type;
    std::int64_t document_size = 0;

    bool withdrawn() const { return !withdrawn_at.empty(); }
};

// A signed paper form as read from the device.
struct ConsentDocument {
    std::string name;
    std::string media_type;
    std::string bytes;
};

struct NewConsent {
    bool family = false; // professional sharing is always part of it
    ConsentSigner signer;
    // The text shown and signed: its version (common/consent.hpp); the call sends its SHA-256.
    std::string text_version;
    std::optional<consent::Signature> signature; // an e-consent
    std::optional<ConsentDocument> document;     // a paper consent
};

// 400 naming the field: no signature, an unreadable or wrong-type upload, a text that does not
// match its version.
Call<Consent> record_consent(perm::Id patient_id, const NewConsent& consent);
// Newest first.
Call<std::vector<Consent>> list_consents(perm::Id patient_id);
// The exact text the record keeps.
Call<std::string> fetch_consent_text(perm::Id consent_id);
Call<Consent> withdraw_consent(perm::Id consent_id, const std::string& reason);

// Same-origin URLs the browser downloads (the session cookie goes with them).
std::string consent_signature_url(perm::Id consent_id);
std::string consent_document_url(perm::Id consent_id);

// GET /api/v1/consents: every patient's consent state (the secretariat administrator).
struct ConsentOverviewRow {
    perm::Id patient_id = 0;
    std::string name;
    std::string facility_name;
    ConsentState consent;
};
Call<std::vector<ConsentOverviewRow>> consent_overview(const std::string& state);

} // namespace mimamori::web::api
