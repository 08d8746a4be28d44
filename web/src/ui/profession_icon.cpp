#include "ui/profession_icon.hpp"

#include <cmath>
#include <string>
#include <vector>

#include "imgui.h"
#include "platform/icon_atlas.hpp"
#include "test_hook/test_hook.hpp"
#include "ui/widgets.hpp"

namespace mimamori::web::ui {
namespace {

// The icons' background colours, as in the SVG files (for the stand-in disc).
struct IconColour {
    std::string_view code;
    ImU32 colour;
};
constexpr IconColour kColours[] = {
    {"doctor", IM_COL32(0x2E, 0x64, 0xA8, 255)},
    {"dentist", IM_COL32(0x3B, 0x8C, 0xC2, 255)},
    {"nurse", IM_COL32(0xD0, 0x52, 0x7A, 255)},
    {"pharmacist", IM_COL32(0x7B, 0x52, 0xAB, 255)},
    {"physical_therapist", IM_COL32(0x2E, 0x8B, 0x57, 255)},
    {"occupational_therapist", IM_COL32(0x5E, 0x9A, 0x2E, 255)},
    {"speech_therapist", IM_COL32(0x1E, 0x8C, 0x8C, 255)},
    {"dietitian", IM_COL32(0xD9, 0x82, 0x2B, 255)},
    {"dental_hygienist", IM_COL32(0x4A, 0xA3, 0xA0, 255)},
    {"care_manager", IM_COL32(0xA8, 0x63, 0x2E, 255)},
    {"care_worker", IM_COL32(0xC9, 0x4C, 0x4C, 255)},
    {"helper", IM_COL32(0xB8, 0x86, 0x0B, 255)},
    {"msw", IM_COL32(0x6A, 0x5A, 0xCD, 255)},
    {"welfare_commissioner", IM_COL32(0x8B, 0x6F, 0x47, 255)},
    {"clerk", IM_COL32(0x5F, 0x6B, 0x7A, 255)},
    {"other", IM_COL32(0x7D, 0x85, 0x90, 255)},
};

// Index of the profession's icon in the atlas (the order of professions()).
int icon_index(std::string_view code) {
    const auto list = professions();
    for (std::size_t i = 0; i < list.size(); ++i)
        if (list[i].label.code == code) return static_cast<int>(i);
    for (std::size_t i = 0; i < list.size(); ++i)
        if (list[i].label.code == "other") return static_cast<int>(i);
    return 0;
}

ImU32 colour_of(std::string_view code) {
    for (const IconColour& c : kColours)
        if (c.code == code) return c.colour;
    return kColours[std::size(kColours) - 1].colour;
}

void request_atlas(float size_px) {
    // Cells a little larger than shown keep the icons sharp when they are drawn at 1.5 em and
    // at 2 em; a new texture only when the font size changes (pixel ratio, zoom).
    const int cell = static_cast<int>(std::ceil(size_px * 1.34f / 8.0f)) * 8;
    if (cell == icon_atlas::cell_px()) return;
    std::vector<std::string> urls;
    for (const ProfessionInfo& p : professions()) urls.push_back("icons/professions/" + std::string(p.label.code) + ".svg");
    icon_atlas::request(urls, cell);
}

} // namespace

void profession_icon(std::string_view code, Lang lang, float size_em) {
    const float size = std::round(size_em * em());
    request_atlas(1.5f * em());
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const auto profession = profession_from_code(code);
    const std::string name(profession ? label(*profession).in(lang) : label(Profession::Other).in(lang));
    if (icon_atlas::ready()) {
        const int index = icon_index(code);
        ImGui::Image(icon_atlas::texture(), ImVec2(size, size), icon_atlas::uv0(index), icon_atlas::uv1(index));
    } else {
        ImDrawList* draw = ImGui::GetWindowDrawList();
        const ImVec2 centre(pos.x + size * 0.5f, pos.y + size * 0.5f);
        draw->AddCircleFilled(centre, size * 0.5f, colour_of(code));
        const std::string letter(code.empty() ? "?" : std::string(1, static_cast<char>(code[0] - 'a' + 'A')));
        const ImVec2 text = ImGui::CalcTextSize(letter.c_str());
        draw->AddText(ImVec2(centre.x - text.x * 0.5f, centre.y - text.y * 0.5f), IM_COL32_WHITE, letter.c_str());
        ImGui::Dummy(ImVec2(size, size));
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", name.c_str());
    test_hook::describe_last_item(test_hook::Kind::Image, code, name);
}

} // namespace mimamori::web::ui
