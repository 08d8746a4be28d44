// FamilySpaceView: writing and reading memos. A memo is encrypted and signed here before it is
// sent; what arrives is decrypted and verified by the model, and a memo that fails either is
// shown as "cannot be verified", never as text. Reactions (見ました, ありがとう) are one tap.
#include "family/family_space_view.hpp"

#include <algorithm>

#include "family/family_space_api.hpp"
#include "family/family_text.hpp"
#include "imgui.h"
#include "imgui_stdlib.h"
#include "mimamori/common/family_crypto/secret.hpp"
#include "platform/clock.hpp"
#include "test_hook/test_hook.hpp"
#include "ui/form.hpp"
#include "ui/profession_icon.hpp"
#include "vocabulary_text.hpp"

namespace mimamori::web::family {
namespace {

// A multi-line field with its caption above, described to the test hook by the caption.
void text_area(const char* caption, const char* id, std::string& value, float lines) {
    ui::text(caption);
    const std::string key = std::string("##") + id;
    // Width 0: the item width, which in a card is the card's inner width (ui::begin_card).
    ImGui::InputTextMultiline(key.c_str(), &value,
                              ImVec2(0.0f, lines * ImGui::GetTextLineHeightWithSpacing() +
                                               2.0f * ImGui::GetStyle().FramePadding.y));
    test_hook::describe_last_item(test_hook::Kind::Input, value, caption);
}

// Who wrote: the profession for the team, the relation for the family.
std::string writer_label(Lang lang, const ShownMember* m) {
    if (m == nullptr) return "?";
    std::string role = m->kind == "staff" ? profession_text(lang, m->profession)
                                          : (m->relation.empty() ? std::string(tr(lang, T::Family)) : m->relation);
    std::string out = "【" + role + "】 " + m->name;
    if (!m->current) out += tr(lang, T::Former);
    return out;
}

} // namespace

void FamilySpaceView::draw_composer(const fc::MemberIdentity& me) {
    const Lang lang = m_state.lang;
    m_post.poll(
        [this](const Json&) {
            fc::wipe(m_text);
            m_text.clear();
            m_problem.clear();
            m_memos = get_memos(m_patient);
            m_loaded_stage = 2;
        },
        [this](const api::Failure& f) {
            m_problem = std::string(tr(m_state.lang, T::SendFailed)) + ": " + ui::describe(m_state.lang, f);
            if (f.http_status == 409) reload(); // a new epoch meanwhile: reload the keys, keep the text
        });
    ui::begin_card();
    text_area(tr(lang, T::Compose), "family-compose", m_text, 3.0f);
    const bool ready = !m_text.empty() && !m_post.busy();
    if (ui::submit_button(lang, tr(lang, T::Send), "family-send", m_post.busy(), ready)) {
        auto envelope = m_model->seal(me, m_text, clock::unix_seconds() * 1000);
        if (envelope) {
            m_post.start(post_memo(m_patient, std::move(envelope).value()));
        } else {
            m_problem = envelope.error().message;
        }
    }
    ui::end_card();
}

void FamilySpaceView::draw_timeline(const fc::MemberIdentity& me) {
    const Lang lang = m_state.lang;
    m_react.poll([this](const api::Nothing&) { m_memos = get_memos(m_patient), m_loaded_stage = 2; },
                 [this](const api::Failure& f) { m_problem = ui::describe(m_state.lang, f); });
    if (ui::secondary_button(tr(lang, T::Refresh), "family-refresh")) reload();
    const auto& memos = m_model->memos();
    if (memos.empty()) return ui::text_muted(tr(lang, T::NoMemos));
    // Cards of differing heights (ImGuiListClipper wants one height): the newest ones, and more
    // on request -- all were decrypted and verified already, drawing is what is limited.
    const std::size_t shown = std::min(memos.size(), m_shown_memos);
    for (std::size_t i = 0; i < shown; ++i) {
        ImGui::PushID(static_cast<int>(memos[i].seq));
        draw_memo(memos[i], me);
        ImGui::PopID();
    }
    if (shown < memos.size() && ui::secondary_button(tr(lang, T::More), "family-more")) m_shown_memos += kMemosPerPage;
}

void FamilySpaceView::draw_memo(const ShownMemo& memo, const fc::MemberIdentity& me) {
    (void)me;
    const Lang lang = m_state.lang;
    ui::begin_card();
    const ShownMember* author = m_model->member(memo.author_account_id);
    if (author != nullptr && author->kind == "staff") { // the writer's profession at a glance
        ui::profession_icon(author->profession, lang, 1.5f);
        ImGui::SameLine();
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (1.5f * ui::em() - ImGui::GetTextLineHeight()) * 0.5f);
    }
    ui::text(writer_label(lang, author));
    ui::text_muted(clock::local_time_at(memo.time_ms / 1000));
    if (memo.readable) {
        ui::text(memo.text);
    } else {
        ui::status_line(ui::Tone::Error, tr(lang, T::Unverifiable));
        ui::text_muted(tr(lang, T::UnverifiableHelp));
    }
    const bool can_react = !m_model->locked() && !memo.memo_id.empty() && !m_react.busy();
    const std::string seen = std::string(tr(lang, T::Seen)) + " " + std::to_string(memo.seen);
    const std::string thanks = std::string(tr(lang, T::Thanks)) + " " + std::to_string(memo.thanks);
    if (ui::toggle(seen.c_str(), "seen", memo.seen_by_me) && can_react)
        m_react.start(react(m_patient, memo.memo_id, "seen", !memo.seen_by_me));
    ImGui::SameLine();
    if (ui::toggle(thanks.c_str(), "thanks", memo.thanked_by_me) && can_react)
        m_react.start(react(m_patient, memo.memo_id, "thanks", !memo.thanked_by_me));
    ui::end_card();
}

} // namespace mimamori::web::family
