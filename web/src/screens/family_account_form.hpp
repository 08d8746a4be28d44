#pragma once
// Registering a patient/family account (route "/patients/{id}/family/new", the secretariat
// administrator): name, kana, login id, relation to the patient and, optionally, an e-mail
// address for the invitation. Without one, the invitation is handed over at a home visit.

#include <optional>
#include <string>

#include "api/family_api.hpp"
#include "app_state.hpp"
#include "ui/form.hpp"

namespace mimamori::web {

class FamilyAccountForm {
public:
    explicit FamilyAccountForm(AppState& state) : m_state(state) {}

    // Draws the form for `patient_id`; the registration's answer in the frame it was saved.
    std::optional<api::FamilyRegistered> draw(perm::Id patient_id, const std::string& patient_name);

private:
    void reset(perm::Id patient_id);
    bool check();

    AppState& m_state;
    perm::Id m_patient = 0;
    api::NewFamilyAccount m_account;
    ui::FieldErrors m_errors;
    std::string m_problem;
    api::Job<api::FamilyRegistered> m_job;
};

} // namespace mimamori::web
