#include "screens/outbox_screen.hpp"

#include <algorithm>

#include "i18n/i18n.hpp"
#include "imgui.h"
#include "platform/clock.hpp"
#include "platform/router.hpp"
#include "ui/form.hpp"
#include "ui/table.hpp"
#include "ui/widgets.hpp"

namespace mimamori::web {
namespace {
using i18n::Msg;
constexpr float kLabelWidthEm = 6.0f;

bool ends_url(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '<' || c == '>' || c == '"'; }

} // namespace

std::vector<std::string> links_in(std::string_view text) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t http = text.find("http", pos);
        if (http == std::string_view::npos) break;
        const std::string_view rest = text.substr(http);
        if (!rest.starts_with("http://") && !rest.starts_with("https://")) {
            pos = http + 4;
            continue;
        }
        std::size_t end = http;
        while (end < text.size() && !ends_url(text[end])) ++end;
        out.emplace_back(text.substr(http, end - http));
        pos = end;
    }
    return out;
}

void OutboxScreen::draw() {
    const Lang lang = m_state.lang;
    if (m_list.not_started()) m_list = api::list_outbox();
    ui::heading(i18n::tr(lang, Msg::NavOutbox));
    ui::space(0.25f);
    ui::text_muted(i18n::tr(lang, Msg::OutboxHelp));
    ui::space(0.25f);
    if (ui::secondary_button(i18n::tr(lang, Msg::Reload), "outbox-reload", !m_list.in_flight())) m_list = api::list_outbox();
    ui::space(0.5f);
    ui::loaded(lang, m_list, [this](const std::vector<api::OutboxMessage>& messages) {
        const auto open = std::find_if(messages.begin(), messages.end(),
                                       [this](const api::OutboxMessage& m) { return m_open && m.id == *m_open; });
        if (open != messages.end()) draw_message(*open);
        draw_list(messages);
    });
}

void OutboxScreen::draw_message(const api::OutboxMessage& m) {
    const Lang lang = m_state.lang;
    ui::begin_card();
    ui::field_row(i18n::tr(lang, Msg::MailSubject), m.subject, kLabelWidthEm);
    ui::field_row(i18n::tr(lang, Msg::MailTo), m.to, kLabelWidthEm);
    ui::field_row(i18n::tr(lang, Msg::MailTime), clock::local_time(m.sent_at.empty() ? m.created_at : m.sent_at),
                  kLabelWidthEm);
    ui::space(0.25f);
    ui::text(m.body);
    const auto links = links_in(m.body);
    if (!links.empty()) {
        ui::space(0.5f);
        ui::text_muted(i18n::tr(lang, Msg::MailLinks));
        int n = 0;
        for (const std::string& url : links) {
            ImGui::PushID(n++);
            ui::text(url); // wrapped: a token is longer than a line
            // A link into this app (an invitation) opens here; any link can be copied.
            const auto hash = url.find("#/");
            if (hash != std::string::npos) {
                if (ui::button(i18n::tr(lang, Msg::MailOpenHere), "mail-link-open")) router::navigate(url.substr(hash + 1));
                ImGui::SameLine();
            }
            if (ui::secondary_button(i18n::tr(lang, Msg::Copy), "mail-link-copy")) ImGui::SetClipboardText(url.c_str());
            ImGui::PopID();
        }
        ui::text_muted(i18n::tr(lang, Msg::MailLinkNote));
    }
    ui::space(0.25f);
    if (ui::secondary_button(i18n::tr(lang, Msg::Close), "mail-close")) m_open.reset();
    ui::end_card();
    ui::space(0.75f);
}

void OutboxScreen::draw_list(const std::vector<api::OutboxMessage>& messages) {
    const Lang lang = m_state.lang;
    ui::text_muted(i18n::fmt(i18n::tr(lang, Msg::ItemCount), {std::to_string(messages.size())}));
    if (messages.empty()) return ui::text(i18n::tr(lang, Msg::OutboxEmpty));
    const ui::Column columns[] = {
        {i18n::tr(lang, Msg::MailTime), ui::fitting_width_em(clock::kWidestLocalTime), true},
        {i18n::tr(lang, Msg::MailTo), 2.5f},
        {i18n::tr(lang, Msg::MailSubject), 3.5f}, {i18n::tr(lang, Msg::MailStatus), 1.0f},
        {"", 4.0f, true},
    };
    if (!ui::begin_table("outbox", columns)) return;
    ui::clipped_rows(
        static_cast<int>(messages.size()), [&](int i) { return messages[static_cast<std::size_t>(i)].id; },
        [&](int i) {
            const api::OutboxMessage& m = messages[static_cast<std::size_t>(i)];
            ui::cell_muted(clock::local_time(m.sent_at.empty() ? m.created_at : m.sent_at));
            ui::cell(m.to);
            ui::cell(m.subject);
            ui::cell_muted(m.status);
            ui::next_cell();
            if (ui::secondary_button(i18n::tr(lang, Msg::Open), "mail-open")) m_open = m.id;
        });
    ui::end_table();
}

} // namespace mimamori::web
