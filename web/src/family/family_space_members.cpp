// FamilySpaceView: the members, key verification and the help. Each member's key fingerprint is
// a 30-digit safety code (and, for one's own, a QR code): compared face to face at a home visit,
// then marked, with a record signed by one's own key; a verified member whose key has changed
// since is warned about. A member who came back with new keys can be given the earlier
// messages. The help says plainly what the server can and cannot see.
#include "family/family_space_view.hpp"

#include "family/family_space_api.hpp"
#include "family/family_text.hpp"
#include "imgui.h"
#include "mimamori/common/family_crypto/fingerprint.hpp"
#include "mimamori/common/qr.hpp"
#include "platform/clock.hpp"
#include "ui/form.hpp"
#include "ui/qr_view.hpp"
#include "vocabulary_text.hpp"

namespace mimamori::web::family {
namespace {

void verification_badge(Lang lang, fc::KeyVerification v) {
    switch (v) {
    case fc::KeyVerification::Verified: return ui::badge(tr(lang, T::Verified), ui::Tone::Ok);
    case fc::KeyVerification::Unverified: return ui::badge(tr(lang, T::Unverified), ui::Tone::Pending);
    case fc::KeyVerification::KeyChanged: return ui::badge(tr(lang, T::KeyChanged), ui::Tone::Error);
    case fc::KeyVerification::RecordInvalid: return ui::badge(tr(lang, T::RecordInvalid), ui::Tone::Error);
    }
}

} // namespace

void FamilySpaceView::draw_members(const fc::MemberIdentity& me) {
    const Lang lang = m_state.lang;
    m_verify.poll([this](const Json&) { reload(); }, [this](const api::Failure& f) { m_problem = ui::describe(m_state.lang, f); });
    m_share.poll([this](const Json&) { m_notice = tr(m_state.lang, T::Shared), reload(); },
                 [this](const api::Failure& f) { m_problem = ui::describe(m_state.lang, f); });
    if (!ImGui::CollapsingHeader((std::string(tr(lang, T::MembersTitle)) + "###family-members").c_str())) return;

    ui::begin_card();
    ui::heading(tr(lang, T::MyCode));
    ui::text_muted(tr(lang, T::MyCodeHelp));
    ui::display_text(fc::safety_code(fc::fingerprint(me.as_member())));
    if (auto qr = qr::encode_text(fc::fingerprint_qr_payload(me.as_member()))) ui::qr_code(*qr, 10.0f, "family-my-qr");
    ui::end_card();

    for (const ShownMember& m : m_model->members()) {
        if (m.account_id == me.account_id || !m.current) continue;
        ImGui::PushID(static_cast<int>(m.account_id));
        ui::begin_card();
        const std::string who = m.kind == "staff" ? profession_text(lang, m.profession) : m.relation;
        ui::text(m.name + (who.empty() ? "" : "（" + who + "）"));
        if (!m.keys) {
            ui::text_muted(tr(lang, T::NoKeys));
        } else {
            verification_badge(lang, m.verification);
            if (m.verification == fc::KeyVerification::KeyChanged) ui::error_text(tr(lang, T::KeyChangedHelp));
            const bool open = m_open_member == m.account_id;
            if (!open && ui::link(tr(lang, T::TheirCode), "code")) m_open_member = m.account_id;
            if (open) {
                ui::display_text(fc::safety_code(fc::fingerprint(*m.keys)));
                const bool writable = !m_model->locked() && !m_verify.busy();
                if (m.verification != fc::KeyVerification::Verified &&
                    ui::button(tr(lang, T::Matched), "matched", writable)) {
                    if (auto record = m_model->verification_of(me, m.account_id, clock::unix_seconds() * 1000))
                        m_verify.start(post_verification(m_patient, std::move(record).value()));
                }
            }
            if (!m_model->locked() && m_model->keyring().keys().size() > 1 &&
                ui::secondary_button(tr(lang, T::ShareHistory), "share-history", !m_share.busy())) {
                if (auto body = m_model->share_history(me, m.account_id)) m_share.start(share_keys(m_patient, std::move(body).value()));
            }
        }
        ui::end_card();
        ImGui::PopID();
    }
}

void FamilySpaceView::draw_help() {
    const Lang lang = m_state.lang;
    if (!ImGui::CollapsingHeader((std::string(tr(lang, T::HelpTitle)) + "###family-help").c_str())) return;
    ui::begin_card();
    ui::text(tr(lang, T::HelpCannot));
    ui::space(0.3f);
    ui::text(tr(lang, T::HelpFiles));
    ui::space(0.3f);
    ui::text(tr(lang, T::HelpCan));
    ui::space(0.3f);
    ui::text(tr(lang, T::HelpLost));
    ui::end_card();
}

} // namespace mimamori::web::family
