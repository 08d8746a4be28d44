#include "app.hpp"

#include <algorithm>
#include <string>

#include "imgui.h"

#include "i18n/i18n.hpp"
#include "platform/error_report.hpp"
#include "platform/http.hpp"
#include "platform/router.hpp"
#include "platform/settings.hpp"
#include "test_hook/test_hook.hpp"
#include "ui/fonts.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace mimamori::web {
namespace {
using i18n::Msg;
constexpr float kColumnMaxEm = 44.0f; // a readable line length on wide screens
constexpr float kHeaderHeightEm = 4.0f;
constexpr const char* kLanguageSetting = "lang";
} // namespace

App::App() {
    // Japanese unless this device was switched to English before.
    if (settings::load(kLanguageSetting) == "en") m_state.lang = Lang::En;
}

void App::build_fonts(ImFontAtlas& atlas, float px_per_css_px) { m_fonts.build(atlas, px_per_css_px); }

void App::apply_style(float px_per_css_px) { ui::apply_theme(px_per_css_px); }

bool App::interactive() const {
    const std::string& route = router::current();
    const bool start = route == "/" || route == "/health";
    return m_fonts.loaded() && (!start || m_start.ready());
}

void App::load_font() {
    // The bundle's font (preloaded by index.html). Without it nothing Japanese can be drawn: the
    // page then asks to be reloaded.
    m_font_requested = true;
    http::send({.url = "mimamori-ja.ttf"}, [this](Result<http::Response> response) {
        if (!response || response->status != 200) {
            fail(response ? "font: HTTP " + std::to_string(response->status) : response.error().message, "font");
            return;
        }
        m_fonts.set_data(std::move(response->body));
        runtime::request_font_rebuild();
    });
}

void App::set_language(Lang lang) {
    m_state.lang = lang;
    settings::save(kLanguageSetting, lang == Lang::Ja ? "ja" : "en");
}

void App::draw_logo(float size) {
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

void App::draw_header() {
    const Lang lang = m_state.lang;
    const float em = ui::em();
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float height = kHeaderHeightEm * em;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(vp->Pos, ImVec2(vp->Pos.x + vp->Size.x, vp->Pos.y + height), ui::color::kCard);
    dl->AddLine(ImVec2(vp->Pos.x, vp->Pos.y + height), ImVec2(vp->Pos.x + vp->Size.x, vp->Pos.y + height),
                ui::color::kCardBorder, ImGui::GetStyle().FrameBorderSize);

    const float pad = 1.0f * em;
    const float logo = 2.4f * em;
    // The language switch, right-aligned.
    const ImGuiStyle& style = ImGui::GetStyle();
    const char* ja = i18n::tr(lang, Msg::LanguageJapanese);
    const char* en = i18n::tr(lang, Msg::LanguageEnglish);
    const float switch_width = ImGui::CalcTextSize(ja).x + ImGui::CalcTextSize(en).x + 4.0f * style.FramePadding.x +
                               0.4f * em;
    const float switch_x = vp->Pos.x + vp->Size.x - pad - switch_width;
    ImGui::SetCursorScreenPos(ImVec2(switch_x, vp->Pos.y + (height - ImGui::GetFrameHeight()) * 0.5f));
    if (ui::toggle(ja, "lang-ja", lang == Lang::Ja)) set_language(Lang::Ja);
    ImGui::SameLine(0.0f, 0.4f * em);
    if (ui::toggle(en, "lang-en", lang == Lang::En)) set_language(Lang::En);

    ImGui::SetCursorScreenPos(ImVec2(vp->Pos.x + pad, vp->Pos.y + (height - logo) * 0.5f));
    draw_logo(logo);
    ImGui::SameLine(0.0f, 0.6f * em);

    // The name, and the tagline, where they fit beside the language switch (a phone shows the
    // logo alone; the name is also the page's title).
    ImGui::PushFont(ui::heading_font());
    const float name_height = ImGui::GetTextLineHeight();
    const float name_width = ImGui::CalcTextSize(i18n::tr(lang, Msg::AppName)).x;
    ImGui::PopFont();
    const float room = switch_x - ImGui::GetCursorScreenPos().x - 0.6f * em;
    const bool wide = ImGui::CalcTextSize(i18n::tr(lang, Msg::AppTagline)).x <= room;
    if (name_width > room) {
        ImGui::SetCursorScreenPos(ImVec2(vp->Pos.x, vp->Pos.y + height));
        return;
    }
    const float block = wide ? name_height + ImGui::GetTextLineHeight() : name_height;
    ImGui::SetCursorScreenPos(ImVec2(ImGui::GetCursorScreenPos().x, vp->Pos.y + (height - block) * 0.5f));
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
    ImGui::SetCursorScreenPos(ImVec2(vp->Pos.x, vp->Pos.y + height));
}

void App::draw() {
    if (!m_font_requested) load_font();

    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->Pos);
    ImGui::SetNextWindowSize(vp->Size);
    constexpr ImGuiWindowFlags kRootFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                            ImGuiWindowFlags_NoSavedSettings |
                                            ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0.0f, 0.0f));
    ImGui::Begin("##root", nullptr, kRootFlags);
    ImGui::PopStyleVar();
    draw_header();

    // The screen, in a centred column that scrolls on its own when it is taller than the window.
    const float em = ui::em();
    const float margin = 1.0f * em;
    const float column = std::min(vp->Size.x - 2.0f * margin, kColumnMaxEm * em);
    ImGui::SetCursorScreenPos(ImVec2(vp->Pos.x + (vp->Size.x - column) * 0.5f, ImGui::GetCursorScreenPos().y));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0.0f, 1.5f * em));
    ImGui::BeginChild("##screen", ImVec2(column, 0.0f), ImGuiChildFlags_AlwaysUseWindowPadding);
    const std::string& route = router::current();
    if (route == "/" || route == "/health") {
        m_start.draw();
    } else if (route == "/about") {
        m_about.draw();
    } else {
        m_not_found.draw();
    }
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::End();
}

} // namespace mimamori::web
