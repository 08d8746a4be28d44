#pragma once
// The patient's consent on the patient screen (同意書必須): the state (none, in force with its
// scope, withdrawn), who signed and how, when and by whom it was recorded, the exact text signed,
// the drawn signature or the paper form to download, and earlier records. What perm::decide
// allows: record a consent (the signing screen), or withdraw one with a reason after a
// confirmation, which makes the team read-only.

#include <string>
#include <vector>

#include "api/consents_api.hpp"
#include "app_state.hpp"
#include "screens/patient_view.hpp"
#include "ui/confirm.hpp"
#include "ui/form.hpp"

namespace mimamori::web {

class ConsentPanel {
public:
    explicit ConsentPanel(AppState& state) : m_state(state) {}

    // Draws the consent of `view`; true in the frame it was withdrawn (the patient screen says so
    // at its top, next to the lock it brings).
    bool draw(const PatientView& view);
    // A notice of what was just done on the signing screen: shown here, and this part of the
    // screen brought into view with it (what was recorded, right under it).
    void set_notice(perm::Id patient, std::string notice) {
        m_notice_for = patient;
        m_notice = std::move(notice);
        m_reveal = true;
    }

private:
    void load(const PatientView& view);
    void draw_record(const api::Consent& consent, bool current);
    void draw_withdrawal(perm::Id consent_id);

    AppState& m_state;
    perm::Id m_patient = 0;
    std::string m_loaded_state; // the consent state the records were loaded for
    api::Call<std::vector<api::Consent>> m_records;
    api::Call<std::string> m_text;
    perm::Id m_text_of = 0; // the record whose text is shown
    bool m_withdrawing = false;
    std::string m_reason;
    ui::FieldErrors m_errors;
    ui::ConfirmDialog m_confirm;
    api::Job<api::Consent> m_withdraw;
    perm::Id m_notice_for = 0; // the patient the notice is about
    std::string m_notice;
    bool m_reveal = false;
    std::string m_problem;
};

} // namespace mimamori::web
