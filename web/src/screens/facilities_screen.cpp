#include "screens/facilities_screen.hpp"

#include "i18n/i18n.hpp"
#include "imgui.h"
#include "platform/router.hpp"
#include "route.hpp"
#include "session/session.hpp"
#include "ui/form.hpp"
#include "ui/table.hpp"
#include "ui/widgets.hpp"
#include "vocabulary_text.hpp"

namespace mimamori::web {
namespace {
using i18n::Msg;

std::string facility_route(perm::Id id) { return "/facilities/" + std::to_string(id); }

} // namespace

void FacilitiesScreen::draw(std::span<const std::string_view> parts) {
    if (parts.size() == 1) return draw_list();
    if (parts.size() == 2 && parts[1] == "new") return draw_new();
    const auto id = route::id(parts[1]);
    if (id && parts.size() == 2) return draw_one(*id, false);
    if (id && parts.size() == 3 && parts[2] == "edit") return draw_one(*id, true);
    router::redirect("/facilities");
}

void FacilitiesScreen::draw_list() {
    const Lang lang = m_state.lang;
    if (m_list_stale && !m_list.in_flight()) {
        m_list = api::list_facilities(m_query);
        m_list_stale = false;
    }
    ui::heading(i18n::tr(lang, Msg::NavFacilities));
    ui::space(0.25f);
    if (session::allows(m_state, perm::Action::FacilityRegister)) {
        if (ui::button(i18n::tr(lang, Msg::FacilityRegisterTitle), "facility-new")) router::navigate("/facilities/new");
        ui::space(0.5f);
    }

    // Search: a part of the name or its kana, and the type.
    const bool enter = ui::enter_pressed();
    bool search = false;
    {
        ui::FieldRow row;
        row.next();
        ui::input_text(i18n::tr(lang, Msg::SearchNameOrKana), "facility-q", m_query.q, {.width_em = 18.0f});
        row.next();
        search = ui::select(i18n::tr(lang, Msg::FacilityType), "facility-type", facility_type_labels(), m_query.type,
                            lang, i18n::tr(lang, Msg::All), 16.0f);
        row.next();
        ui::text(" ");
        search |= ui::secondary_button(i18n::tr(lang, Msg::Search), "facility-search");
    }
    if (search || enter) m_list = api::list_facilities(m_query);
    ui::space(0.5f);

    ui::loaded(lang, m_list, [this](const std::vector<api::Facility>& list) { draw_table(list); });
}

void FacilitiesScreen::draw_table(const std::vector<api::Facility>& facilities) {
    const Lang lang = m_state.lang;
    ui::text_muted(i18n::fmt(i18n::tr(lang, Msg::ItemCount), {std::to_string(facilities.size())}));
    if (facilities.empty()) {
        ui::text(i18n::tr(lang, Msg::FacilitiesEmpty));
        return;
    }
    const ui::Column columns[] = {
        {i18n::tr(lang, Msg::FacilityName), 3.0f}, {i18n::tr(lang, Msg::FacilityType), 2.4f},
        {i18n::tr(lang, Msg::AnnualFee), 1.3f},    {i18n::tr(lang, Msg::StaffCount), 0.9f},
        {i18n::tr(lang, Msg::RepresentativeTitle), 2.2f}, {"", 4.0f, true},
    };
    if (!ui::begin_table("facilities", columns)) return;
    ui::clipped_rows(
        static_cast<int>(facilities.size()), [&](int i) { return facilities[static_cast<std::size_t>(i)].id; },
        [&](int i) {
            const api::Facility& f = facilities[static_cast<std::size_t>(i)];
            ui::cell(f.fields.name);
            ui::cell_muted(facility_type_text(lang, f.fields.type));
            ui::cell_muted(yen(lang, f.annual_fee_yen));
            ui::cell_muted(std::to_string(f.staff_count));
            ui::cell_muted(f.representative ? f.representative->name + " " +
                                                  account_status_text(lang, f.representative->status)
                                            : "—");
            ui::next_cell();
            if (ui::secondary_button(i18n::tr(lang, Msg::Open), "facility-open")) router::navigate(facility_route(f.id));
        });
    ui::end_table();
}

api::Facility* FacilitiesScreen::current(perm::Id id) {
    if (m_current && m_current->id == id) return &*m_current;
    if (m_loading_id != id) { // another facility: what was loading (or failed) is not its
        m_loading.reset();
        m_loading_id = id;
    }
    if (m_loading.done()) {
        m_current = m_loading.value();
        m_loading.reset();
        return &*m_current;
    }
    if (!m_loading.in_flight() && !m_loading.failed()) {
        // From the list when it is there (no request), else from the server (a deep link).
        if (m_list.done()) {
            for (const api::Facility& f : m_list.value()) {
                if (f.id == id) {
                    m_current = f;
                    return &*m_current;
                }
            }
        }
        m_loading = api::fetch_facility(id);
    }
    return nullptr;
}

void FacilitiesScreen::draw_one(perm::Id id, bool edit) {
    const Lang lang = m_state.lang;
    if (ui::link(i18n::tr(lang, Msg::BackToList), "facility-back")) router::navigate("/facilities");
    ui::space(0.5f);
    api::Facility* facility = current(id);
    if (facility == nullptr) {
        if (m_loading.failed()) {
            ui::status_line(ui::Tone::Error, ui::describe(lang, m_loading.error()));
            if (ui::secondary_button(i18n::tr(lang, Msg::Retry), "facility-retry")) m_loading.reset();
        } else {
            ui::status_line(ui::Tone::Pending, i18n::tr(lang, Msg::Loading));
        }
        return;
    }
    if (edit) {
        if (!m_form.is_open() || m_form.editing() != id) m_form.open_edit(*facility);
        if (auto saved = m_form.draw()) {
            m_current = *saved;
            m_list_stale = true;
            m_detail.set_notice(i18n::tr(lang, Msg::Saved));
            router::navigate(facility_route(id));
        }
        return;
    }
    ui::text(facility->fields.name);
    ui::space(0.25f);
    switch (m_detail.draw(*facility)) {
    case FacilityDetail::Outcome::None: break;
    case FacilityDetail::Outcome::Changed: m_list_stale = true; break;
    case FacilityDetail::Outcome::Deleted:
        m_current.reset();
        m_list_stale = true;
        router::navigate("/facilities");
        break;
    }
}

void FacilitiesScreen::draw_new() {
    const Lang lang = m_state.lang;
    if (!session::allows(m_state, perm::Action::FacilityRegister)) return router::redirect("/facilities");
    if (ui::link(i18n::tr(lang, Msg::BackToList), "facility-back")) router::navigate("/facilities");
    ui::space(0.5f);
    if (!m_form.is_open() || m_form.editing()) m_form.open_new();
    if (auto saved = m_form.draw()) {
        m_current = *saved;
        m_list_stale = true;
        m_detail.set_notice(i18n::tr(lang, Msg::FacilityRegistered));
        router::navigate(facility_route(saved->id));
    }
}

} // namespace mimamori::web
