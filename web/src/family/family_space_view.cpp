#include "family/family_space_view.hpp"

#include "family/family_space_api.hpp"
#include "family/family_text.hpp"
#include "family/family_vault.hpp"
#include "imgui.h"
#include "mimamori/common/family_crypto/secret.hpp"
#include "platform/router.hpp"
#include "ui/form.hpp"

namespace mimamori::web::family {

FamilySpaceView::~FamilySpaceView() {
    fc::wipe(m_password);
    fc::wipe(m_recovery_code);
    fc::wipe(m_shown_code);
    fc::wipe(m_text);
    if (m_model) m_model->clear();
    close_photo_view();
    for (auto& [key, thumb] : m_thumbs) browser_files::free_image(thumb.image);
}

void FamilySpaceView::reset(std::int64_t patient_id) {
    if (m_model) m_model->clear();
    m_model.reset();
    m_patient = patient_id;
    m_generation = m_state.session.generation;
    m_key_step = KeyStep::Check;
    m_own_keys.reset();
    m_shown_once = false;
    m_problem.clear();
    m_notice.clear();
    m_uploads.clear();
    close_photo_view();
    for (auto& [key, thumb] : m_thumbs) browser_files::free_image(thumb.image);
    m_thumbs.clear();
    reload();
}

void FamilySpaceView::reload() {
    m_members.reset();
    m_grants.reset();
    m_memos.reset();
    m_verifications.reset();
    m_loaded_stage = 0;
    m_upkeep_tried = false;
}

void FamilySpaceView::draw(std::int64_t patient_id, bool large_text) {
    if (patient_id != m_patient || m_generation != m_state.session.generation) reset(patient_id);
    if (m_appearance.just_shown()) reload();
    if (large_text) ImGui::SetWindowFontScale(1.2f);
    const Lang lang = m_state.lang;
    ui::heading(tr(lang, T::Title));
    const fc::MemberIdentity* me = vault().identity(m_state.session.generation);
    if (me == nullptr || m_key_step == KeyStep::ShowCode) {
        draw_keys();
    } else {
        poll(*me);
        draw_space(*me);
    }
    if (large_text) ImGui::SetWindowFontScale(1.0f);
}

void FamilySpaceView::draw_for_team(std::int64_t patient_id) {
    if (ui::link(tr(m_state.lang, T::BackToPatient), "family-back-to-patient")) {
        router::navigate("/patients/" + std::to_string(patient_id));
    }
    ui::space(0.25f);
    draw(patient_id, false);
}

// The four answers, read into the model in order (grants are opened with the members' keys,
// memos with the grants); then the space's upkeep, once per load. Members and grants are fetched
// together and read in the same frame: read apart, a reload after the upkeep (a new epoch) would
// show the new epoch for a frame or more without its key, hiding the composer, and ImGui drops the
// focus of a text field that is not drawn -- what someone was typing would go nowhere.
void FamilySpaceView::poll(const fc::MemberIdentity& me) {
    if (!m_model) m_model.emplace(m_patient);
    if (m_members.not_started()) {
        m_members = get_members(m_patient);
        m_grants = get_grants(m_patient);
    }
    if (m_loaded_stage == 0 && m_members.done() && m_grants.done()) {
        m_model->set_members(m_members.value(), me);
        m_model->set_grants(m_grants.value(), me);
        m_loaded_stage = 2;
        m_memos = get_memos(m_patient);
        m_verifications = get_verifications(m_patient);
    }
    if (m_loaded_stage == 2 && m_memos.done() && m_verifications.done()) {
        m_model->set_memos(m_memos.value(), me);
        m_model->set_verifications(m_verifications.value(), me);
        m_loaded_stage = 3;
    }
    if (m_loaded_stage == 3 && !m_upkeep_tried && !m_upkeep.busy()) {
        m_upkeep_tried = true;
        if (auto work = m_model->maintenance(me)) {
            m_upkeep.start(work->kind == Maintenance::Kind::StartEpoch ? start_epoch(m_patient, std::move(work->body))
                                                                       : share_keys(m_patient, std::move(work->body)));
        }
    }
    // A memo written elsewhere (live updates, issue 5's event stream): the list is fetched again;
    // the event names only the space and the memo id, never content.
    if (m_live_seq < 0) m_live_seq = m_state.live.last_seq();
    bool fresh = false;
    m_state.live.each_after(m_live_seq, [&](const LiveEvent& e) {
        fresh = fresh || e.type == "resync" || (e.type == "family_memo.created" && e.patient_id == m_patient);
    });
    m_live_seq = m_state.live.last_seq();
    if (fresh && m_loaded_stage == 3) {
        m_memos = get_memos(m_patient);
        m_loaded_stage = 2;
    }
    m_upkeep.poll([this](const Json&) { reload(); }, [this](const api::Failure& f) {
        m_problem = ui::describe(m_state.lang, f);
    });
}

void FamilySpaceView::draw_space(const fc::MemberIdentity& me) {
    const Lang lang = m_state.lang;
    for (const api::Call<Json>* call : {&m_members, &m_grants, &m_memos, &m_verifications}) {
        if (!call->failed()) continue;
        ui::status_line(ui::Tone::Error, std::string(tr(lang, T::LoadFailed)) + ": " + ui::describe(lang, call->error()));
        if (ui::secondary_button(tr(lang, T::Retry), "family-retry")) reload();
        return;
    }
    // The first load shows "loading"; later ones (after a message, a reaction, a refresh) keep
    // what is shown until the new answers are in, so the page does not jump.
    if (!m_shown_once) {
        if (m_loaded_stage < 3) return ui::status_line(ui::Tone::Pending, tr(lang, T::Loading));
        m_shown_once = true;
    }
    const SpaceModel& model = *m_model;
    if (model.locked()) ui::status_line(ui::Tone::Warning, tr(lang, T::Locked));
    if (m_upkeep.busy() || (!model.locked() && (model.current_epoch() == 0 || model.needs_rotation()))) {
        ui::status_line(ui::Tone::Pending, tr(lang, T::Preparing));
    } else if (!model.locked() && !model.keyring().find(model.current_epoch())) {
        ui::status_line(ui::Tone::Warning, tr(lang, T::NoKeyYet));
    }
    if (!m_problem.empty()) ui::error_text(m_problem);
    if (!m_notice.empty()) ui::status_line(ui::Tone::Ok, m_notice);
    draw_schedule();
    ui::space(0.5f);
    if (model.can_write()) draw_composer(me);
    if (may_share_schedule(me)) draw_schedule_composer(me);
    ui::space(0.5f);
    draw_timeline(me);
    draw_photo_view();
    ui::space(1.0f);
    draw_members(me);
    ui::space(0.5f);
    draw_help();
}

} // namespace mimamori::web::family
