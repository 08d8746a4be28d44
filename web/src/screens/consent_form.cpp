#include "screens/consent_form.hpp"

#include <cstdio>

#include "i18n/i18n.hpp"
#include "imgui.h"
#include "mimamori/common/consent.hpp"
#include "mimamori/common/file_types.hpp"
#include "mimamori/common/text.hpp"
#include "mimamori/common/validation.hpp"
#include "ui/widgets.hpp"

namespace mimamori::web {
namespace {
using i18n::Msg;

// The signed form: what the server accepts (server/src/services/consents.hpp).
constexpr std::size_t kMaxDocumentBytes = 10 * 1000 * 1000;
constexpr const char* kAccept = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png";
constexpr float kPadWidthEm = 36.0f;

// "235 KB", "1.4 MB": a file's size as people read it.
std::string size_text(std::size_t bytes) {
    char out[32];
    if (bytes >= 1000 * 1000) {
        std::snprintf(out, sizeof out, "%.1f MB", static_cast<double>(bytes) / 1.0e6);
    } else {
        std::snprintf(out, sizeof out, "%zu KB", (bytes + 999) / 1000);
    }
    return out;
}

// The server's field names to this form's: the signature's and the document's parts are shown at
// the pad and at the file.
std::string form_field(const std::string& field) {
    if (field.starts_with("signature")) return "signature";
    if (field.starts_with("document")) return "document";
    return field;
}

} // namespace

void ConsentForm::open(perm::Id patient_id, const std::string& patient_name) {
    m_patient = patient_id;
    m_family = false;
    m_signer_kind = "patient";
    m_signer_name = patient_name;
    m_relation.clear();
    m_paper = false;
    m_reveal_method = false;
    m_pad.clear();
    m_pick.reset();
    m_document.reset();
    m_errors.clear();
    m_problem.clear();
    m_job = {};
}

std::optional<api::Consent> ConsentForm::draw(const std::string& patient_name) {
    const Lang lang = m_state.lang;
    std::optional<api::Consent> recorded;
    m_job.poll([&](const api::Consent& c) { recorded = c; },
               [this, lang](const api::Failure& f) { ui::apply_failure(lang, f, m_errors, m_problem, form_field); });
    poll_file();

    ui::begin_card(ui::kFormWidthEm);
    ui::heading(i18n::tr(lang, Msg::ConsentRecordTitle));
    ui::text(i18n::fmt(i18n::tr(lang, Msg::ConsentForPatient), {patient_name}));
    ui::space(0.25f);
    draw_scope_and_signer();
    ui::end_card();
    ui::space(0.5f);
    ui::begin_card(ui::kFormWidthEm);
    // The part of the method just chosen starts below the fold on a tablet: shown, not left to find.
    if (m_reveal_method) ImGui::SetScrollHereY(0.15f);
    m_reveal_method = false;
    if (m_paper) {
        draw_paper();
    } else {
        draw_signature();
    }
    ui::space(0.25f);
    if (!m_problem.empty()) ui::status_line(ui::Tone::Error, m_problem);
    if (ui::submit_button(lang, i18n::tr(lang, Msg::ConsentRecordButton), "consent-save", m_job.busy())) {
        m_problem.clear();
        if (check()) {
            m_job.start(api::record_consent(m_patient, consent()));
        } else {
            m_errors.reveal();
            m_problem = i18n::tr(lang, Msg::ErrSeeFields);
        }
    }
    ui::end_card();
    return recorded;
}

void ConsentForm::draw_scope_and_signer() {
    const Lang lang = m_state.lang;
    ui::text(i18n::tr(lang, Msg::ConsentScope));
    ui::check_line(true, i18n::tr(lang, Msg::ConsentScopeProfessionalRequired));
    ui::checkbox(i18n::tr(lang, Msg::ConsentScopeFamilyChoice), "consent-family", m_family);
    ui::text_muted(i18n::tr(lang, Msg::ConsentScopeFamilyHelp));
    ui::space(0.5f);
    ui::text(i18n::tr(lang, Msg::ConsentSigner));
    if (ui::toggle(i18n::tr(lang, Msg::SignerPatient), "signer-patient", m_signer_kind == "patient")) m_signer_kind = "patient";
    ImGui::SameLine(0.0f, 0.4f * ui::em());
    if (ui::toggle(i18n::tr(lang, Msg::SignerProxy), "signer-proxy", m_signer_kind == "proxy")) m_signer_kind = "proxy";
    ui::form_text(i18n::tr(lang, Msg::SignerName), "signer.name", m_signer_name, m_errors);
    if (m_signer_kind == "proxy") {
        ui::form_text(i18n::tr(lang, Msg::Relation), "signer.relation", m_relation, m_errors,
                      {.hint = i18n::tr(lang, Msg::RelationHint), .width_em = 10.0f});
    }
    ui::space(0.5f);
    ui::text(i18n::tr(lang, Msg::ConsentMethod));
    const bool was_paper = m_paper;
    if (ui::toggle(i18n::tr(lang, Msg::ConsentMethodSignature), "method-signature", !m_paper)) m_paper = false;
    ImGui::SameLine(0.0f, 0.4f * ui::em());
    if (ui::toggle(i18n::tr(lang, Msg::ConsentMethodPaper), "method-paper", m_paper)) m_paper = true;
    m_reveal_method = m_reveal_method || m_paper != was_paper;
}

void ConsentForm::draw_signature() {
    const Lang lang = m_state.lang;
    const consent::ConsentText& text = consent::current_text();
    ui::heading(i18n::tr(lang, Msg::ConsentTextTitle));
    ui::text_muted(i18n::fmt(i18n::tr(lang, Msg::ConsentTextVersionIs), {text.version}));
    // The exact text that is signed (its SHA-256 goes with the record), whole: the screen scrolls,
    // not a box of its own that would trap a finger's scrolling halfway.
    ui::space(0.25f);
    ui::text(text.text);
    ui::space(0.5f);
    ui::text(i18n::tr(lang, Msg::SignatureIntro));
    m_pad.draw(lang, "signature-pad", kPadWidthEm);
    ui::field_error("signature", m_errors);
}

void ConsentForm::draw_paper() {
    const Lang lang = m_state.lang;
    ui::heading(i18n::tr(lang, Msg::ConsentPaperTitle));
    ui::text(i18n::tr(lang, Msg::ConsentPaperHelp));
    ui::text_muted(i18n::tr(lang, Msg::ConsentPaperLimit));
    ui::space(0.25f);
    if (ui::secondary_button(i18n::tr(lang, Msg::ChooseFile), "consent-file", !m_pick.in_flight())) {
        m_errors.clear();
        m_pick = file_picker::pick(kAccept, kMaxDocumentBytes);
    }
    if (m_pick.in_flight()) {
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        ui::text_muted(i18n::tr(lang, Msg::Loading));
    }
    if (m_document) {
        ui::status_line(ui::Tone::Ok, i18n::fmt(i18n::tr(lang, Msg::FileChosen),
                                                {m_document->name, size_text(m_document->bytes.size())}));
    }
    ui::field_error("document", m_errors);
}

void ConsentForm::poll_file() {
    const Lang lang = m_state.lang;
    if (m_pick.failed()) {
        const bool too_large = m_pick.error().code == ErrorCode::PayloadTooLarge;
        m_errors.set("document", i18n::tr(lang, too_large ? Msg::ErrFileTooLarge : Msg::ErrUnreadableUpload));
        m_document.reset();
        m_pick.reset();
    }
    if (!m_pick.done()) return;
    std::optional<file_picker::PickedFile> file = m_pick.value();
    m_pick.reset();
    if (!file) return; // closed without choosing: what was chosen before stays
    // What the server will check, checked first: a PDF, JPEG or PNG by its content.
    static const auto accepted = files::AcceptList::parse("pdf,jpeg,png").value();
    auto checked = files::check_upload(file->name, file->media_type, as_bytes(file->bytes), true, accepted);
    if (!checked) {
        m_errors.set("document", i18n::tr(lang, Msg::ErrUnreadableUpload));
        m_document.reset();
        return;
    }
    m_document = api::ConsentDocument{checked->file_name, checked->media_type, std::move(file->bytes)};
}

bool ConsentForm::check() {
    const Lang lang = m_state.lang;
    m_errors.clear();
    bool ok = m_errors.check("signer.name", validate::name("signer.name", m_signer_name), m_signer_name,
                             i18n::tr(lang, Msg::ErrName));
    if (m_signer_kind == "proxy") {
        ok &= m_errors.check("signer.relation", validate::name("signer.relation", m_relation, 50), m_relation,
                             i18n::tr(lang, Msg::ErrRelation));
    }
    if (!m_paper && m_pad.empty()) {
        m_errors.set("signature", i18n::tr(lang, Msg::ErrNoSignature));
        ok = false;
    }
    if (m_paper && !m_document) {
        m_errors.set("document", i18n::tr(lang, Msg::ErrNoDocument));
        ok = false;
    }
    return ok;
}

api::NewConsent ConsentForm::consent() const {
    api::NewConsent c;
    c.family = m_family;
    c.signer = {m_signer_kind, m_signer_name, m_signer_kind == "proxy" ? m_relation : std::string()};
    c.text_version = std::string(consent::current_text().version);
    if (m_paper) {
        c.document = m_document;
    } else {
        c.signature = m_pad.signature();
    }
    return c;
}

} // namespace mimamori::web
