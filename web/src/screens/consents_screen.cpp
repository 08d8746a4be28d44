#include "screens/consents_screen.hpp"

#include "i18n/i18n.hpp"
#include "imgui.h"
#include "patient_facts.hpp"
#include "platform/clock.hpp"
#include "platform/router.hpp"
#include "ui/form.hpp"
#include "ui/table.hpp"

namespace mimamori::web {
namespace {
using i18n::Msg;

struct Filter {
    const char* state;
    Msg label;
    const char* id;
};
constexpr Filter kFilters[] = {
    {"", Msg::All, "consents-all"},
    {"active", Msg::ConsentActiveState, "consents-active"},
    {"none", Msg::ConsentNoneState, "consents-none"},
    {"withdrawn", Msg::ConsentWithdrawnState, "consents-withdrawn"},
};

} // namespace

void ConsentsScreen::draw() {
    const Lang lang = m_state.lang;
    if (m_appearance.just_shown() && !m_rows.in_flight()) m_rows = api::consent_overview(m_state_filter);
    ui::heading(i18n::tr(lang, Msg::NavConsents));
    ui::text_muted(i18n::tr(lang, Msg::ConsentsHelp));
    ui::space(0.25f);
    for (const Filter& f : kFilters) {
        if (&f != kFilters) ImGui::SameLine(0.0f, 0.4f * ui::em());
        if (ui::toggle(i18n::tr(lang, f.label), f.id, m_state_filter == f.state) && m_state_filter != f.state) {
            m_state_filter = f.state;
            m_rows = api::consent_overview(m_state_filter);
        }
    }
    ui::space(0.5f);
    const bool retry = ui::loaded(
        lang, m_rows, [this](const std::vector<api::ConsentOverviewRow>& rows) { draw_table(rows); }, "consents-retry");
    if (retry) m_rows = api::consent_overview(m_state_filter);
}

void ConsentsScreen::draw_table(const std::vector<api::ConsentOverviewRow>& rows) {
    const Lang lang = m_state.lang;
    ui::text_muted(i18n::fmt(i18n::tr(lang, Msg::ItemCount), {std::to_string(rows.size())}));
    if (rows.empty()) return ui::text(i18n::tr(lang, Msg::ConsentsEmpty));
    const ui::Column columns[] = {
        {i18n::tr(lang, Msg::PatientName), 1.8f},
        {i18n::tr(lang, Msg::RegisteringFacility), 2.4f},
        {i18n::tr(lang, Msg::ConsentTitle), consent_badge_column_em(lang), true},
        {i18n::tr(lang, Msg::ConsentRecordedAt), ui::fitting_width_em(clock::kWidestLocalTime), true},
        {"", ui::fitting_width_em(i18n::tr(lang, Msg::Open)) + 1.0f, true},
    };
    if (!ui::begin_table("consents", columns)) return;
    ui::clipped_rows(
        static_cast<int>(rows.size()), [&](int i) { return rows[static_cast<std::size_t>(i)].patient_id; },
        [&](int i) {
            const api::ConsentOverviewRow& r = rows[static_cast<std::size_t>(i)];
            ui::cell(r.name);
            ui::cell_muted(r.facility_name);
            ui::next_cell();
            consent_badge(lang, r.consent);
            ui::cell_muted(r.consent.recorded_at.empty() ? "—" : clock::local_time(r.consent.recorded_at));
            ui::next_cell();
            if (ui::secondary_button(i18n::tr(lang, Msg::Open), "consent-patient-open")) {
                router::navigate("/patients/" + std::to_string(r.patient_id));
            }
        });
    ui::end_table();
}

} // namespace mimamori::web
