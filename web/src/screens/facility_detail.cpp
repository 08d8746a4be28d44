#include "screens/facility_detail.hpp"

#include "i18n/i18n.hpp"
#include "imgui.h"
#include "platform/clock.hpp"
#include "platform/router.hpp"
#include "session/session.hpp"
#include "ui/form.hpp"
#include "ui/widgets.hpp"
#include "vocabulary_text.hpp"

namespace mimamori::web {
namespace {
using i18n::Msg;
using perm::Action;
constexpr float kLabelWidthEm = 9.0f;
enum Confirmed { kDelete = 1, kReinvite };
} // namespace

FacilityDetail::Outcome FacilityDetail::draw(api::Facility& facility) {
    const Lang lang = m_state.lang;
    Outcome outcome = Outcome::None;
    if (const auto confirmed = m_confirm.take(); confirmed && confirmed->id == facility.id) {
        m_problem.clear();
        m_action_notice.clear();
        if (confirmed->kind == kDelete) m_delete.start(api::delete_facility(facility.id));
        if (confirmed->kind == kReinvite) m_reinvite.start(api::reinvite_representative(facility.id));
    }
    auto refused = [this, lang](const api::Failure& f) {
        m_problem = f.http_status == 409 ? i18n::fmt(i18n::tr(lang, Msg::RefusedBecause), {f.message}) : ui::describe(lang, f);
    };
    m_delete.poll([&](const api::Nothing&) { outcome = Outcome::Deleted; }, refused);
    m_reinvite.poll(
        [&](const std::string& expires_at) {
            m_action_notice = i18n::fmt(i18n::tr(lang, Msg::InvitationResent), {clock::local_time(expires_at)});
            outcome = Outcome::Changed;
        },
        refused);
    m_security.poll(
        [&](const api::Facility& updated) {
            facility = updated;
            outcome = Outcome::Changed;
        },
        refused);

    if (!m_notice.empty()) ui::status_line(ui::Tone::Ok, m_notice);
    draw_fields(facility);
    ui::space(0.75f);
    draw_actions(facility);
    // What an action answered, where the person pressed it.
    if (!m_action_notice.empty()) ui::status_line(ui::Tone::Ok, m_action_notice);
    if (!m_problem.empty()) ui::status_line(ui::Tone::Error, m_problem);
    m_confirm.draw(lang);
    return outcome;
}

void FacilityDetail::draw_fields(const api::Facility& f) {
    const Lang lang = m_state.lang;
    auto row = [&](Msg label, const std::string& value) {
        ui::field_row(i18n::tr(lang, label), value.empty() ? "—" : value, kLabelWidthEm);
    };
    ui::begin_card(ui::kFormWidthEm);
    row(Msg::FacilityName, f.fields.name);
    row(Msg::FacilityKana, f.fields.name_kana);
    row(Msg::FacilityType, facility_type_text(lang, f.fields.type));
    row(Msg::PostalCode, f.fields.postal_code);
    row(Msg::Address, f.fields.address);
    row(Msg::Phone, f.fields.phone);
    row(Msg::Plan, plan_text(lang, f.fields.plan));
    row(Msg::AnnualFee, i18n::fmt(i18n::tr(lang, Msg::FeeWithMonthly), {yen(lang, f.annual_fee_yen), yen(lang, f.monthly_fee_yen)}));
    row(Msg::FacilityStatus, i18n::tr(lang, f.status == "suspended" ? Msg::FacilitySuspended : Msg::FacilityActive));
    row(Msg::StaffCount, std::to_string(f.staff_count));
    row(Msg::PatientCount, std::to_string(f.patient_count));
    if (f.representative) {
        row(Msg::RepresentativeTitle, f.representative->name + " (" + f.representative->login + ") " +
                                          account_status_text(lang, f.representative->status));
    } else {
        row(Msg::RepresentativeTitle, {});
    }
    row(Msg::TwoFactorPolicy, i18n::tr(lang, f.require_two_factor ? Msg::TwoFactorPolicyRequired : Msg::TwoFactorPolicyOptional));
    row(Msg::CreatedAt, clock::local_time(f.created_at));
    ui::end_card();
}

void FacilityDetail::draw_actions(const api::Facility& f) {
    const Lang lang = m_state.lang;
    const perm::Target target{.facility_id = f.id};
    const float gap = 0.75f * ui::em();
    if (session::allows(m_state, Action::FacilityEdit, target)) {
        if (ui::secondary_button(i18n::tr(lang, Msg::Edit), "facility-edit")) {
            router::navigate("/facilities/" + std::to_string(f.id) + "/edit");
        }
        ImGui::SameLine(0.0f, gap);
    }
    if (session::allows(m_state, Action::StaffView, target)) {
        if (ui::secondary_button(i18n::tr(lang, Msg::NavStaff), "facility-staff")) {
            router::navigate("/staff/" + std::to_string(f.id));
        }
        ImGui::SameLine(0.0f, gap);
    }
    const bool invited = f.representative && f.representative->status == "invited";
    if (invited && session::allows(m_state, Action::FacilityRerequestRepresentative, target)) {
        if (ui::secondary_button(i18n::tr(lang, Msg::RepresentativeReinvite), "facility-reinvite", !m_reinvite.busy())) {
            m_confirm.ask({i18n::tr(lang, Msg::RepresentativeReinvite),
                           i18n::fmt(i18n::tr(lang, Msg::ReinviteBody), {f.representative->name}),
                           i18n::tr(lang, Msg::Resend), false},
                          {kReinvite, f.id});
        }
    }
    ImGui::NewLine();
    if (session::allows(m_state, Action::FacilitySecurityPolicyEdit, target)) {
        ui::space(0.25f);
        bool required = f.require_two_factor;
        if (ui::checkbox(i18n::tr(lang, Msg::TwoFactorPolicyToggle), "facility-require-2fa", required) &&
            !m_security.busy()) {
            m_problem.clear();
            m_security.start(api::set_facility_security(f.id, required));
        }
        ui::text_muted(i18n::tr(lang, Msg::TwoFactorPolicyHelp));
    }
    if (session::allows(m_state, Action::FacilityDelete, target)) {
        ui::space(0.5f);
        if (ui::danger_button(i18n::tr(lang, Msg::Delete), "facility-delete", !m_delete.busy())) {
            m_confirm.ask({i18n::tr(lang, Msg::FacilityDeleteQuestion),
                           i18n::fmt(i18n::tr(lang, Msg::FacilityDeleteBody), {f.fields.name}), i18n::tr(lang, Msg::Delete)},
                          {kDelete, f.id});
        }
    }
}

} // namespace mimamori::web
