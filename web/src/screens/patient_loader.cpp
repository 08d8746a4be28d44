#include "screens/patient_loader.hpp"

#include <utility>

#include "patient_facts.hpp"

namespace mimamori::web {
namespace {

// What a row of "my patients" tells about a patient.
api::Patient limited_patient(const api::MyPatient& p) {
    api::Patient patient;
    patient.id = p.id;
    patient.fields.name = p.name;
    patient.fields.name_kana = p.name_kana;
    patient.fields.birth_date = p.birth_date;
    patient.fields.status = p.status;
    patient.team_id = p.team_id;
    patient.consent = p.consent;
    patient.last_activity_at = p.last_activity_at;
    return patient;
}

} // namespace

const PatientView* PatientLoader::get(perm::Id id) {
    if (id != m_id) {
        m_view.reset();
        start(id);
    } else if (m_reload && !m_record.in_flight() && !m_mine.in_flight() && !m_team.in_flight()) {
        start(id);
    }
    poll();
    return m_view ? &*m_view : nullptr;
}

void PatientLoader::start(perm::Id id) {
    m_id = id;
    m_reload = false;
    m_failure.reset();
    m_limited.reset();
    m_mine.reset();
    m_team.reset();
    m_record = api::fetch_patient(id);
}

void PatientLoader::settle(api::Patient patient, std::optional<api::Team> team, bool limited) {
    PatientView view{std::move(patient), std::move(team), limited, {}};
    view.target = patient_target(view.patient, view.team_or_null(), m_state.session.principal);
    m_view = std::move(view);
}

void PatientLoader::set_patient(const api::Patient& patient) {
    if (!m_view || m_view->patient.id != patient.id) return;
    std::optional<api::Team> team = m_view->team;
    settle(patient, std::move(team), false);
}

void PatientLoader::poll() {
    if (m_record.done()) {
        api::PatientRecord record = m_record.value();
        m_record.reset();
        settle(std::move(record.patient), std::move(record.team), false);
    } else if (m_record.failed()) {
        m_failure = m_record.error();
        m_record.reset();
        if (m_failure->http_status == 403) {
            m_mine = api::list_my_patients(); // a member before consent: what their own list says
        } else {
            m_view.reset();
        }
    }
    if (m_mine.done()) {
        for (const api::MyPatient& p : m_mine.value()) {
            if (p.id == m_id) m_limited = limited_patient(p);
        }
        m_mine.reset();
        if (!m_limited) {
            m_view.reset(); // not theirs either: the 403 stands
        } else if (m_limited->team_id) {
            m_team = api::fetch_team(*m_limited->team_id);
        } else {
            m_failure.reset();
            settle(*std::exchange(m_limited, std::nullopt), std::nullopt, true);
        }
    } else if (m_mine.failed()) {
        m_failure = m_mine.error();
        m_mine.reset();
        m_view.reset();
    }
    if (m_limited && m_team.finished()) {
        std::optional<api::Team> team;
        if (m_team.done()) team = m_team.value();
        m_team.reset();
        m_failure.reset();
        settle(*std::exchange(m_limited, std::nullopt), std::move(team), true);
    }
}

} // namespace mimamori::web
