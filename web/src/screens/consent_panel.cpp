#include "screens/consent_panel.hpp"

#include "i18n/i18n.hpp"
#include "imgui.h"
#include "mimamori/common/text.hpp"
#include "mimamori/common/validation.hpp"
#include "patient_facts.hpp"
#include "platform/clock.hpp"
#include "platform/page.hpp"
#include "platform/router.hpp"
#include "session/session.hpp"
#include "ui/widgets.hpp"

namespace mimamori::web {
namespace {
using i18n::Msg;
using perm::Action;
constexpr float kLabelWidthEm = 8.0f;
constexpr std::size_t kReasonChars = 500;
enum Confirmed { kWithdraw = 1 };

std::string scope_text(Lang lang, const api::Consent& c) {
    std::string out = i18n::tr(lang, Msg::ConsentScopeProfessional);
    if (c.family) out += std::string(lang == Lang::Ja ? "、" : ", ") + i18n::tr(lang, Msg::ConsentScopeFamily);
    return out;
}

std::string signer_text(Lang lang, const api::ConsentSigner& s) {
    if (s.kind != "proxy") return i18n::fmt(i18n::tr(lang, Msg::SignerIsPatient), {s.name});
    return i18n::fmt(i18n::tr(lang, Msg::SignerIsProxy), {s.name, s.relation});
}

} // namespace

void ConsentPanel::load(const PatientView& view) {
    const api::ConsentState& c = view.patient.consent;
    const std::string state = c.state + c.recorded_at + (c.consent_id ? std::to_string(*c.consent_id) : "");
    if (view.patient.id == m_patient && state == m_loaded_state) return;
    m_patient = view.patient.id;
    m_loaded_state = state;
    m_records.reset();
    m_text.reset();
    m_text_of = 0;
    m_withdrawing = false;
    if (!c.none() && session::allows(m_state, Action::ConsentView, view.target)) {
        m_records = api::list_consents(view.patient.id);
    }
}

bool ConsentPanel::draw(const PatientView& view) {
    const Lang lang = m_state.lang;
    bool changed = false;
    load(view);
    if (const auto confirmed = m_confirm.take(); confirmed && confirmed->kind == kWithdraw) {
        m_problem.clear();
        m_notice.clear();
        m_withdraw.start(api::withdraw_consent(confirmed->id, m_reason));
    }
    m_withdraw.poll(
        [&](const api::Consent&) {
            m_withdrawing = false;
            m_reason.clear();
            changed = true;
        },
        [this, lang](const api::Failure& f) { ui::apply_failure(lang, f, m_errors, m_problem); });

    if (m_notice_for != view.patient.id) m_notice.clear();
    if (m_notice.empty()) m_reveal = false;
    if (m_reveal && m_records.finished()) { // once what it speaks of is there: the screen's height known
        ImGui::SetScrollHereY(0.05f);
        m_reveal = false;
    }
    ui::begin_card();
    ui::heading(i18n::tr(lang, Msg::ConsentTitle));
    consent_badge(lang, view.patient.consent);
    if (!m_notice.empty()) ui::status_line(ui::Tone::Ok, m_notice);
    if (view.patient.consent.none()) ui::text(i18n::tr(lang, Msg::ConsentNoneHelp));
    if (view.patient.consent.withdrawn()) ui::status_line(ui::Tone::Error, i18n::tr(lang, Msg::ConsentWithdrawnHelp));
    if (!m_records.not_started()) {
        ui::loaded(lang, m_records, [this, lang](const std::vector<api::Consent>& records) {
            for (std::size_t i = 0; i < records.size(); ++i) {
                ImGui::PushID(static_cast<int>(records[i].id));
                if (i == 1) {
                    ui::space(0.5f);
                    ui::text_muted(i18n::tr(lang, Msg::ConsentEarlier));
                }
                draw_record(records[i], i == 0);
                ImGui::PopID();
            }
        });
    }
    ui::space(0.25f);
    const perm::Target& target = view.target;
    if (!view.patient.consent.active() && session::allows(m_state, Action::ConsentRecord, target)) {
        if (ui::button(i18n::tr(lang, Msg::ConsentRecordButton), "consent-record")) {
            router::navigate("/patients/" + std::to_string(view.patient.id) + "/consent");
        }
    }
    if (view.patient.consent.active() && view.patient.consent.consent_id &&
        session::allows(m_state, Action::ConsentWithdraw, target)) {
        if (!m_withdrawing) {
            if (ui::danger_button(i18n::tr(lang, Msg::ConsentWithdraw), "consent-withdraw")) m_withdrawing = true;
        } else {
            draw_withdrawal(*view.patient.consent.consent_id);
        }
    }
    if (!m_problem.empty()) ui::status_line(ui::Tone::Error, m_problem);
    ui::end_card();
    m_confirm.draw(lang);
    return changed;
}

void ConsentPanel::draw_record(const api::Consent& c, bool current) {
    const Lang lang = m_state.lang;
    auto row = [&](Msg label, const std::string& value) { ui::field_row(i18n::tr(lang, label), value, kLabelWidthEm); };
    if (!current) ui::text(clock::local_time(c.recorded_at) + "  " + signer_text(lang, c.signer));
    if (current) {
        row(Msg::ConsentScope, scope_text(lang, c));
        row(Msg::ConsentSigner, signer_text(lang, c.signer));
        row(Msg::ConsentMethod, i18n::tr(lang, c.method == "paper" ? Msg::ConsentMethodPaper : Msg::ConsentMethodSignature));
        row(Msg::ConsentRecordedAt, i18n::fmt(i18n::tr(lang, Msg::RecordedBy), {clock::local_time(c.recorded_at), c.recorded_by_name}));
        row(Msg::ConsentTextVersion, c.text_version);
    }
    if (c.withdrawn()) {
        row(Msg::ConsentWithdrawnAt, clock::local_time(c.withdrawn_at));
        row(Msg::WithdrawalReason, c.withdrawal_reason.empty() ? "—" : c.withdrawal_reason);
    }
    const bool showing = m_text_of == c.id;
    if (ui::secondary_button(i18n::tr(lang, showing ? Msg::ConsentTextHide : Msg::ConsentTextShow), "consent-text")) {
        m_text_of = showing ? 0 : c.id;
        if (!showing) m_text = api::fetch_consent_text(c.id);
    }
    ImGui::SameLine(0.0f, 0.5f * ui::em());
    if (c.method == "paper") {
        if (ui::secondary_button(i18n::tr(lang, Msg::ConsentDocumentDownload), "consent-document")) {
            page::download(api::consent_document_url(c.id));
        }
    } else if (ui::secondary_button(i18n::tr(lang, Msg::ConsentSignatureDownload), "consent-signature")) {
        page::download(api::consent_signature_url(c.id));
    }
    if (m_text_of == c.id) {
        ui::space(0.25f);
        ui::loaded(lang, m_text, [](const std::string& text) { ui::text(text); });
    }
}

void ConsentPanel::draw_withdrawal(perm::Id consent_id) {
    const Lang lang = m_state.lang;
    ui::text_muted(i18n::tr(lang, Msg::ConsentWithdrawHelp));
    ui::form_text(i18n::tr(lang, Msg::WithdrawalReason), "reason", m_reason, m_errors);
    if (ui::danger_button(i18n::tr(lang, Msg::ConsentWithdraw), "consent-withdraw-confirm", !m_withdraw.busy())) {
        m_errors.clear();
        auto reason = validate::text("reason", m_reason, kReasonChars, false, false);
        if (!reason || text::trim(*reason).empty()) {
            m_errors.set("reason", i18n::tr(lang, Msg::ErrReasonRequired));
        } else {
            m_reason = text::trim(*reason);
            m_confirm.ask({i18n::tr(lang, Msg::ConsentWithdrawQuestion), i18n::tr(lang, Msg::ConsentWithdrawBody),
                           i18n::tr(lang, Msg::ConsentWithdraw)},
                          {kWithdraw, consent_id});
        }
    }
    ImGui::SameLine(0.0f, 0.5f * ui::em());
    if (ui::secondary_button(i18n::tr(lang, Msg::Cancel), "consent-withdraw-cancel")) {
        m_withdrawing = false;
        m_errors.clear();
    }
}

} // namespace mimamori::web
