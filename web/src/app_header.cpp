#include "app_header.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "i18n/i18n.hpp"
#include "imgui.h"
#include "menu.hpp"
#include "platform/router.hpp"
#include "platform/settings.hpp"
#include "session/session.hpp"
#include "test_hook/test_hook.hpp"
#include "ui/fonts.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"
#include "vocabulary_text.hpp"

namespace mimamori::web {
namespace {
using i18n::Msg;
constexpr float kTopRowEm = 4.0f;
constexpr const char* kLanguageSetting = "lang";

float button_width(const char* text) {
    return ImGui::CalcTextSize(text).x + 2.0f * ImGui::GetStyle().FramePadding.x;
}

void band(float top, float bottom) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(vp->Pos.x, top), ImVec2(vp->Pos.x + vp->Size.x, bottom), ui::color::kCard);
    dl->AddLine(ImVec2(vp->Pos.x, bottom), ImVec2(vp->Pos.x + vp->Size.x, bottom), ui::color::kCardBorder,
                ImGui::GetStyle().FrameBorderSize);
}

// The menu entry of `route` is selected on its screen and the screen's deeper routes.
bool on_route(std::string_view route) {
    const std::string& current = router::current();
    if (route == "/") return current == "/";
    return current == route || (current.starts_with(route) && current.size() > route.size() &&
                                current[route.size()] == '/');
}

} // namespace

void AppHeader::draw_logo(float size) {
    // The favicon's mark: a house holding a heart, drawn in em so it scales with the text.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float u = size / 64.0f; // favicon.svg units
    auto at = [&](float x, float y) { return ImVec2(p.x + x * u, p.y + y * u); };
    dl->AddRectFilled(p, at(64, 64), ui::color::kPrimary, 14 * u);
    dl->AddTriangleFilled(at(32, 11), at(55, 30), at(9, 30), ui::color::kPaper); // the roof
    dl->AddRectFilled(at(15, 29.5f), at(49, 53), ui::color::kPaper);            // the walls
    dl->AddCircleFilled(at(26, 33), 6 * u, ui::color::kHeart);
    dl->AddCircleFilled(at(38, 33), 6 * u, ui::color::kHeart);
    dl->AddTriangleFilled(at(20.6f, 35.5f), at(43.4f, 35.5f), at(32, 47), ui::color::kHeart);
    ImGui::Dummy(ImVec2(size, size));
}

float AppHeader::draw_controls(float left, float right, float y, float row_height) {
    const Lang lang = m_state.lang;
    const float em = ui::em();
    const float gap = 0.6f * em;
    const bool signed_in = m_state.session.signed_in();
    const bool kiosk = signed_in && m_state.session.me->kiosk;
    const char* ja = i18n::tr(lang, Msg::LanguageJapanese);
    const char* en = i18n::tr(lang, Msg::LanguageEnglish);
    // Full: both languages and the long kiosk label; compact (a phone): one button to the other
    // language and a short label.
    const char* sign_out_full = i18n::tr(lang, kiosk ? Msg::KioskSwitchUser : Msg::SignOut);
    const char* sign_out_short = i18n::tr(lang, kiosk ? Msg::KioskSwitchUserShort : Msg::SignOut);
    const float full = button_width(ja) + button_width(en) + 0.4f * em + (signed_in ? button_width(sign_out_full) + gap : 0.0f);
    const bool compact = right - full < left;
    const char* other_language = lang == Lang::Ja ? en : ja;
    const float lang_width = compact ? button_width(other_language) : button_width(ja) + button_width(en) + 0.4f * em;
    const char* sign_out = compact ? sign_out_short : sign_out_full;
    const float sign_out_width = signed_in ? button_width(sign_out) + gap : 0.0f;

    // The person's name and role, as far as they fit left of the buttons (a phone shows neither).
    std::string who;
    if (signed_in) {
        const std::string name = m_state.session.me->account.name.empty() ? m_state.session.me->account.login
                                                                          : m_state.session.me->account.name;
        const std::string roles = roles_text(lang, m_state.session.principal);
        const float room = right - lang_width - sign_out_width - gap - 12.0f * em - left;
        const std::string with_roles = lang == Lang::Ja ? name + "（" + roles + "）" : name + " (" + roles + ")";
        if (ImGui::CalcTextSize(with_roles.c_str()).x <= room) {
            who = with_roles;
        } else if (ImGui::CalcTextSize(name.c_str()).x <= room) {
            who = name;
        }
    }
    const float who_width = who.empty() ? 0.0f : ImGui::CalcTextSize(who.c_str()).x + gap;
    m_name_shown = !who.empty();
    const float start = right - lang_width - sign_out_width - who_width;
    const float button_y = y + (row_height - ImGui::GetFrameHeight()) * 0.5f;

    float x = start;
    if (!who.empty()) {
        ImGui::SetCursorScreenPos(ImVec2(x, y + (row_height - ImGui::GetTextLineHeight()) * 0.5f));
        if (ui::link(who.c_str(), "nav-account")) router::navigate("/account");
        x += who_width;
    }
    if (signed_in) {
        ImGui::SetCursorScreenPos(ImVec2(x, button_y));
        const bool pressed = kiosk ? ui::button(sign_out, "header-signout") : ui::secondary_button(sign_out, "header-signout");
        if (pressed) session::end(m_state, SessionEnd::SignedOut);
        x += sign_out_width;
    }
    ImGui::SetCursorScreenPos(ImVec2(x, button_y));
    auto set_language = [this](Lang l) {
        m_state.lang = l;
        settings::save(kLanguageSetting, l == Lang::Ja ? "ja" : "en");
    };
    if (compact) {
        if (ui::secondary_button(other_language, lang == Lang::Ja ? "lang-en" : "lang-ja")) {
            set_language(lang == Lang::Ja ? Lang::En : Lang::Ja);
        }
    } else {
        if (ui::toggle(ja, "lang-ja", lang == Lang::Ja)) set_language(Lang::Ja);
        ImGui::SameLine(0.0f, 0.4f * em);
        if (ui::toggle(en, "lang-en", lang == Lang::En)) set_language(Lang::En);
    }
    return start;
}

