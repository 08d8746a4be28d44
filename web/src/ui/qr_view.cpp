#include "ui/qr_view.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "imgui.h"
#include "test_hook/test_hook.hpp"
#include "ui/widgets.hpp"

namespace mimamori::web::ui {
namespace {
constexpr int kQuietZoneModules = 4; // ISO/IEC 18004 §6.3.8
constexpr ImU32 kDark = IM_COL32(0, 0, 0, 255);
constexpr ImU32 kLight = IM_COL32(255, 255, 255, 255);
} // namespace

void qr_code(const qr::QrCode& code, float max_size_em, const char* label) {
    const int modules = code.size() + 2 * kQuietZoneModules;
    // ImGui's coordinates are device pixels (runtime.hpp): whole pixels per module, and the
    // symbol placed on a whole pixel, keep every edge sharp.
    const float module = std::max(1.0f, std::floor(max_size_em * em() / static_cast<float>(modules)));
    const float side = module * static_cast<float>(modules);
    const ImVec2 cursor = ImGui::GetCursorScreenPos();
    const ImVec2 origin(std::round(cursor.x), std::round(cursor.y));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(origin, ImVec2(origin.x + side, origin.y + side), kLight);
    for (int y = 0; y < code.size(); ++y) {
        int x = 0;
        while (x < code.size()) {
            if (!code.get(x, y)) {
                ++x;
                continue;
            }
            // A run of dark modules in a row as one rectangle: fewer vertices, no seams.
            const int start = x;
            while (x < code.size() && code.get(x, y)) ++x;
            const float top = origin.y + static_cast<float>(y + kQuietZoneModules) * module;
            dl->AddRectFilled(ImVec2(origin.x + static_cast<float>(start + kQuietZoneModules) * module, top),
                              ImVec2(origin.x + static_cast<float>(x + kQuietZoneModules) * module, top + module),
                              kDark);
        }
    }
    ImGui::SetCursorScreenPos(origin);
    ImGui::Dummy(ImVec2(side, side));
    test_hook::describe_last_item(test_hook::Kind::Image, std::to_string(code.size()), label);
}

} // namespace mimamori::web::ui
