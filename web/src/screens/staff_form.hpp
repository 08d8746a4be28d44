#pragma once
// Registering a staff member of a facility (route "/staff/{facility}/new"): the person's fields
// and whether they manage the facility; they get an invitation mail.

#include <optional>
#include <string>

#include "api/master_api.hpp"
#include "app_state.hpp"
#include "ui/form.hpp"

namespace mimamori::web {

class StaffForm {
public:
    explicit StaffForm(AppState& state) : m_state(state) {}

    // Draws the form for `facility_id`; the new staff member in the frame the server saved them.
    std::optional<api::Staff> draw(perm::Id facility_id, const std::string& facility_name);

private:
    void reset(perm::Id facility_id);

    AppState& m_state;
    perm::Id m_facility_id = 0;
    api::PersonFields m_person;
    bool m_manager = false;
    ui::FieldErrors m_errors;
    std::string m_problem;
    api::Job<api::Staff> m_job;
};

} // namespace mimamori::web
