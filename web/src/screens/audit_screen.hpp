#pragma once
// Route "/audit" (アクセスログ, the secretariat administrator): the access log searched by date
// range, actor, patient, action and result; newest first, a page at a time ("older entries"
// follows next_before_id), in a clipped table however long it grows.

#include <optional>
#include <vector>

#include "api/records_api.hpp"
#include "app_state.hpp"
#include "ui/form.hpp"

namespace mimamori::web {

class AuditScreen {
public:
    explicit AuditScreen(AppState& state) : m_state(state) {}
    void draw();

private:
    void draw_filters();
    void draw_entries();
    void search();

    AppState& m_state;
    api::AuditQuery m_filters; // as typed
    api::AuditQuery m_query;   // as last searched
    ui::FieldErrors m_errors;
    api::Call<api::AuditPage> m_page;
    std::vector<api::AuditEntry> m_entries;
    std::optional<perm::Id> m_next_before_id;
    bool m_searched = false;
};

} // namespace mimamori::web
