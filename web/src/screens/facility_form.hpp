#pragma once
// Registering a facility with its representative staff (who gets an invitation mail), or
// editing a facility. Every field is checked before sending; the server's problems are shown
// next to the field it names.

#include <optional>
#include <string>

#include "api/master_api.hpp"
#include "app_state.hpp"
#include "ui/form.hpp"

namespace mimamori::web {

class FacilityForm {
public:
    explicit FacilityForm(AppState& state) : m_state(state) {}

    // Starts a new registration, or an edit of `facility`, with what they hold.
    void open_new();
    void open_edit(const api::Facility& facility);
    // The facility being edited (nullopt for a registration or when nothing is open).
    std::optional<perm::Id> editing() const { return m_editing; }
    bool is_open() const { return m_open; }

    // Draws the form; the facility as the server saved it in the frame it was saved.
    std::optional<api::Facility> draw();

private:
    void reset();
    bool check();
    void on_failure(const api::Failure& failure);

    AppState& m_state;
    bool m_open = false;
    std::optional<perm::Id> m_editing;
    api::FacilityFields m_fields;
    api::PersonFields m_representative;
    ui::FieldErrors m_errors;
    std::string m_problem;
    api::Job<api::Facility> m_job;
};

} // namespace mimamori::web
