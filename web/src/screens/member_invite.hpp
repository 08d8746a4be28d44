#pragma once
// Inviting a member into a care team from any facility of the region: the staff directory
// searched by name or kana (and profession), one person chosen, their team role and membership
// period (from today, open-ended unless an end is given), sent. Someone already in the team is
// refused by the server and told so plainly.

#include <optional>
#include <string>
#include <vector>

#include "api/teams_api.hpp"
#include "app_state.hpp"
#include "ui/form.hpp"

namespace mimamori::web {

class MemberInvite {
public:
    explicit MemberInvite(AppState& state) : m_state(state) {}

    void open();
    void close() { m_open = false; }
    bool is_open() const { return m_open; }

    // Draws the invitation for `team`; true in the frame the member was added (it closes then).
    bool draw(const api::Team& team);

private:
    void draw_search();
    void draw_results(const std::vector<api::DirectoryEntry>& staff);
    void draw_chosen(const api::Team& team);
    bool check();

    AppState& m_state;
    bool m_open = false;
    api::DirectoryQuery m_query;
    api::Call<std::vector<api::DirectoryEntry>> m_results;
    std::optional<api::DirectoryEntry> m_chosen;
    api::NewMember m_member;
    ui::FieldErrors m_errors;
    std::string m_problem;
    api::Job<api::Team> m_add;
};

} // namespace mimamori::web