void AppHeader::draw() {
    const Lang lang = m_state.lang;
    const float em = ui::em();
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float top = vp->Pos.y;
    const float height = kTopRowEm * em;
    band(top, top + height);

    const float pad = 1.0f * em;
    const float logo = 2.4f * em;
    const float controls_x = draw_controls(vp->Pos.x + pad + logo + 0.6f * em, vp->Pos.x + vp->Size.x - pad, top, height);

    ImGui::SetCursorScreenPos(ImVec2(vp->Pos.x + pad, top + (height - logo) * 0.5f));
    draw_logo(logo);
    ImGui::SameLine(0.0f, 0.6f * em);

    // The name, and the tagline, where they fit beside the controls (a phone shows the logo
    // alone; the name is also the page's title).
    ImGui::PushFont(ui::heading_font());
    const float name_height = ImGui::GetTextLineHeight();
    const float name_width = ImGui::CalcTextSize(i18n::tr(lang, Msg::AppName)).x;
    ImGui::PopFont();
    const float room = controls_x - ImGui::GetCursorScreenPos().x - 0.6f * em;
    const bool wide = !m_state.session.signed_in() && ImGui::CalcTextSize(i18n::tr(lang, Msg::AppTagline)).x <= room;
    if (name_width <= room) {
        const float block = wide ? name_height + ImGui::GetTextLineHeight() : name_height;
        ImGui::SetCursorScreenPos(ImVec2(ImGui::GetCursorScreenPos().x, top + (height - block) * 0.5f));
        ImGui::BeginGroup();
        ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0.0f, 0.0f));
        ImGui::PushFont(ui::heading_font());
        ImGui::PushStyleColor(ImGuiCol_Text, ui::color::kPrimary);
        ImGui::TextUnformatted(i18n::tr(lang, Msg::AppName));
        ImGui::PopStyleColor();
        test_hook::describe_last_item(test_hook::Kind::Heading, i18n::tr(lang, Msg::AppName));
        ImGui::PopFont();
        if (wide) ui::text_muted(i18n::tr(lang, Msg::AppTagline));
        ImGui::PopStyleVar();
        ImGui::EndGroup();
    }
    if (m_state.session.signed_in() && !m_state.session.me->must_change_password) {
        draw_menu(top + height);
    } else {
        ImGui::SetCursorScreenPos(ImVec2(vp->Pos.x, top + height));
    }
}

void AppHeader::draw_menu(float top) {
    const Lang lang = m_state.lang;
    const float em = ui::em();
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float pad = 1.0f * em;
    const float gap = 0.4f * em;
    const float row = ImGui::GetFrameHeight() + gap;

    struct Item {
        const char* text;
        const char* id;
        std::string_view route;
    };
    std::vector<Item> items{{i18n::tr(lang, Msg::NavHome), "nav-home", "/"}};
    for (const MenuEntry* e : allowed_menu(m_state.session.principal)) items.push_back({i18n::tr(lang, e->label), e->id, e->route});
    // One's own account, where the name above (a link to it) does not fit: a phone.
    if (!m_name_shown) items.push_back({i18n::tr(lang, Msg::AccountTitle), "menu-account", "/account"});
    // Where each entry goes: left to right, wrapping on a narrow screen.
    std::vector<ImVec2> at;
    float x = vp->Pos.x + pad;
    float y = top + gap;
    for (const Item& item : items) {
        const float w = button_width(item.text);
        if (x > vp->Pos.x + pad && x + w > vp->Pos.x + vp->Size.x - pad) {
            x = vp->Pos.x + pad;
            y += row;
        }
        at.emplace_back(x, y);
        x += w + gap;
    }
    const auto lock = session::seconds_to_lock(m_state);
    const bool countdown = m_state.session.me->kiosk && lock && *lock <= 60.0;
    const float height = y + row - top + (countdown ? ImGui::GetTextLineHeightWithSpacing() : 0.0f);
    band(top, top + height);
    for (std::size_t i = 0; i < items.size(); ++i) {
        ImGui::SetCursorScreenPos(at[i]);
        if (ui::toggle(items[i].text, items[i].id, on_route(items[i].route))) router::navigate(items[i].route);
    }
    if (countdown) {
        ImGui::SetCursorScreenPos(ImVec2(vp->Pos.x + pad, y + row));
        ui::status_line(ui::Tone::Warning,
                        i18n::fmt(i18n::tr(lang, Msg::KioskLocksIn), {std::to_string(static_cast<int>(std::ceil(*lock)))}));
    }
    ImGui::SetCursorScreenPos(ImVec2(vp->Pos.x, top + height));
}

} // namespace mimamori::web
