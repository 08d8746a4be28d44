#pragma once
// One facility (route "/facilities/{id}"): everything recorded about it, and what perm::decide
// lets the person do with it: edit, re-send the representative's invitation (代表スタッフ再依頼),
// require two-factor sign-in of its staff, delete (refused by the server, with its reason, while
// staff or patients remain), and a way to its staff list.

#include <string>

#include "api/master_api.hpp"
#include "app_state.hpp"
#include "ui/confirm.hpp"

namespace mimamori::web {

class FacilityDetail {
public:
    explicit FacilityDetail(AppState& state) : m_state(state) {}

    enum class Outcome { None, Changed, Deleted };
    // Draws `facility` (updated in place when the person changes it).
    Outcome draw(api::Facility& facility);

    // A line to show above the facility (e.g. after it was registered).
    void set_notice(std::string notice) { m_notice = std::move(notice); }

private:
    void draw_fields(const api::Facility& facility);
    void draw_actions(const api::Facility& facility);

    AppState& m_state;
    ui::ConfirmDialog m_confirm;
    api::Job<api::Nothing> m_delete;
    api::Job<std::string> m_reinvite;
    api::Job<api::Facility> m_security;
    std::string m_notice;        // above the facility (registered, saved)
    std::string m_action_notice; // below the actions
    std::string m_problem;
};

} // namespace mimamori::web
