#include "screens/member_invite.hpp"

#include "i18n/i18n.hpp"
#include "imgui.h"
#include "mimamori/common/date.hpp"
#include "mimamori/common/japan_time.hpp"
#include "mimamori/common/text.hpp"
#include "platform/clock.hpp"
#include "ui/table.hpp"
#include "ui/widgets.hpp"
#include "vocabulary_text.hpp"

namespace mimamori::web {
namespace {
using i18n::Msg;

// An optional date as typed: "" stays "", else YYYY-MM-DD or nothing.
std::optional<std::string> optional_date(const std::string& typed) {
    const std::string folded = text::fold_fullwidth_ascii(text::trim(typed));
    if (folded.empty()) return std::string();
    const auto date = parse_date(folded);
    if (!date) return std::nullopt;
    return date->to_string();
}

} // namespace

void MemberInvite::open() {
    m_open = true;
    m_query = {};
    m_results.reset();
    m_chosen.reset();
    m_member = {};
    m_errors.clear();
    m_problem.clear();
}

bool MemberInvite::draw(const api::Team& team) {
    const Lang lang = m_state.lang;
    bool added = false;
    m_add.poll(
        [&](const api::Team&) {
            added = true;
            m_open = false;
        },
        [this, lang](const api::Failure& f) {
            if (f.http_status == 409) {
                m_problem = i18n::tr(lang, Msg::AlreadyTeamMember);
            } else {
                ui::apply_failure(lang, f, m_errors, m_problem);
            }
        });
    if (!m_open) return added;

    ui::begin_card();
    ui::heading(i18n::tr(lang, Msg::InviteMember));
    ui::text_muted(i18n::tr(lang, Msg::InviteMemberHelp));
    ui::space(0.25f);
    if (m_chosen) {
        draw_chosen(team);
    } else {
        draw_search();
        ui::space(0.25f);
        if (!m_results.not_started()) {
            ui::loaded(lang, m_results, [this](const std::vector<api::DirectoryEntry>& staff) { draw_results(staff); });
        }
        ui::space(0.25f);
        if (ui::secondary_button(i18n::tr(lang, Msg::Cancel), "invite-cancel")) m_open = false;
    }
    ui::end_card();
    return added;
}

void MemberInvite::draw_search() {
    const Lang lang = m_state.lang;
    const bool enter = ui::enter_pressed();
    bool search = false;
    {
        ui::FieldRow row;
        row.next();
        ui::input_text(i18n::tr(lang, Msg::SearchNameOrKana), "directory-q", m_query.q, {.width_em = 14.0f});
        row.next();
        search = ui::select(i18n::tr(lang, Msg::Profession), "directory-profession", profession_labels(),
                            m_query.profession, lang, i18n::tr(lang, Msg::All), 12.0f);
        row.next();
        ui::text(" ");
        search |= ui::secondary_button(i18n::tr(lang, Msg::Search), "directory-search");
    }
    if ((search || enter) && !m_results.in_flight()) m_results = api::search_directory(m_query);
}

void MemberInvite::draw_results(const std::vector<api::DirectoryEntry>& staff) {
    const Lang lang = m_state.lang;
    if (staff.empty()) return ui::text_muted(i18n::tr(lang, Msg::DirectoryEmpty));
    const ui::Column columns[] = {
        {i18n::tr(lang, Msg::PersonName), 1.6f},
        {i18n::tr(lang, Msg::Profession), 1.4f},
        {i18n::tr(lang, Msg::Facility), 2.4f},
        {"", ui::fitting_width_em(i18n::tr(lang, Msg::Choose)) + 1.0f, true},
    };
    if (!ui::begin_table("directory", columns)) return;
    ui::clipped_rows(
        static_cast<int>(staff.size()), [&](int i) { return staff[static_cast<std::size_t>(i)].account_id; },
        [&](int i) {
            const api::DirectoryEntry& s = staff[static_cast<std::size_t>(i)];
            ui::cell(s.name);
            ui::cell_muted(profession_text(lang, s.profession));
            ui::cell_muted(s.facility_name);
            ui::next_cell();
            if (ui::secondary_button(i18n::tr(lang, Msg::Choose), "directory-choose")) {
                m_chosen = s;
                m_member = {s.account_id, {}, {}, {}};
            }
        });
    ui::end_table();
}

bool MemberInvite::check() {
    const Lang lang = m_state.lang;
    m_errors.clear();
    bool ok = true;
    if (!has_code(team_role_labels(), m_member.team_role)) {
        m_errors.set("team_role", i18n::tr(lang, Msg::ErrChoose));
        ok = false;
    }
    const auto starts = optional_date(m_member.starts_on);
    const auto ends = optional_date(m_member.ends_on);
    if (!starts) m_errors.set("starts_on", i18n::tr(lang, Msg::ErrDate));
    if (!ends) m_errors.set("ends_on", i18n::tr(lang, Msg::ErrDate));
    if (!starts || !ends) return false;
    const std::string today = japan_date(clock::unix_seconds()).to_string();
    const std::string& from = starts->empty() ? today : *starts;
    if (!ends->empty() && (*ends < from || *ends < today)) { // ISO dates compare as text
        m_errors.set("ends_on", i18n::tr(lang, Msg::ErrPeriodEnd));
        ok = false;
    }
    m_member.starts_on = *starts;
    m_member.ends_on = *ends;
    return ok;
}

void MemberInvite::draw_chosen(const api::Team& team) {
    const Lang lang = m_state.lang;
    ui::field_row(i18n::tr(lang, Msg::PersonName), m_chosen->name, 8.0f);
    ui::field_row(i18n::tr(lang, Msg::Profession), profession_text(lang, m_chosen->profession), 8.0f);
    ui::field_row(i18n::tr(lang, Msg::Facility), m_chosen->facility_name, 8.0f);
    ui::space(0.25f);
    ui::form_select(i18n::tr(lang, Msg::TeamRole), "team_role", team_role_labels(), m_member.team_role, lang, m_errors);
    {
        ui::FieldRow row;
        row.next();
        ui::form_text(i18n::tr(lang, Msg::MembershipStarts), "starts_on", m_member.starts_on, m_errors,
                      {.hint = i18n::tr(lang, Msg::Today), .width_em = 10.0f});
        row.next();
        ui::form_text(i18n::tr(lang, Msg::MembershipEnds), "ends_on", m_member.ends_on, m_errors,
                      {.hint = i18n::tr(lang, Msg::NoEnd), .width_em = 10.0f});
    }
    ui::text_muted(i18n::tr(lang, Msg::MembershipHelp));
    if (!m_problem.empty()) ui::status_line(ui::Tone::Error, m_problem);
    ui::space(0.25f);
    if (ui::submit_button(lang, i18n::tr(lang, Msg::InviteMemberButton), "invite-send", m_add.busy())) {
        m_problem.clear();
        if (check()) {
            m_add.start(api::add_member(team.id, m_member));
        } else {
            m_errors.reveal();
            m_problem = i18n::tr(lang, Msg::ErrSeeFields);
        }
    }
    ImGui::SameLine(0.0f, 1.0f * ui::em());
    if (ui::secondary_button(i18n::tr(lang, Msg::ChooseAnother), "invite-back")) m_chosen.reset();
}

} // namespace mimamori::web
