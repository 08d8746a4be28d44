#include "screens/audit_screen.hpp"

#include "i18n/i18n.hpp"
#include "imgui.h"
#include "mimamori/common/date.hpp"
#include "mimamori/common/text.hpp"
#include "platform/clock.hpp"
#include "ui/table.hpp"
#include "ui/widgets.hpp"
#include "vocabulary_text.hpp"

namespace mimamori::web {
namespace {
using i18n::Msg;
constexpr float kFieldEm = 10.0f;

// The results the server records (services/audit_log.hpp).
constexpr Label kResults[] = {
    {"ok", "成功", "OK"},
    {"denied", "拒否", "Denied"},
    {"failed", "失敗", "Failed"},
    {"locked", "ロック中", "Locked out"},
};

// One filter field in a row of them.
void filter(ui::FieldRow& row, const char* caption, const char* id, std::string& value, const ui::FieldErrors& errors,
            const char* hint = "") {
    row.next();
    ui::form_text(caption, id, value, errors, {.hint = hint, .width_em = kFieldEm});
}

} // namespace

void AuditScreen::draw() {
    if (!m_searched) search(); // the newest entries at first
    if (m_page.done()) {
        for (const api::AuditEntry& e : m_page.value().entries) m_entries.push_back(e);
        m_next_before_id = m_page.value().next_before_id;
        m_page.reset();
    }
    const Lang lang = m_state.lang;
    ui::heading(i18n::tr(lang, Msg::NavAudit));
    ui::space(0.25f);
    draw_filters();
    ui::space(0.5f);
    draw_entries();
}

void AuditScreen::draw_filters() {
    const Lang lang = m_state.lang;
    const bool enter = ui::enter_pressed();
    bool pressed = false;
    {
        ui::FieldRow row;
        filter(row, i18n::tr(lang, Msg::AuditFrom), "from", m_filters.from, m_errors, "2026-04-01");
        filter(row, i18n::tr(lang, Msg::AuditTo), "to", m_filters.to, m_errors, "2026-04-30");
        filter(row, i18n::tr(lang, Msg::AuditActor), "actor", m_filters.actor, m_errors);
        filter(row, i18n::tr(lang, Msg::AuditPatient), "patient_id", m_filters.patient_id, m_errors);
        filter(row, i18n::tr(lang, Msg::AuditAction), "action", m_filters.action, m_errors, "session.create");
        row.next();
        ui::select(i18n::tr(lang, Msg::AuditResult), "result", kResults, m_filters.result, lang, i18n::tr(lang, Msg::All),
                   kFieldEm);
        row.next();
        ui::text(" ");
        pressed = ui::button(i18n::tr(lang, Msg::Search), "audit-search", !m_page.in_flight());
    }
    if (pressed || (enter && !m_page.in_flight())) search();
}

void AuditScreen::search() {
    const Lang lang = m_state.lang;
    m_errors.clear();
    api::AuditQuery q = m_filters;
    for (std::string* field : {&q.from, &q.to, &q.actor, &q.patient_id, &q.action, &q.result}) *field = text::trim(*field);
    for (auto [field, value] : {std::pair{"from", &q.from}, std::pair{"to", &q.to}}) {
        if (value->empty()) continue;
        auto date = parse_date(text::fold_fullwidth_ascii(*value), field);
        if (date) {
            *value = date->to_string();
        } else {
            m_errors.set(field, i18n::tr(lang, Msg::ErrDate));
        }
    }
    m_searched = true;
    if (!m_errors.empty()) return;
    m_query = q;
    m_entries.clear();
    m_next_before_id.reset();
    m_page = api::search_audit(m_query);
}

void AuditScreen::draw_entries() {
    const Lang lang = m_state.lang;
    if (m_page.failed()) ui::status_line(ui::Tone::Error, ui::describe(lang, m_page.error()));
    if (m_entries.empty()) {
        ui::text(i18n::tr(lang, m_page.in_flight() ? Msg::Loading : Msg::AuditEmpty));
        return;
    }
    ui::text_muted(i18n::fmt(i18n::tr(lang, Msg::AuditShown), {std::to_string(m_entries.size())}));
    const ui::Column columns[] = {
        {i18n::tr(lang, Msg::AuditAt), ui::fitting_width_em(clock::kWidestLocalTime), true},
        {i18n::tr(lang, Msg::AuditActorColumn), 1.2f},
        {i18n::tr(lang, Msg::AuditAction), 1.6f},  {i18n::tr(lang, Msg::AuditTarget), 1.3f},
        {i18n::tr(lang, Msg::AuditPatient), 0.8f}, {i18n::tr(lang, Msg::AuditAddress), 1.2f},
        {i18n::tr(lang, Msg::AuditResult), 1.0f},  {i18n::tr(lang, Msg::AuditDetail), 1.5f},
    };
    if (ui::begin_table("audit", columns)) {
        ui::clipped_rows(
            static_cast<int>(m_entries.size()), [&](int i) { return m_entries[static_cast<std::size_t>(i)].id; },
            [&](int i) {
                const api::AuditEntry& e = m_entries[static_cast<std::size_t>(i)];
                ui::cell(clock::local_time(e.at));
                ui::cell(e.actor_login);
                ui::cell(e.action);
                ui::cell_muted(e.target_type + (e.target_id.empty() ? "" : " " + e.target_id));
                ui::cell_muted(e.patient_id);
                ui::cell_muted(e.client_address);
                ui::cell(label_text(kResults, e.result, lang));
                ui::cell_muted(e.detail);
            });
        ui::end_table();
    }
    ui::space(0.5f);
    if (m_next_before_id) {
        if (ui::submit_button(lang, i18n::tr(lang, Msg::AuditOlder), "audit-older", m_page.in_flight())) {
            api::AuditQuery next = m_query;
            next.before_id = m_next_before_id;
            m_page = api::search_audit(next);
        }
    } else {
        ui::text_muted(i18n::tr(lang, Msg::AuditEnd));
    }
}

} // namespace mimamori::web
