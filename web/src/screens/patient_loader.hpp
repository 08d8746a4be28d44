#pragma once
// Loads one patient for the patient screens (PatientView): GET /patients/{id} with its team; when
// that is refused to a team member because no consent is recorded yet, what "my patients" and
// GET /teams/{id} tell them instead (a limited view, enough to record the consent).

#include <optional>
#include <vector>

#include "api/patients_api.hpp"
#include "app_state.hpp"
#include "screens/patient_view.hpp"

namespace mimamori::web {

class PatientLoader {
public:
    explicit PatientLoader(AppState& state) : m_state(state) {}

    // The patient `id` once loaded (loading it first, or again after reload()); nullptr meanwhile
    // or when it failed (see failure()).
    const PatientView* get(perm::Id id);
    // Loads it again (after a change), keeping what is shown until the answer is there.
    void reload() { m_reload = true; }
    bool loading() const { return m_record.in_flight() || m_mine.in_flight() || m_team.in_flight(); }
    // Why it could not be loaded, when it could not.
    const api::Failure* failure() const { return m_failure ? &*m_failure : nullptr; }
    // Replaces the patient (an edit's answer) without a request.
    void set_patient(const api::Patient& patient);

private:
    void start(perm::Id id);
    void poll();
    void settle(api::Patient patient, std::optional<api::Team> team, bool limited);

    AppState& m_state;
    perm::Id m_id = 0;
    bool m_reload = false;
    api::Call<api::PatientRecord> m_record;
    api::Call<std::vector<api::MyPatient>> m_mine;
    api::Call<api::Team> m_team;
    std::optional<api::Patient> m_limited; // from "my patients", while its team loads
    std::optional<PatientView> m_view;
    std::optional<api::Failure> m_failure;
};

} // namespace mimamori::web
