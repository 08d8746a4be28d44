#include "services/consents.hpp"

#include "mimamori/common/japan_time.hpp"
#include "mimamori/common/validation.hpp"
#include "repositories/patient_repository.hpp"
#include "services/patient_access.hpp"
#include "services/patients.hpp"

namespace mimamori::services {
namespace {

Error no_consent() { return Error::make(ErrorCode::NotFound, "no such consent record"); }

} // namespace

Result<repositories::ConsentRow> record_consent(db::Tx& tx, std::int64_t patient_id, repositories::NewConsent consent,
                                                std::int64_t recorded_by) {
    // One record at a time per patient: "the newest" must be well defined.
    if (!repositories::lock_patient(tx, patient_id)) return Error::make(ErrorCode::NotFound, "no such patient");
    consent.patient_id = patient_id;
    consent.recorded_by = recorded_by;
    const std::int64_t id = repositories::insert_consent(tx, consent);
    repositories::touch_patient(tx, patient_id);
    return get_consent(tx, id);
}

Result<repositories::ConsentRow> get_consent(db::Tx& tx, std::int64_t id) {
    auto row = repositories::find_consent(tx, id);
    if (!row) return no_consent();
    return std::move(*row);
}

std::vector<repositories::ConsentRow> patient_consents(db::Tx& tx, std::int64_t patient_id) {
    return repositories::patient_consents(tx, patient_id);
}

Result<repositories::ConsentRow> withdraw_consent(db::Tx& tx, std::int64_t id, std::int64_t withdrawn_by,
                                                  const Json& body) {
    if (auto known = json::reject_unknown_keys(body, {"reason"}); !known) return known.error();
    auto reason = json::get_optional_string(body, "reason");
    if (!reason) return reason.error();
    auto valid = validate::text("reason", reason->value_or(""), 500, true, true);
    if (!valid) return valid.error();
    auto row = repositories::find_consent(tx, id);
    if (!row) return no_consent();
    if (!repositories::lock_patient(tx, row->patient_id)) return no_consent();
    if (repositories::current_consent_id(tx, row->patient_id) != id)
        return Error::make(ErrorCode::Conflict, "a newer consent record replaced this one: withdraw that one instead");
    if (!repositories::withdraw_consent(tx, id, withdrawn_by, *valid))
        return Error::make(ErrorCode::Conflict, "this consent was already withdrawn");
    repositories::touch_patient(tx, row->patient_id);
    return get_consent(tx, id);
}

Result<std::vector<repositories::PatientRow>> consent_overview(db::Tx& tx, const std::string& state) {
    if (!state.empty() && state != "none" && state != "active" && state != "withdrawn")
        return Error::invalid("state", "state must be none, active or withdrawn");
    repositories::PatientFilter everyone;
    everyone.today = japan_today();
    everyone.everyone = true;
    auto rows = repositories::list_patients(tx, everyone);
    if (!state.empty())
        std::erase_if(rows, [&](const repositories::PatientRow& p) { return consent_state(p.consent) != state; });
    return rows;
}

Json to_json(const repositories::ConsentRow& c) {
    Json signer = {{"kind", c.signer_kind}, {"name", c.signer_name}};
    signer["relation"] = c.signer_kind == "proxy" ? Json(c.proxy_relation) : Json(nullptr);
    Json out = {{"id", c.id},
                {"patient_id", c.patient_id},
                {"scope", {{"professional", c.professional}, {"family", c.family}}},
                {"signer", std::move(signer)},
                {"method", c.method},
                {"text_version", c.text_version},
                {"text_sha256", c.text_sha256_hex},
                {"recorded_by_name", c.recorded_by_name},
                {"recorded_at", japan_iso8601(c.recorded_at)},
                {"withdrawn_at", c.withdrawn_at ? Json(japan_iso8601(*c.withdrawn_at)) : Json(nullptr)},
                {"withdrawal_reason", c.withdrawal_reason}};
    if (c.method == "paper")
        out["document"] = {{"name", c.document_name}, {"media_type", c.document_media_type}, {"size", c.document_size}};
    return out;
}

} // namespace mimamori::services
