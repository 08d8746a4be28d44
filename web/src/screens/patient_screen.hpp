#pragma once
// One patient (routes "/patients/{id}" and below) and the registration of a new one
// ("/patients/new"):
//
//   /patients/{id}                       identity, status and registering facility; the consent
//                                        (ConsentPanel); the care team (CareTeamPanel, or starting
//                                        one); the family accounts (FamilyPanel)
//   /patients/{id}/edit                  PatientForm
//   /patients/{id}/consent               ConsentForm (the signing screen)
//   /patients/{id}/family/new            FamilyAccountForm
//   /patients/{id}/handover/{account}    HandoverView
//
// A withdrawn consent shows the whole patient as read-only. Every action is shown only when
// perm::decide allows it on the patient's facts (patient_facts.hpp); the server decides again.

#include <span>
#include <string>
#include <string_view>

#include "app_state.hpp"
#include "screens/care_team_panel.hpp"
#include "screens/consent_form.hpp"
#include "screens/consent_panel.hpp"
#include "screens/family_account_form.hpp"
#include "screens/family_panel.hpp"
#include "screens/handover_view.hpp"
#include "screens/patient_form.hpp"
#include "screens/patient_loader.hpp"
#include "screens/team_create_form.hpp"
#include "ui/widgets.hpp"

namespace mimamori::web {

class PatientScreen {
public:
    explicit PatientScreen(AppState& state)
        : m_state(state), m_loader(state), m_form(state), m_consent(state), m_team(state), m_team_create(state),
          m_family(state), m_consent_form(state), m_family_form(state), m_handover(state) {}

    // `parts`: the route's segments, "patients" first, then "new" or an id and what follows.
    void draw(std::span<const std::string_view> parts);

private:
    void draw_new();
    void draw_header(const PatientView& view);
    void draw_detail(const PatientView& view);
    void draw_identity(const PatientView& view);
    void draw_team(const PatientView& view);
    void draw_edit(const PatientView& view);
    void draw_consent(const PatientView& view);
    void draw_family_new(const PatientView& view);
    void draw_handover(const PatientView& view, perm::Id account_id);
    void back_link(const PatientView* view, bool below_patient);

    AppState& m_state;
    PatientLoader m_loader;
    PatientForm m_form;
    ConsentPanel m_consent;
    CareTeamPanel m_team;
    TeamCreateForm m_team_create;
    FamilyPanel m_family;
    ConsentForm m_consent_form;
    FamilyAccountForm m_family_form;
    HandoverView m_handover;
    ui::Appearance m_appearance; // the screen opened anew: the patient is loaded again
    std::string m_route_key;     // the route below "/patients" last drawn ("/12/edit")
    std::string m_notice;
};

} // namespace mimamori::web
