#include "screens/fee_evidence_screen.hpp"

#include <algorithm>

#include "i18n/i18n.hpp"
#include "imgui.h"
#include "mimamori/common/japan_time.hpp"
#include "platform/clock.hpp"
#include "platform/router.hpp"
#include "route.hpp"
#include "session/session.hpp"

namespace mimamori::web {
namespace {
using i18n::Msg;

std::string month_text(const YearMonth& m) { return m.to_string(); }

std::string shifted_month(const std::string& month, int delta) {
    auto m = parse_year_month(month, "month");
    if (!m) return month;
    int index = m->year * 12 + (m->month - 1) + delta;
    YearMonth out{index / 12, index % 12 + 1};
    return month_text(out);
}

} // namespace

std::vector<FeeEvidenceScreen::Choice> FeeEvidenceScreen::facilities() const {
    std::vector<Choice> out;
    if (!m_state.session.me) return out;
    for (const api::MeAffiliation& a : m_state.session.me->affiliations) {
        perm::Target target;
        target.facility_id = a.facility_id;
        if (!session::allows(m_state, perm::Action::FeeEvidenceView, target)) continue;
        const auto type = facility_type_from_code(a.facility_type);
        out.push_back({a.facility_id, a.facility_name, type && info(*type).nursing_home});
    }
    return out;
}

void FeeEvidenceScreen::load() {
    const Lang lang = m_state.lang;
    m_errors.clear();
    if (!parse_year_month(m_month, "month")) {
        m_errors.set("month", i18n::tr(lang, Msg::FeeEvidenceMonthInvalid));
        return;
    }
    const auto choices = facilities();
    perm::Id facility = 0;
    m_nursing_home = false;
    for (const Choice& c : choices) {
        if (std::to_string(c.id) == m_facility_code) {
            facility = c.id;
            m_nursing_home = c.nursing_home;
        }
    }
    if (facility == 0) {
        const auto typed = route::id(m_admin_facility);
        if (!typed) {
            m_errors.set("facility", i18n::tr(lang, Msg::FeeEvidenceFacilityNeeded));
            return;
        }
        facility = *typed;
        m_nursing_home = true; // the server answers 400 for a facility that is not one: shown as such
    }
    m_loaded_facility = facility;
    m_home_care = api::fetch_home_care_evidence(facility, m_month, lang);
    m_cooperation = m_nursing_home ? api::fetch_cooperation_evidence(facility, m_month, lang) : api::Call<api::CooperationEvidence>();
    m_special = api::fetch_special_relationships(facility);
}

void FeeEvidenceScreen::draw() {
    const Lang lang = m_state.lang;
    const auto choices = facilities();
    if (m_appearance.just_shown()) {
        if (m_month.empty()) m_month = month_text(month_of(japan_date(clock::unix_seconds())));
        if (m_facility_code.empty() && !choices.empty()) m_facility_code = std::to_string(choices.front().id);
        if (!choices.empty()) load();
    }
    ui::heading(i18n::tr(lang, Msg::FeeEvidenceTitle));
    ui::text_muted(i18n::tr(lang, Msg::FeeEvidenceHelp));
    ui::space(0.5f);
    const bool enter = ui::enter_pressed();
    bool show = false;
    {
        ui::FieldRow row;
        row.next();
        if (!choices.empty()) {
            std::vector<std::string> codes;
            for (const Choice& c : choices) codes.push_back(std::to_string(c.id));
            std::vector<Label> labels;
            for (std::size_t i = 0; i < choices.size(); ++i) labels.push_back({codes[i], choices[i].name, choices[i].name});
            show = ui::select(i18n::tr(lang, Msg::FeeEvidenceFacility), "fee-facility", labels, m_facility_code, lang, nullptr, 18.0f);
        } else {
            ui::form_text(i18n::tr(lang, Msg::FeeEvidenceFacilityId), "facility", m_admin_facility, m_errors, {.width_em = 8.0f});
        }
        row.next();
        ui::form_text(i18n::tr(lang, Msg::FeeEvidenceMonth), "month", m_month, m_errors, {.hint = "2026-11", .width_em = 7.0f});
    }
    if (ui::secondary_button(i18n::tr(lang, Msg::FeeEvidencePrevMonth), "fee-prev-month")) {
        m_month = shifted_month(m_month, -1);
        show = true;
    }
    ImGui::SameLine();
    if (ui::secondary_button(i18n::tr(lang, Msg::FeeEvidenceNextMonth), "fee-next-month")) {
        m_month = shifted_month(m_month, 1);
        show = true;
    }
    ImGui::SameLine();
    if (ui::button(i18n::tr(lang, Msg::FeeEvidenceShow), "fee-show") || enter) show = true;
    if (show) load();
    ui::space(0.5f);
    if (m_loaded_facility == 0) return;
    const perm::Id facility = m_loaded_facility;
    const std::string month = m_month;
    if (m_nursing_home) {
        ui::heading(i18n::tr(lang, Msg::FeeEvidenceCooperation));
        ui::loaded(lang, m_cooperation, [&](const api::CooperationEvidence& e) { draw_cooperation(e); });
        m_cooperation_csv.draw(lang, "fee-cooperation-csv", [facility, month, lang](api::CsvEncoding enc) {
            return api::cooperation_csv_url(facility, month, lang, enc);
        });
        ui::space(0.5f);
    }
    ui::heading(i18n::tr(lang, Msg::FeeEvidenceHomeCare));
    ui::loaded(lang, m_home_care, [&](const api::HomeCareEvidence& e) { draw_home_care(e); });
    m_home_care_csv.draw(lang, "fee-home-care-csv", [facility, month, lang](api::CsvEncoding enc) {
        return api::home_care_csv_url(facility, month, lang, enc);
    });
    ui::space(0.5f);
    draw_special_relationships();
}

void FeeEvidenceScreen::draw_home_care(const api::HomeCareEvidence& evidence) {
    const Lang lang = m_state.lang;
    if (evidence.patients.empty()) return ui::text_muted(i18n::tr(lang, Msg::FeeEvidenceNoPatients));
    for (const api::HomeCarePatient& p : evidence.patients) {
        ImGui::PushID(static_cast<int>(p.patient_id));
        ui::begin_card();
        ui::text(p.patient_name);
        ImGui::SameLine();
        ui::badge(i18n::tr(lang, p.claimable ? Msg::FeeEvidenceClaimable : Msg::FeeEvidenceNotClaimable),
                  p.claimable ? ui::Tone::Ok : ui::Tone::Warning);
        for (const api::FeeCondition& c : p.conditions) {
            ImGui::PushID(c.condition.c_str());
            ui::check_line(c.met, c.label);
            for (std::size_t i = 0; i < c.findings.size(); ++i) {
                const api::Finding& f = c.findings[i];
                ImGui::PushID(static_cast<int>(i));
                ImGui::Indent(1.5f * ui::em());
                ui::text_muted(f.message);
                if (f.memo_id && ui::link(i18n::tr(lang, Msg::FeeEvidenceOpenMemo), "fee-open-memo"))
                    router::navigate("/patients/" + std::to_string(p.patient_id) + "/memos/" + std::to_string(*f.memo_id));
                ImGui::Unindent(1.5f * ui::em());
                ImGui::PopID();
            }
            ImGui::PopID();
        }
        if (!p.linked_institutions.empty()) {
            std::string names;
            for (const std::string& n : p.linked_institutions) names += (names.empty() ? "" : "、") + n;
            ui::text_muted(i18n::fmt(i18n::tr(lang, Msg::FeeEvidenceLinked), {std::to_string(p.linked_institutions.size()), names}));
        }
        ui::end_card();
        ui::space(0.3f);
        ImGui::PopID();
    }
}

void FeeEvidenceScreen::draw_cooperation(const api::CooperationEvidence& evidence) {
    const Lang lang = m_state.lang;
    if (evidence.residents.empty()) return ui::text_muted(i18n::tr(lang, Msg::FeeEvidenceNoPatients));
    ui::text(i18n::fmt(i18n::tr(lang, Msg::FeeEvidenceLacking), {std::to_string(evidence.lacking.size())}));
    ui::begin_card();
    for (const api::CooperationResident& r : evidence.residents) {
        ImGui::PushID(static_cast<int>(r.patient_id));
        ui::check_line(r.met, r.patient_name + (r.met ? "  " + r.basis_label + " " + clock::local_time(r.at) : "  " + r.finding));
        if (r.memo_id && ui::link(i18n::tr(lang, Msg::FeeEvidenceOpenMemo), "fee-open-record"))
            router::navigate("/patients/" + std::to_string(r.patient_id) + "/memos/" + std::to_string(*r.memo_id));
        ImGui::PopID();
    }
    ui::end_card();
}

void FeeEvidenceScreen::draw_special_relationships() {
    const Lang lang = m_state.lang;
    perm::Target target;
    target.facility_id = m_loaded_facility;
    const bool may_edit = session::allows(m_state, perm::Action::SpecialRelationshipEdit, target);
    m_special_save.poll(
        [&](const api::Facilities& saved) {
            auto [call, complete] = api::Call<api::Facilities>::start();
            complete.succeed(saved);
            m_special = call;
            m_special_problem.clear();
        },
        [&](const api::Failure& failure) { m_special_problem = ui::describe(lang, failure); });
    ui::heading(i18n::tr(lang, Msg::FeeEvidenceSpecial));
    ui::text_muted(i18n::tr(lang, Msg::FeeEvidenceSpecialHelp));
    if (!m_special.done()) {
        ui::loaded(lang, m_special, [](const api::Facilities&) {});
        return;
    }
    const api::Facilities& current = m_special.value();
    std::vector<perm::Id> ids;
    for (const auto& f : current.facilities) ids.push_back(f.first);
    if (current.facilities.empty()) ui::text_muted(i18n::tr(lang, Msg::FeeEvidenceSpecialNone));
    std::optional<std::vector<perm::Id>> save;
    for (const auto& [id, name] : current.facilities) {
        ImGui::PushID(static_cast<int>(id));
        ui::text(name);
        if (may_edit) {
            ImGui::SameLine();
            if (ui::secondary_button(i18n::tr(lang, Msg::Delete), "special-remove", !m_special_save.busy())) {
                std::vector<perm::Id> rest;
                for (perm::Id other : ids)
                    if (other != id) rest.push_back(other);
                save = rest;
            }
        }
        ImGui::PopID();
    }
    if (may_edit) {
        const bool enter = ui::enter_pressed();
        ui::input_text(i18n::tr(lang, Msg::FeeEvidenceSpecialSearch), "special-q", m_special_query, {.width_em = 16.0f});
        ImGui::SameLine();
        if (ui::secondary_button(i18n::tr(lang, Msg::Search), "special-search") || enter)
            m_special_search = api::list_facilities({m_special_query, ""});
        if (m_special_search.done()) {
            for (const api::Facility& f : m_special_search.value()) {
                if (f.id == m_loaded_facility || std::find(ids.begin(), ids.end(), f.id) != ids.end()) continue;
                ImGui::PushID(static_cast<int>(f.id));
                if (ui::secondary_button((i18n::tr(lang, Msg::FeeEvidenceSpecialAdd) + std::string(" ") + f.fields.name).c_str(),
                                         "special-add", !m_special_save.busy())) {
                    std::vector<perm::Id> more = ids;
                    more.push_back(f.id);
                    save = more;
                }
                ImGui::PopID();
            }
        }
    }
    if (!m_special_problem.empty()) ui::error_text(m_special_problem);
    if (save) m_special_save.start(api::save_special_relationships(m_loaded_facility, *save));
}

} // namespace mimamori::web
