#pragma once
// Registering a patient (route "/patients/new") or editing one ("/patients/{id}/edit"): name and
// kana, birth date, sex, address, phone, key person, status and the registering facility (the
// secretariat administrator any; a manager their own), each checked by common's validators before
// sending, the server's problems shown at the field it names. A registration that looks like a
// patient already registered (same kana and birth date) shows those patients first: open one of
// them, or register anyway.

#include <optional>
#include <string>
#include <vector>

#include "api/master_api.hpp"
#include "api/patients_api.hpp"
#include "app_state.hpp"
#include "ui/form.hpp"

namespace mimamori::web {

class PatientForm {
public:
    explicit PatientForm(AppState& state) : m_state(state) {}

    void open_new();
    void open_edit(const api::Patient& patient);
    // The patient being edited (nullopt for a registration or when nothing is open).
    std::optional<perm::Id> editing() const { return m_editing; }
    bool is_open() const { return m_open; }

    // Draws the form; the patient as the server saved it, in the frame it was saved.
    std::optional<api::Patient> draw();

private:
    struct Choice {
        std::string code; // the facility id as text
        std::string name;
    };
    void reset();
    void update_facilities();
    bool check();
    void submit(bool allow_duplicate);
    void draw_fields();
    void draw_duplicates();

    AppState& m_state;
    bool m_open = false;
    std::optional<perm::Id> m_editing;
    api::PatientFields m_fields;
    std::string m_facility; // the chosen facility's id as text
    api::Call<std::vector<api::Facility>> m_all_facilities; // the administrator's choice
    std::vector<Choice> m_choices;
    std::vector<Label> m_choice_labels; // views into m_choices
    std::vector<api::Duplicate> m_duplicates;
    ui::FieldErrors m_errors;
    std::string m_problem;
    api::Job<api::PatientRegistration> m_register;
    api::Job<api::Patient> m_update;
};

} // namespace mimamori::web
