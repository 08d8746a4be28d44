#pragma once
// Memos across "my patients" (route "/my/memos", issue 5): a search over the timelines of every
// patient whose care team the person belongs to (the same 2+ character terms as a patient's
// search), and the notifications: memos that mention the person, newest first, kept up to date
// by the live events. A row opens the memo on its patient's timeline.

#include <string>
#include <vector>

#include "api/memos_api.hpp"
#include "app_state.hpp"
#include "ui/form.hpp"
#include "ui/widgets.hpp"

namespace mimamori::web {

class MyMemosScreen {
public:
    explicit MyMemosScreen(AppState& state) : m_state(state) {}
    void draw();

private:
    void draw_rows(const std::vector<api::Memo>& memos);

    AppState& m_state;
    ui::Appearance m_appearance;
    bool m_mentions_tab = false;
    std::string m_q;
    ui::FieldErrors m_errors;
    api::Call<api::MemoPage> m_search;
    api::Call<api::MemoPage> m_mentions;
    std::int64_t m_live_seq = 0;
};

} // namespace mimamori::web
