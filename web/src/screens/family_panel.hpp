#pragma once
// The patient's family accounts on the patient screen (患者・家族のアカウント): who they are, their
// relation and whether they have joined. What perm::decide allows: register one and remove or
// re-invite it (the secretariat administrator, per the seed's table), and hand the invitation over
// at a home visit (a member of the patient's care team; only with the family's participation in
// the consent, and not while it is withdrawn).

#include <string>
#include <vector>

#include "api/family_api.hpp"
#include "app_state.hpp"
#include "screens/patient_view.hpp"
#include "ui/confirm.hpp"

namespace mimamori::web {

class FamilyPanel {
public:
    explicit FamilyPanel(AppState& state) : m_state(state) {}

    // Draws the family accounts of `view` (nothing when the person may not see them).
    void draw(const PatientView& view);
    // Loads the accounts again (after one was registered).
    void reload() { m_loaded_for = 0; }
    // A notice of what was just done elsewhere (the registration form): shown here, and this
    // part of the screen brought into view with it.
    void set_notice(std::string notice) {
        m_notice = std::move(notice);
        m_reveal = true;
    }

private:
    void draw_table(const PatientView& view, const std::vector<api::FamilyAccount>& accounts);
    void apply_confirmed();

    AppState& m_state;
    perm::Id m_loaded_for = 0;
    api::Call<std::vector<api::FamilyAccount>> m_accounts;
    ui::ConfirmDialog m_confirm;
    api::Job<api::Nothing> m_remove;
    api::Job<std::string> m_reinvite;
    std::string m_notice;
    bool m_reveal = false;
    std::string m_problem;
};

} // namespace mimamori::web
