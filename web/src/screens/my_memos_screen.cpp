#include "screens/my_memos_screen.hpp"

#include "i18n/i18n.hpp"
#include "imgui.h"
#include "mimamori/common/search_text.hpp"
#include "platform/router.hpp"
#include "screens/memo_row.hpp"

namespace mimamori::web {
namespace {
using i18n::Msg;
} // namespace

void MyMemosScreen::draw() {
    const Lang lang = m_state.lang;
    if (m_appearance.just_shown()) {
        m_mentions = api::list_mentions(std::nullopt);
        m_live_seq = m_state.live.last_seq();
        if (m_mentions_tab) m_state.live.mentions_seen();
    }
    // A new mention of me: the notifications are fetched again.
    bool refresh = false;
    m_state.live.each_after(m_live_seq, [&](const LiveEvent& e) {
        refresh = refresh || e.type == "memo.mentioned" || e.type == "resync";
    });
    m_live_seq = m_state.live.last_seq();
    if (refresh && !m_mentions.in_flight()) m_mentions = api::list_mentions(std::nullopt);

    ui::heading(i18n::tr(lang, Msg::MyMemosTitle));
    const int unseen = m_state.live.new_mentions();
    const std::string mentions_label = unseen > 0 ? i18n::fmt(i18n::tr(lang, Msg::MyMemosMentionsNew), {std::to_string(unseen)})
                                                  : std::string(i18n::tr(lang, Msg::MyMemosMentions));
    if (ui::toggle(i18n::tr(lang, Msg::MyMemosSearch), "my-memos-search-tab", !m_mentions_tab)) m_mentions_tab = false;
    ImGui::SameLine();
    if (ui::toggle(mentions_label.c_str(), "my-memos-mentions-tab", m_mentions_tab)) {
        m_mentions_tab = true;
        m_state.live.mentions_seen();
    }
    ui::space(0.5f);
    if (m_mentions_tab) {
        if (m_state.live.new_mentions() > 0) m_state.live.mentions_seen();
        const bool retry = ui::loaded(lang, m_mentions, [&](const api::MemoPage& page) {
            if (page.memos.empty()) return ui::text_muted(i18n::tr(lang, Msg::MyMemosNoMentions));
            draw_rows(page.memos);
        }, "my-mentions-retry");
        if (retry) m_mentions = api::list_mentions(std::nullopt);
        return;
    }
    const bool enter = ui::enter_pressed();
    ui::form_text(i18n::tr(lang, Msg::MemoSearchAcross), "q", m_q, m_errors, {.hint = i18n::tr(lang, Msg::MemoSearchHint)});
    if (ui::button(i18n::tr(lang, Msg::Search), "my-memos-search") || enter) {
        m_errors.clear();
        if (!search::parse_query(m_q, "q")) {
            m_errors.set("q", i18n::tr(lang, Msg::MemoSearchTooShort));
        } else {
            api::MemoQuery query;
            query.q = m_q;
            m_search = api::list_memos(std::nullopt, query);
        }
    }
    ui::space(0.5f);
    ui::loaded(lang, m_search, [&](const api::MemoPage& page) {
        if (page.memos.empty()) return ui::text_muted(i18n::tr(lang, Msg::TimelineNoMatch));
        ui::text_muted(i18n::fmt(i18n::tr(lang, Msg::MyMemosFound), {std::to_string(page.memos.size())}));
        draw_rows(page.memos);
    });
}

void MyMemosScreen::draw_rows(const std::vector<api::Memo>& memos) {
    const Lang lang = m_state.lang;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(memos.size()), memo_row_height());
    std::string open;
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const api::Memo& m = memos[static_cast<std::size_t>(i)];
            ImGui::PushID(static_cast<int>(m.id));
            if (draw_memo_row(lang, m, true).open)
                open = "/patients/" + std::to_string(m.patient_id) + "/memos/" + std::to_string(m.id);
            ImGui::PopID();
        }
    }
    clipper.End();
    if (!open.empty()) router::navigate(open);
}

} // namespace mimamori::web
