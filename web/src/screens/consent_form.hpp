#pragma once
// Recording a patient's consent (route "/patients/{id}/consent", 同意書必須): the scope
// (professional sharing, always; family participation, if chosen), who signs (the patient, or a
// proxy and their relation), and how: an e-consent, with the exact consent text of common/ shown
// and signed on the signature pad with a finger or a pen, or the signed paper form (PDF, JPEG or
// PNG, at most 10 MB) chosen with the browser's file picker and checked here before it is sent.
// A missing signature or an unreadable file is said plainly, and nothing is sent.

#include <optional>
#include <string>

#include "api/consents_api.hpp"
#include "app_state.hpp"
#include "platform/file_picker.hpp"
#include "ui/form.hpp"
#include "ui/signature_pad.hpp"

namespace mimamori::web {

class ConsentForm {
public:
    explicit ConsentForm(AppState& state) : m_state(state) {}

    // Starts anew for the patient `patient_id` named `patient_name` (the default signer).
    void open(perm::Id patient_id, const std::string& patient_name);
    perm::Id patient() const { return m_patient; }

    // Draws the form; the consent as recorded, in the frame it was.
    std::optional<api::Consent> draw(const std::string& patient_name);

private:
    void draw_scope_and_signer();
    void draw_signature();
    void draw_paper();
    void poll_file();
    bool check();
    api::NewConsent consent() const;

    AppState& m_state;
    perm::Id m_patient = 0;
    bool m_family = false;
    std::string m_signer_kind = "patient";
    std::string m_signer_name;
    std::string m_relation;
    bool m_paper = false;
    bool m_reveal_method = false; // the method was just switched: bring its part into view
    ui::SignaturePad m_pad;
    Async<std::optional<file_picker::PickedFile>> m_pick;
    std::optional<api::ConsentDocument> m_document;
    ui::FieldErrors m_errors;
    std::string m_problem;
    api::Job<api::Consent> m_job;
};

} // namespace mimamori::web
