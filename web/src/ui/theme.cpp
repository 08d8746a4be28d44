#include "ui/theme.hpp"

#include <algorithm>
#include <cmath>

namespace mimamori::web::ui {
namespace {
ImVec4 v4(ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); }
ImVec4 with_alpha(ImU32 c, float a) {
    ImVec4 v = v4(c);
    v.w = a;
    return v;
}
} // namespace

void apply_theme(float px_per_css_px) {
    ImGuiStyle style;
    const float em = kBodyFontPx * px_per_css_px;
    // Hairlines stay one device pixel wide at least; ImGui draws borders of 0 or 1 "thickness".
    const float line = std::max(1.0f, std::round(px_per_css_px));

    style.WindowPadding = ImVec2(1.0f * em, 1.0f * em);
    style.FramePadding = ImVec2(0.75f * em, 0.5f * em);
    style.ItemSpacing = ImVec2(0.6f * em, 0.6f * em);
    style.ItemInnerSpacing = ImVec2(0.4f * em, 0.4f * em);
    style.IndentSpacing = 1.2f * em;
    style.ScrollbarSize = 0.8f * em;
    style.GrabMinSize = 0.8f * em;
    style.WindowRounding = 0.0f;
    style.ChildRounding = 0.5f * em;
    style.FrameRounding = 0.4f * em;
    style.PopupRounding = 0.4f * em;
    style.ScrollbarRounding = 0.4f * em;
    style.GrabRounding = 0.4f * em;
    style.WindowBorderSize = 0.0f;
    style.ChildBorderSize = 0.0f;
    style.FrameBorderSize = line;
    style.TouchExtraPadding = ImVec2(0.0f, 0.0f);
    style.DisplaySafeAreaPadding = ImVec2(0.0f, 0.0f);
    style.MouseCursorScale = px_per_css_px;
    style.CellPadding = ImVec2(0.5f * em, 0.35f * em);
    style.PopupBorderSize = line;

    ImVec4* c = style.Colors;
    c[ImGuiCol_Text] = v4(color::kText);
    c[ImGuiCol_TextDisabled] = v4(color::kMuted);
    c[ImGuiCol_WindowBg] = v4(color::kPaper);
    c[ImGuiCol_ChildBg] = with_alpha(color::kPaper, 0.0f);
    c[ImGuiCol_PopupBg] = v4(color::kCard);
    c[ImGuiCol_Border] = v4(color::kCardBorder);
    c[ImGuiCol_BorderShadow] = with_alpha(color::kText, 0.0f);
    c[ImGuiCol_FrameBg] = v4(color::kCard);
    c[ImGuiCol_FrameBgHovered] = v4(color::kCard);
    c[ImGuiCol_FrameBgActive] = v4(color::kCard);
    c[ImGuiCol_Button] = v4(color::kPrimary);
    c[ImGuiCol_ButtonHovered] = v4(color::kPrimaryHover);
    c[ImGuiCol_ButtonActive] = v4(color::kPrimaryActive);
    c[ImGuiCol_Header] = v4(color::kPrimarySoft);
    c[ImGuiCol_HeaderHovered] = v4(color::kPrimarySoft);
    c[ImGuiCol_HeaderActive] = v4(color::kPrimarySoft);
    c[ImGuiCol_CheckMark] = v4(color::kPrimary);
    c[ImGuiCol_SliderGrab] = v4(color::kPrimary);
    c[ImGuiCol_SliderGrabActive] = v4(color::kPrimaryActive);
    c[ImGuiCol_ScrollbarBg] = with_alpha(color::kPaper, 0.0f);
    c[ImGuiCol_ScrollbarGrab] = with_alpha(color::kMuted, 0.35f);
    c[ImGuiCol_ScrollbarGrabHovered] = with_alpha(color::kMuted, 0.55f);
    c[ImGuiCol_ScrollbarGrabActive] = with_alpha(color::kMuted, 0.75f);
    c[ImGuiCol_Separator] = v4(color::kCardBorder);
    c[ImGuiCol_TextSelectedBg] = with_alpha(color::kPrimary, 0.25f);
    c[ImGuiCol_NavHighlight] = v4(color::kPrimary);
    c[ImGuiCol_ModalWindowDimBg] = with_alpha(color::kText, 0.35f);
    c[ImGuiCol_TableHeaderBg] = v4(color::kPrimarySoft);
    c[ImGuiCol_TableBorderStrong] = v4(color::kCardBorder);
    c[ImGuiCol_TableBorderLight] = v4(color::kCardBorder);
    c[ImGuiCol_TableRowBg] = v4(color::kCard);
    c[ImGuiCol_TableRowBgAlt] = v4(color::kRowAlt);
    c[ImGuiCol_PopupBg] = v4(color::kCard);
    c[ImGuiCol_SeparatorHovered] = v4(color::kPrimary);
    c[ImGuiCol_SeparatorActive] = v4(color::kPrimary);
    ImGui::GetStyle() = style;
}

} // namespace mimamori::web::ui
